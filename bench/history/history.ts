/**
 * History benchmark: a customer whose conversation holds 10,000 messages opens `<support-chat>`
 * on the demo product page. Measures what the user sees (the client loads the latest page, then
 * older pages as the reader scrolls up): time from opening to the first painted messages, frame
 * intervals while scrolling up through the history, climbing to the top of all of it by scrolling
 * (total, frames, the last pages, the DOM nodes then); against the list before windowing (an older
 * commit built in the same run, see baseline-build.ts) and a plain page that renders all 10,000
 * texts as `<div>`s at once, in the same browser and run.
 *
 * Knobs: BENCH_HISTORY_MESSAGES (10000), BENCH_HISTORY_LOADS (5), BENCH_SCROLL_FRAMES (240),
 * BENCH_SCROLL_STEP (px per frame, 40), BENCH_LOAD_ALL_MS (budget for climbing to the top, 60000; quick 30000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../test/support/browser.js';
import { knob, QUICK } from '../lib/config.js';
import { emitReport, progress, type Figure } from '../lib/figures.js';
import { snapshotStaticRoot, type StaticRoot } from '../lib/static-root.js';
import { startServerChild } from '../relay/server-child.js';
import { baselineRef, buildRef } from './baseline-build.js';
import { runChat, scrollList, type ChatRun, type ChatRunOptions } from './chat-run.js';
import { historyFigures, type PlainRun } from './history-figures.js';
import { PLAIN_NODES } from './page-scripts.js';
import { plainListFiles } from './plain-list-page.js';
import { seedConversation } from './seed.js';

const started = performance.now();
const messages = knob('HISTORY_MESSAGES', 10_000, 10_000);
const loads = knob('HISTORY_LOADS', 5, 2);
const scrollFrames = knob('SCROLL_FRAMES', 240, 90);
const scrollStep = knob('SCROLL_STEP', 40, 40);
const loadAllMs = knob('LOAD_ALL_MS', 60_000, 30_000);
const CUSTOMER = 'cust-bench';

/** Serves `root` from a relay on the seeded data and measures the chat there. */
async function measure(browser: Browser, root: StaticRoot, dataDir: string, options: Omit<ChatRunOptions, 'base'>, label: string): Promise<ChatRun> {
  const server = await startServerChild('relay-child.ts', { BENCH_DATA_DIR: dataDir, BENCH_STATIC_ROOT: root.dir });
  try {
    return await runChat(browser, { ...options, base: `http://127.0.0.1:${server.port}` }, (run, i) => {
      const climb = i === 0 && run.loadAll ? `; climbed to ${run.loadAll.loaded} in ${(run.loadAll.totalMs / 1000).toFixed(1)} s, ${run.loadAll.nodes.elements} elements` : '';
      progress(`history (${label}): load ${i + 1}/${options.loads}: open warm ${run.warm.at(-1)?.toFixed(0)} ms (${run.shownCounts.at(-1)} messages)${climb}`);
    });
  } finally {
    await server.stop();
  }
}

/** The plain list of all texts, rendered and scrolled in a page of its own. */
async function measurePlain(browser: Browser, root: StaticRoot, dataDir: string): Promise<PlainRun> {
  const server = await startServerChild('relay-child.ts', { BENCH_DATA_DIR: dataDir, BENCH_STATIC_ROOT: root.dir });
  const plain: PlainRun = { render: [], scroll: [], nodes: { elements: 0, all: 0 } };
  try {
    for (let i = 0; i < loads; i += 1) {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(`http://127.0.0.1:${server.port}/demo/bench-plain-list.html`);
        plain.render.push(await page.evaluate(() => (window as unknown as { renderPlainList: () => Promise<number> }).renderPlainList()));
        plain.nodes = (await page.evaluate(PLAIN_NODES)) as PlainRun['nodes'];
        plain.scroll.push((await scrollList(page, 'plain', scrollFrames, scrollStep)).intervals);
      } finally {
        await context.close();
      }
    }
  } finally {
    await server.stop();
  }
  progress(`history: plain list of ${messages} rendered in ${plain.render.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  return plain;
}

const dataDir = mkdtempSync(join(tmpdir(), 'support-bench-history-'));
const snapshot = snapshotStaticRoot();
const figures: Figure[] = [];
const details: Record<string, unknown> = {};
let baseline: ReturnType<typeof buildRef> | undefined;
let baselineRoot: StaticRoot | undefined;
try {
  const seedStarted = performance.now();
  const texts = seedConversation(dataDir, CUSTOMER, messages);
  details['seedMs'] = performance.now() - seedStarted;
  progress(`history: seeded ${messages} messages in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
  for (const [name, text] of Object.entries(plainListFiles(texts.map((t) => t.body)))) snapshot.addPage(name, text);
  const ref = baselineRef();
  if (ref) {
    const buildStarted = performance.now();
    try {
      baseline = buildRef(ref);
      baselineRoot = snapshotStaticRoot(baseline.dir);
      progress(`history: built the list before windowing (${baseline.commit}) in ${((performance.now() - buildStarted) / 1000).toFixed(0)} s`);
    } catch (error) {
      progress(`history: no baseline list: ${(error as Error).message}`);
    }
  }
  const browser = await launchChromium();
  try {
    const options = { customer: CUSTOMER, loads, scrollFrames, scrollStep, loadAllMs, cold: true };
    const ours = await measure(browser, snapshot, dataDir, options, 'windowed');
    const plain = await measurePlain(browser, snapshot, dataDir);
    const before = baselineRoot ? await measure(browser, baselineRoot, dataDir, { ...options, loads: 1, cold: false }, `before, ${baseline?.commit}`) : undefined;
    figures.push(...historyFigures({ messages, scrollFrames, scrollStep, ours, plain, before }));
    details['windowed'] = { loadAll: ours.loadAll, shownCounts: ours.shownCounts, scrolledItems: ours.scrolledItems };
    details['before'] = before ? { commit: baseline?.commit, loadAll: before.loadAll, scrolledItems: before.scrolledItems } : undefined;
    details['plainNodes'] = plain.nodes;
  } finally {
    await browser.close();
  }
} finally {
  snapshot.remove();
  baselineRoot?.remove();
  baseline?.remove();
  rmSync(dataDir, { recursive: true, force: true });
}

emitReport({
  benchmark: 'history',
  config: { quick: QUICK, messages, loads, scrollFrames, scrollStep, loadAllMs, baseline: baseline?.commit },
  figures,
  details,
  wallMs: performance.now() - started,
});
