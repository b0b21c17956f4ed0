/**
 * Desk benchmark (issue 15.3): the agent desk of a shop with 10,000 conversations, and the desk's
 * search over 1,000,000 messages.
 *
 * 1. Open: the demo agent desk (`/agent/`, the script-tag build) on a relay whose store holds the
 *    conversations; navigation -> first queue rows painted, against a plain page that renders the
 *    same 10,000 rows at once, in the same browser and run. Then the whole queue is loaded page by
 *    page and the list jumps to its end: rows in the DOM and time to the painted end.
 * 2. Search: the relay's `DeskSearch` on a store seeded with BENCH_DESK_MESSAGES messages (English
 *    and Chinese, one transaction, then indexed by the relay's `SearchIndexer`): p50 per query
 *    against a same-run LIKE scan, plus what the index queue adds to a durable send.
 *
 * Knobs: BENCH_DESK_CONVERSATIONS (10000), BENCH_DESK_MESSAGES (1000000; quick 100000),
 * BENCH_DESK_LOADS (5; quick 2), BENCH_DESK_ROUNDS (search rounds, 25; quick 10).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../test/support/browser.js';
import { knob } from '../lib/config.js';
import { emitReport, figure, progress, type Figure } from '../lib/figures.js';
import { snapshotStaticRoot } from '../lib/static-root.js';
import { startServerChild } from '../relay/server-child.js';
import { DESK_INIT, JUMP_TO_END, LOAD_WHOLE_QUEUE, MOUNT_LOADED_DESK, plainQueueFiles } from './desk-pages.js';
import { searchFigures, sendCostFigure } from './search-figures.js';
import { seedBody, seedDesk } from './seed.js';

const started = performance.now();
const conversations = knob('DESK_CONVERSATIONS', 10_000, 10_000);
const messages = knob('DESK_MESSAGES', 1_000_000, 100_000);
const loads = knob('DESK_LOADS', 5, 2);
const rounds = knob('DESK_ROUNDS', 25, 10);

interface Marks {
  painted?: number;
  renderMs?: number;
  rows?: number;
}

/** Opens `url` in a fresh context; resolves with the page's paint mark once it is there. */
async function open(browser: Browser, url: string, init?: string): Promise<{ marks: Marks; close: () => Promise<void>; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  if (init) await page.addInitScript(init);
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __desk?: Marks }).__desk?.painted !== undefined, undefined, { timeout: 30_000 });
  const marks = await page.evaluate(() => (window as unknown as { __desk: Marks }).__desk);
  return { marks, page, close: () => context.close() };
}

const figures: Figure[] = [];
const details: Record<string, unknown> = {};

