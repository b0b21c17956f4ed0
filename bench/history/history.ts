/**
 * History benchmark: a customer whose conversation holds 10,000 messages opens `<support-chat>`
 * on the demo product page. Measures what the user sees (the client loads the latest page, then
 * older pages as the reader scrolls up): time from opening to the first painted messages, frame
 * intervals while scrolling up through the history, and loading all of it by scrolling; against a
 * plain page that renders all 10,000 texts as `<div>`s at once, in the same browser and run.
 *
 * Knobs: BENCH_HISTORY_MESSAGES (10000), BENCH_HISTORY_LOADS (5), BENCH_SCROLL_FRAMES (240),
 * BENCH_SCROLL_STEP (px per frame, 40), BENCH_LOAD_ALL_MS (budget for loading everything, 60000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../test/support/browser.js';
import { knob, QUICK } from '../lib/config.js';
import { emitReport, figure, progress, type Figure } from '../lib/figures.js';
import { percentile } from '../lib/stats.js';
import { snapshotStaticRoot } from '../lib/static-root.js';
import { startServerChild } from '../relay/server-child.js';
import { chatInitScript, LOAD_ALL, SCROLL_FRAMES } from './page-scripts.js';
import { plainListFiles } from './plain-list-page.js';
import { seedConversation } from './seed.js';

const started = performance.now();
const messages = knob('HISTORY_MESSAGES', 10_000, 10_000);
const loads = knob('HISTORY_LOADS', 5, 2);
const scrollFrames = knob('SCROLL_FRAMES', 240, 90);
const scrollStep = knob('SCROLL_STEP', 40, 40);
const loadAllMs = knob('LOAD_ALL_MS', 60_000, 8_000);
const CUSTOMER = 'cust-bench';
/** A frame slower than 1.5 refresh intervals (60 Hz) shows as a dropped frame. */
const JANK_MS = 25;

interface Marks {
  launcher?: number;
  inDom?: number;
  click?: number;
  shown?: number;
  shownCount?: number;
}
interface ScrollResult {
  intervals: number[];
  items: number;
}

const marksOf = (page: Page): Promise<Marks> => page.evaluate(() => (window as unknown as { __hist: Marks }).__hist);
/** Scrolls up (`step` > 0) or down (`step` < 0) for `scrollFrames` frames. */
const scroll = (page: Page, target: 'chat' | 'plain', step = scrollStep): Promise<ScrollResult> =>
  page.evaluate(`(${SCROLL_FRAMES})(${JSON.stringify({ target, frames: scrollFrames, step })})`) as Promise<ScrollResult>;

