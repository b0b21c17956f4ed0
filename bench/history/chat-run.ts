/**
 * One build of `<support-chat>` measured on the demo page of a relay serving it: opening (cold and
 * warm), scrolling up through the history while pages load, climbing to the top of the whole
 * conversation, and scrolling back down the long list.
 */
import type { Browser, Page } from 'playwright-core';
import { chatInitScript, LOAD_ALL, SCROLL_FRAMES } from './page-scripts.js';

interface Marks {
  launcher?: number;
  inDom?: number;
  click?: number;
  shown?: number;
  shownCount?: number;
}

export interface ScrollResult {
  intervals: number[];
  items: number;
}

export interface LoadAllResult {
  pages: { ms: number; loaded: number }[];
  totalMs: number;
  intervals: number[];
  complete: boolean;
  loaded: number;
  rendered: number;
  nodes: { elements: number; all: number };
}

export interface ChatRun {
  cold: number[];
  warm: number[];
  shownCounts: number[];
  scroll: number[][];
  scrolledItems: number[];
  loadAll?: LoadAllResult;
  longListScroll?: ScrollResult;
}

export interface ChatRunOptions {
  base: string;
  customer: string;
  loads: number;
  scrollFrames: number;
  scrollStep: number;
  loadAllMs: number;
  /** Also open the chat the moment the launcher shows (the baseline skips it: its launcher is the same). */
  cold: boolean;
}

const marksOf = (page: Page): Promise<Marks> => page.evaluate(() => (window as unknown as { __hist: Marks }).__hist);

/** Scrolls a list up (`step` > 0) or down (`step` < 0) for `frames` frames. */
export const scrollList = (page: Page, target: 'chat' | 'plain', frames: number, step: number): Promise<ScrollResult> =>
  page.evaluate(`(${SCROLL_FRAMES})(${JSON.stringify({ target, frames, step })})`) as Promise<ScrollResult>;

export async function runChat(browser: Browser, options: ChatRunOptions, onLoad?: (run: ChatRun, i: number) => void): Promise<ChatRun> {
  const run: ChatRun = { cold: [], warm: [], shownCounts: [], scroll: [], scrolledItems: [] };
  for (let i = 0; i < options.loads; i += 1) {
    // Cold: the user clicks the launcher the moment it appears (token, socket, history in flight).
    for (const mode of options.cold ? (['cold', 'warm'] as const) : (['warm'] as const)) {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.addInitScript(chatInitScript(options.customer, mode));
        await page.goto(`${options.base}/`);
        if (mode === 'warm') {
          // Warm: the page has settled and fetched the latest page in the background; then the user opens.
          await page.waitForFunction(() => (window as unknown as { __hist: Marks }).__hist.inDom !== undefined, undefined, { timeout: 20_000 });
          await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
          await page.evaluate(() => (window as unknown as { __openChat: () => void }).__openChat());
        }
        await page.waitForFunction(() => (window as unknown as { __hist: Marks }).__hist.shown !== undefined, undefined, { timeout: 20_000 });
        const marks = await marksOf(page);
        (mode === 'cold' ? run.cold : run.warm).push((marks.shown ?? Number.NaN) - (marks.click ?? Number.NaN));
        run.shownCounts.push(marks.shownCount ?? 0);
        if (mode === 'warm') {
          const result = await scrollList(page, 'chat', options.scrollFrames, options.scrollStep);
          run.scroll.push(result.intervals);
          run.scrolledItems.push(result.items);
          if (i === 0) {
            run.loadAll = (await page.evaluate(`(${LOAD_ALL})(${JSON.stringify({ budgetMs: options.loadAllMs })})`)) as LoadAllResult;
            // Then scroll back down through everything that is now in the list.
            run.longListScroll = await scrollList(page, 'chat', options.scrollFrames, -options.scrollStep);
          }
        }
      } finally {
        await context.close();
      }
    }
    onLoad?.(run, i);
  }
  return run;
}