// 1. The desk with 10,000 conversations (one message each, the newest last).
const deskDir = mkdtempSync(join(tmpdir(), 'support-bench-desk-'));
const snapshot = snapshotStaticRoot();
try {
  details['deskSeed'] = seedDesk(deskDir, conversations, conversations, { otherShop: false, progress });
  const rows = Array.from({ length: conversations }, (_, c) => ({ name: `Customer ${conversations - 1 - c}`, preview: seedBody(conversations - 1 - c) }));
  for (const [name, text] of Object.entries(plainQueueFiles(rows))) snapshot.addPage(name, text);
  const server = await startServerChild('relay-child.ts', { BENCH_DATA_DIR: deskDir, BENCH_STATIC_ROOT: snapshot.dir });
  const browser = await launchChromium();
  const base = `http://127.0.0.1:${server.port}`;
  const desk: number[] = [];
  const plain: number[] = [];
  const plainRender: number[] = [];
  const mounts: number[] = [];
  const mountedRows: number[] = [];
  const deskRows: number[] = [];
  const jumps: number[] = [];
  const plainJumps: number[] = [];
  let whole: { ms: number; known: number; rows: number; limited: number } | undefined;
  try {
    for (let i = 0; i < loads; i += 1) {
      const ours = await open(browser, `${base}/agent/`, DESK_INIT);
      desk.push(ours.marks.painted ?? Number.NaN);
      deskRows.push(ours.marks.rows ?? 0);
      if (i === 0) {
        whole = (await ours.page.evaluate(`(${LOAD_WHOLE_QUEUE})()`)) as typeof whole;
        progress(`desk: loaded the whole queue (${whole?.known ?? 0}) in ${((whole?.ms ?? 0) / 1000).toFixed(1)} s, ${whole?.rows ?? 0} rows in the DOM, ${whole?.limited ?? 0} rate-limited pages retried`);
      }
      if (whole) {
        const mounted = (await ours.page.evaluate(`(${MOUNT_LOADED_DESK})()`)) as { ms: number; rows: number };
        mounts.push(mounted.ms);
        mountedRows.push(mounted.rows);
        jumps.push(((await ours.page.evaluate(`(${JUMP_TO_END})('desk')`)) as { ms: number }).ms);
      }
      await ours.close();
      const baseline = await open(browser, `${base}/demo/bench-desk-plain.html`);
      plain.push(baseline.marks.painted ?? Number.NaN);
      plainRender.push(baseline.marks.renderMs ?? Number.NaN);
      plainJumps.push(((await baseline.page.evaluate(`(${JUMP_TO_END})('plain')`)) as { ms: number }).ms);
      await baseline.close();
      progress(`desk: open ${i + 1}/${loads}: desk ${desk.at(-1)?.toFixed(0)} ms (${deskRows.at(-1)} rows), plain list of ${conversations} ${plain.at(-1)?.toFixed(0)} ms`);
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  const plainBaseline = { name: `plain page, ${conversations.toLocaleString('en')} rows at once`, samples: plain };
  figures.push(
    figure({
      section: 'desk',
      name: `open the desk, ${conversations.toLocaleString('en')} conversations in the shop: navigation -> queue painted`,
      unit: 'ms',
      ours: desk,
      baseline: plainBaseline,
      note: `page load, script, token, socket and welcome (the newest 50); the list renders the rows in view (${Math.max(...deskRows)})`,
    }),
  );
  if (mounts.length > 0) {
    figures.push(
      figure({
        section: 'desk',
        name: `open the desk on a client holding all ${conversations.toLocaleString('en')} conversations -> queue painted`,
        unit: 'ms',
        ours: mounts,
        baseline: { name: `plain page rendering ${conversations.toLocaleString('en')} rows`, samples: plainRender },
        target: (ours) => ({ text: '< 200 ms', met: ours.median < 200 }),
        note: `a second <support-inbox> given the loaded client; ${Math.max(...mountedRows)} rows in the DOM; the baseline from its script's start`,
      }),
    );
  }
  if (whole) {
    figures.push(
      figure({ section: 'desk', name: `rows in the DOM with all ${whole.known.toLocaleString('en')} conversations loaded`, unit: 'rows', ours: [whole.rows], baseline: { name: 'plain page', samples: [conversations] }, target: (ours) => ({ text: '< 300', met: ours.median < 300 }), note: `loading them page by page took ${(whole.ms / 1000).toFixed(1)} s` }),
      figure({ section: 'desk', name: 'jump to the end of the loaded queue -> painted', unit: 'ms', ours: jumps, baseline: { name: 'plain page', samples: plainJumps } }),
    );
  }
} finally {
  snapshot.remove();
  rmSync(deskDir, { recursive: true, force: true });
}

// 2. Search over the messages.
const searchDir = mkdtempSync(join(tmpdir(), 'support-bench-desk-search-'));
try {
  details['searchSeed'] = seedDesk(searchDir, conversations, messages, { otherShop: true, progress });
  const search = searchFigures(searchDir, messages, rounds, Math.max(2, Math.floor(rounds / 5)));
  figures.push(...search.figures);
  details['search'] = search.details;
  progress(`desk: search p50 en ${figures.at(-4)?.ours.median.toFixed(1)} ms, zh ${figures.at(-3)?.ours.median.toFixed(1)} ms`);
} finally {
  rmSync(searchDir, { recursive: true, force: true });
}
figures.push(sendCostFigure(200, Math.max(2, Math.floor(rounds / 5))));

emitReport({ benchmark: 'desk', config: { conversations, messages, loads, rounds }, figures, details, wallMs: performance.now() - started });