const dataDir = mkdtempSync(join(tmpdir(), 'support-bench-history-'));
const snapshot = snapshotStaticRoot();
const figures: Figure[] = [];
const details: Record<string, unknown> = {};
try {
  const seedStarted = performance.now();
  const texts = seedConversation(dataDir, CUSTOMER, messages);
  details['seedMs'] = performance.now() - seedStarted;
  progress(`history: seeded ${messages} messages in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
  for (const [name, text] of Object.entries(plainListFiles(texts.map((t) => t.body)))) snapshot.addPage(name, text);
  const server = await startServerChild('relay-child.ts', { BENCH_DATA_DIR: dataDir, BENCH_STATIC_ROOT: snapshot.dir });
  const browser = await launchChromium();
  const base = `http://127.0.0.1:${server.port}`;
  const cold: number[] = [];
  const warm: number[] = [];
  const shownCounts: number[] = [];
  const plainRender: number[] = [];
  const chatScroll: number[][] = [];
  const plainScroll: number[][] = [];
  const scrolledItems: number[] = [];
  let loadAll: { pages: { ms: number; items: number }[]; totalMs: number; complete: boolean; items: number } | undefined;
  let longListScroll: ScrollResult | undefined;
  try {
    for (let i = 0; i < loads; i += 1) {
      // Cold: the user clicks the launcher the moment it appears (token, socket, history in flight).
      for (const mode of ['cold', 'warm'] as const) {
        const context = await browser.newContext();
        try {
          const page = await context.newPage();
          await page.addInitScript(chatInitScript(CUSTOMER, mode));
          await page.goto(`${base}/`);
          if (mode === 'warm') {
            // Warm: the page has settled and fetched the latest page in the background; then the user opens.
            await page.waitForFunction(() => (window as unknown as { __hist: Marks }).__hist.inDom !== undefined, undefined, { timeout: 20_000 });
            await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
            await page.evaluate(() => (window as unknown as { __openChat: () => void }).__openChat());
          }
          await page.waitForFunction(() => (window as unknown as { __hist: Marks }).__hist.shown !== undefined, undefined, { timeout: 20_000 });
          const marks = await marksOf(page);
          const openMs = (marks.shown ?? Number.NaN) - (marks.click ?? Number.NaN);
          (mode === 'cold' ? cold : warm).push(openMs);
          shownCounts.push(marks.shownCount ?? 0);
          if (mode === 'warm') {
            const result = await scroll(page, 'chat');
            chatScroll.push(result.intervals);
            scrolledItems.push(result.items);
            if (i === 0) {
              loadAll = (await page.evaluate(`(${LOAD_ALL})(${JSON.stringify({ budgetMs: loadAllMs })})`)) as typeof loadAll;
              // Then scroll back down through everything that is now in the list.
              longListScroll = await scroll(page, 'chat', -scrollStep);
            }
          }
        } finally {
          await context.close();
        }
      }
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(`${base}/demo/bench-plain-list.html`);
        plainRender.push(await page.evaluate(() => (window as unknown as { renderPlainList: () => Promise<number> }).renderPlainList()));
        plainScroll.push((await scroll(page, 'plain')).intervals);
      } finally {
        await context.close();
      }
      progress(
        `history: load ${i + 1}/${loads}: open cold ${cold.at(-1)?.toFixed(0)} ms, warm ${warm.at(-1)?.toFixed(0)} ms (${shownCounts.at(-1)} messages), ` +
          `plain list of ${messages} ${plainRender.at(-1)?.toFixed(0)} ms` +
          (i === 0 && loadAll ? `; loaded ${loadAll.items} by scrolling in ${(loadAll.totalMs / 1000).toFixed(1)} s` : ''),
      );
    }
  } finally {
    await browser.close();
    await server.stop();
  }

  const plain = { name: `plain list, ${messages} divs at once`, samples: plainRender };
  const perRun = (runs: number[][], stat: (sorted: number[]) => number): number[] => runs.map((r) => stat([...r].sort((a, b) => a - b)));
  const jank = (r: number[]): number => (100 * r.filter((ms) => ms > JANK_MS).length) / Math.max(1, r.length);
  figures.push(
    figure({
      section: 'history',
      name: 'open chat -> latest messages painted (history fetched in background)',
      unit: 'ms',
      ours: warm,
      baseline: plain,
      target: (ours) => ({ text: '< 100 ms', met: ours.median < 100 }),
      note: `the client shows the latest page (${Math.max(...shownCounts)} messages) and loads older ones on scroll`,
    }),
    figure({
      section: 'history',
      name: 'open chat as soon as the launcher shows -> messages painted (cold)',
      unit: 'ms',
      ours: cold,
      baseline: plain,
      note: 'includes the token request, the WebSocket handshake and the first history page, all started by the click',
    }),
    figure({
      section: 'history',
      name: 'scroll up through history: frame interval p50',
      unit: 'ms',
      ours: perRun(chatScroll, (s) => percentile(s, 50)),
      baseline: { name: 'plain list', samples: perRun(plainScroll, (s) => percentile(s, 50)) },
      note: `${scrollFrames} frames at ${scrollStep} px/frame; older pages load on the way (${Math.max(...scrolledItems)} messages rendered at the end)`,
    }),
    figure({
      section: 'history',
      name: 'scroll up through history: frame interval p95',
      unit: 'ms',
      ours: perRun(chatScroll, (s) => percentile(s, 95)),
      baseline: { name: 'plain list', samples: perRun(plainScroll, (s) => percentile(s, 95)) },
    }),
    figure({
      section: 'history',
      name: `scroll up through history: frames over ${JANK_MS} ms`,
      unit: '%',
      ours: chatScroll.map(jank),
      baseline: { name: 'plain list', samples: plainScroll.map(jank) },
    }),
  );
  if (longListScroll) {
    const sorted = [...longListScroll.intervals].sort((a, b) => a - b);
    const plainSorted = plainScroll.map((r) => [...r].sort((a, b) => a - b));
    figures.push(
      figure({
        section: 'history',
        name: `scroll down the loaded list (${longListScroll.items} messages in it): frame interval p95`,
        unit: 'ms',
        ours: [percentile(sorted, 95)],
        baseline: { name: 'plain list', samples: plainSorted.map((r) => percentile(r, 95)) },
        note: `max ${sorted.at(-1)?.toFixed(0)} ms`,
      }),
    );
  }
  if (loadAll && loadAll.pages.length > 0) {
    const lastPages = loadAll.pages.slice(-5).map((p) => p.ms);
    figures.push(
      figure({
        section: 'history',
        name: `scroll to the top until all is loaded: ${loadAll.items} of ${messages} in ${Math.round(loadAll.totalMs / 1000)} s${loadAll.complete ? '' : ' (budget ran out)'}`,
        unit: 'ms',
        ours: [loadAll.totalMs],
        baseline: plain,
        note: `${loadAll.pages.length} pages`,
      }),
      figure({
        section: 'history',
        name: `one more older page with ${loadAll.items} messages in the list: top -> painted`,
        unit: 'ms',
        ours: lastPages,
        baseline: plain,
      }),
    );
  }
  details['loadAll'] = loadAll;
  details['shownCounts'] = shownCounts;
  details['scrolledItems'] = scrolledItems;
} finally {
  snapshot.remove();
  rmSync(dataDir, { recursive: true, force: true });
}

emitReport({
  benchmark: 'history',
  config: { quick: QUICK, messages, loads, scrollFrames, scrollStep, loadAllMs },
  figures,
  details,
  wallMs: performance.now() - started,
});
