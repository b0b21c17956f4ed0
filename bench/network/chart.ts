/**
 * The weak-network call chart (issue 19): received video height and frame rate over time, one small
 * panel per profile, drawn as a dependency-free SVG from a bench results file.
 *
 *   node --import tsx bench/network/chart.ts bench/results/<run>.json docs/images/weak-network-call.svg
 *
 * Reads the `network` report's `details.calls[profile].samples` (one sample a second, see
 * call-run.ts) and writes the SVG; prints which profiles it drew.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { CallRun, CallSample } from './call-run.js';

const PANEL_W = 300;
const PANEL_H = 120;
const PAD = { left: 44, right: 40, top: 26, bottom: 24 };
const COLUMNS = 2;
const HEIGHT_MAX = 720;
const FPS_MAX = 30;

interface Report {
  benchmark?: string;
  details?: { calls?: Record<string, CallRun> };
}

/** The SVG for these calls (profile name -> run), in the order given. */
export function callChartSvg(calls: Record<string, CallRun>, title: string): string {
  const names = Object.keys(calls);
  const rows = Math.ceil(names.length / COLUMNS);
  const cellW = PANEL_W + PAD.left + PAD.right;
  const cellH = PANEL_H + PAD.top + PAD.bottom;
  const width = cellW * COLUMNS;
  const height = cellH * rows + 48;
  const panels = names.map((name, index) => {
    const x = (index % COLUMNS) * cellW + PAD.left;
    const y = Math.floor(index / COLUMNS) * cellH + PAD.top + 40;
    return panel(name, calls[name] as CallRun, x, y);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="12" y="20" font-size="14" font-weight="bold">${escape(title)}</text>
<text x="12" y="36" fill="#1f5fbf">— received video height (px, left axis)</text>
<text x="260" y="36" fill="#c2410c">— received frame rate (fps, right axis)</text>
${panels.join('\n')}
</svg>
`;
}

function panel(name: string, run: CallRun, x: number, y: number): string {
  const samples = run.samples;
  const seconds = Math.max(1, ...samples.map((s) => s.t));
  const px = (t: number): number => x + (t / seconds) * PANEL_W;
  const line = (value: (s: CallSample) => number, max: number): string =>
    // A gap in the samples (no stats while the network was out) breaks the line instead of bridging it.
    samples
      .map((s, i) => `${i === 0 || s.t - (samples[i - 1] as CallSample).t > 1.5 ? 'M' : 'L'}${px(s.t).toFixed(1)},${(y + PANEL_H - (Math.min(value(s), max) / max) * PANEL_H).toFixed(1)}`)
      .join(' ');
  const caption = `${name}: frozen ${run.frozenSecondsPerMinute.toFixed(1)} s/min, longest ${(run.longestFreezeMs / 1000).toFixed(1)} s`;
  return `<g>
<text x="${x}" y="${y - 8}" font-weight="bold">${escape(caption)}</text>
<rect x="${x}" y="${y}" width="${PANEL_W}" height="${PANEL_H}" fill="#f6f7f9" stroke="#c9ccd1"/>
<text x="${x - 4}" y="${y + 4}" text-anchor="end" fill="#1f5fbf">${HEIGHT_MAX}</text>
<text x="${x - 4}" y="${y + PANEL_H}" text-anchor="end" fill="#1f5fbf">0</text>
<text x="${x + PANEL_W + 4}" y="${y + 4}" fill="#c2410c">${FPS_MAX}</text>
<text x="${x + PANEL_W + 4}" y="${y + PANEL_H}" fill="#c2410c">0</text>
<text x="${x + PANEL_W}" y="${y + PANEL_H + 14}" text-anchor="end" fill="#555">${seconds} s</text>
<path d="${line((s) => s.height, HEIGHT_MAX)}" fill="none" stroke="#1f5fbf" stroke-width="1.5"/>
<path d="${line((s) => s.fps, FPS_MAX)}" fill="none" stroke="#c2410c" stroke-width="1.2"/>
</g>`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const [input, output] = process.argv.slice(2);
if (input !== undefined && output !== undefined) {
  const run = JSON.parse(readFileSync(input, 'utf8')) as { startedAt?: string; reports?: Report[] };
  const calls = run.reports?.find((report) => report.benchmark === 'network')?.details?.calls;
  if (!calls || Object.keys(calls).length === 0) {
    console.error(`${input} has no network calls (was coturn installed?)`);
    process.exit(1);
  }
  writeFileSync(output, callChartSvg(calls, `Calls under impairment, customer -> agent (${run.startedAt ?? 'bench run'})`));
  console.error(`${output}: ${Object.keys(calls).join(', ')}`);
}
