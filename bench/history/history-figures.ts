/**
 * The history benchmark's table rows: the windowed list against a plain list of every text for
 * opening and scrolling, and against the list before windowing (same run, same relay, same data)
 * for the climb to the top, the last pages and the DOM it leaves.
 */
import { figure, type Figure } from '../lib/figures.js';
import { percentile } from '../lib/stats.js';
import type { ChatRun } from './chat-run.js';

/** A frame slower than 1.5 refresh intervals (60 Hz) shows as a dropped frame. */
const JANK_MS = 25;

export interface PlainRun {
  render: number[];
  scroll: number[][];
  nodes: { elements: number; all: number };
}

const sorted = (samples: readonly number[]): number[] => [...samples].sort((a, b) => a - b);
const perRun = (runs: number[][], p: number): number[] => runs.map((r) => percentile(sorted(r), p));
const jank = (r: number[]): number => (100 * r.filter((ms) => ms > JANK_MS).length) / Math.max(1, r.length);
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export function historyFigures(input: { messages: number; scrollFrames: number; scrollStep: number; ours: ChatRun; plain: PlainRun; before: ChatRun | undefined }): Figure[] {
  const { messages, ours, plain, before } = input;
  const plainList = { name: `plain list, ${messages} divs at once`, samples: plain.render };
  const beforeNote = (text: string): string => (before ? `before windowing: ${text}` : 'no baseline build');
  const figures: Figure[] = [
    figure({
      section: 'history',
      name: 'open chat -> latest messages painted (history fetched in background)',
      unit: 'ms',
      ours: ours.warm,
      baseline: plainList,
      target: (s) => ({ text: '< 100 ms', met: s.median < 100 }),
      note: `the client shows the latest page (${Math.max(...ours.shownCounts)} messages); ${beforeNote(`${before?.warm.map((ms) => ms.toFixed(0)).join(', ')} ms`)}`,
    }),
    figure({
      section: 'history',
      name: 'open chat as soon as the launcher shows -> messages painted (cold)',
      unit: 'ms',
      ours: ours.cold,
      baseline: plainList,
      note: 'includes the token request, the WebSocket handshake and the first history page, all started by the click',
    }),
    figure({
      section: 'history',
      name: 'scroll up through history: frame interval p95',
      unit: 'ms',
      ours: perRun(ours.scroll, 95),
      baseline: { name: 'plain list', samples: perRun(plain.scroll, 95) },
      note: `${input.scrollFrames} frames at ${input.scrollStep} px/frame, older pages load on the way; p50 ${perRun(ours.scroll, 50).map((ms) => ms.toFixed(1)).join(', ')} ms; ${beforeNote(`p95 ${perRun(before?.scroll ?? [], 95).map((ms) => ms.toFixed(1)).join(', ')} ms`)}`,
    }),
    figure({
      section: 'history',
      name: `scroll up through history: frames over ${JANK_MS} ms`,
      unit: '%',
      ours: ours.scroll.map(jank),
      baseline: { name: 'plain list', samples: plain.scroll.map(jank) },
    }),
  ];
  const climb = ours.loadAll;
  if (climb) {
    const old = before?.loadAll;
    const oldClimb = old ? { name: `list before windowing: ${old.loaded} of ${messages} in ${seconds(old.totalMs)}${old.complete ? '' : ' (budget ran out)'}`, samples: [old.totalMs] } : undefined;
    figures.push(
      figure({
        section: 'history',
        name: `scroll from the newest message to the top of ${messages} (pages loading on the way): ${climb.loaded} loaded${climb.complete ? '' : ' (budget ran out)'}`,
        unit: 'ms',
        ours: [climb.totalMs],
        ...(oldClimb ? { baseline: oldClimb } : {}),
        target: (s) => ({ text: '< 10 s', met: climb.complete && s.median < 10_000 }),
        note: `${climb.pages.length} pages; the plain list shows all ${messages} in ${plain.render.map((ms) => ms.toFixed(0)).join(', ')} ms`,
      }),
      figure({
        section: 'history',
        name: `scroll to the top of ${messages}: frame interval p95`,
        unit: 'ms',
        ours: [percentile(sorted(climb.intervals), 95)],
        ...(old ? { baseline: { name: 'list before windowing', samples: [percentile(sorted(old.intervals), 95)] } } : {}),
        target: (s) => ({ text: '< 50 ms', met: s.median < 50 }),
        note: `${climb.intervals.length} frames, max ${sorted(climb.intervals).at(-1)?.toFixed(0)} ms${old ? `; before: max ${sorted(old.intervals).at(-1)?.toFixed(0)} ms` : ''}`,
      }),
      figure({
        section: 'history',
        name: `one more older page with ${climb.pages.at(-1)?.loaded ?? 0} messages loaded: top -> painted`,
        unit: 'ms',
        ours: climb.pages.slice(-5).map((p) => p.ms),
        ...(old ? { baseline: { name: `list before windowing, at ${old.pages.at(-1)?.loaded ?? 0} loaded`, samples: old.pages.slice(-5).map((p) => p.ms) } } : {}),
        target: (s) => ({ text: '< 50 ms', met: s.median < 50 }),
        note: 'the last 5 pages of the climb (each includes the history request to the relay)',
      }),
      figure({
        section: 'history',
        name: `DOM elements in the message list with ${climb.loaded} messages loaded`,
        unit: 'nodes',
        ours: [climb.nodes.elements],
        ...(old ? { baseline: { name: `list before windowing, ${old.loaded} loaded`, samples: [old.nodes.elements] } } : {}),
        target: (s) => ({ text: '< 1,500', met: climb.complete && s.median < 1500 }),
        note: `${climb.rendered} messages rendered; ${climb.nodes.all} nodes with text; the plain list of ${messages}: ${plain.nodes.elements} elements, ${plain.nodes.all} nodes`,
      }),
    );
  }
  if (ours.longListScroll) {
    const intervals = sorted(ours.longListScroll.intervals);
    figures.push(
      figure({
        section: 'history',
        name: `scroll down the loaded list (${climb?.loaded ?? '?'} messages loaded): frame interval p95`,
        unit: 'ms',
        ours: [percentile(intervals, 95)],
        baseline: { name: 'plain list', samples: perRun(plain.scroll, 95) },
        note: `max ${intervals.at(-1)?.toFixed(0)} ms${before?.longListScroll ? `; before windowing (${before.loadAll?.loaded} loaded): p95 ${percentile(sorted(before.longListScroll.intervals), 95).toFixed(1)} ms` : ''}`,
      }),
    );
  }
  return figures;
}
