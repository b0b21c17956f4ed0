/**
 * The world of an end-to-end test: the real relay on a free port with its own data folder, the
 * machine's Chromium, and pages for people (each person in their own browser context, so their
 * storage is theirs), every uncaught page error collected in `pageErrors`.
 *
 * @example
 * let world: DeskWorld;
 * before(async () => (world = await openDeskWorld()));
 * after(() => world?.close());
 * const customer = await world.person();
 */
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, chromiumPath } from './browser.js';
import { freePort, startRelay, tempDataDir, type RelayProcess } from './relay-process.js';

export interface DeskWorldOptions {
  /** Chromium flags instead of `CHROMIUM_FLAGS`. */
  args?: readonly string[];
  /** A script every page of every person runs before the page's own. */
  initScript?: string;
  /** The relay's environment besides demo mode (e.g. `SUPPORT_SMTP_URL`), from its port (at start and at each restart). */
  env?: (port: number) => Record<string, string>;
  /** Options of every person's browser context (e.g. `bypassCSP` for a test that injects axe). */
  context?: BrowserContextOptions;
  /** Where the relay runs from (its `server/cli.ts`, `demo/` and `dist/`): default the repository. The bench passes its private build. */
  cwd?: string;
}

export interface DeskWorld {
  browser: Browser;
  /** The relay now (`restartRelay` replaces it). */
  relay: RelayProcess;
  data: { dir: string; remove(): void };
  pageErrors: string[];
  /** A new person: a browser context of their own and a first page in it. */
  person(): Promise<Page>;
  /** Another page (tab) in a person's context, its errors collected too. */
  tab(context: BrowserContext): Promise<Page>;
  /** Starts the relay again on the same port and data (after `relay.stop`). */
  restartRelay(): Promise<RelayProcess>;
  close(): Promise<void>;
}

export async function openDeskWorld(options: DeskWorldOptions = {}): Promise<DeskWorld> {
  const data = tempDataDir();
  const port = await freePort();
  const from = options.cwd === undefined ? {} : { cwd: options.cwd };
  const relay = await startRelay({ port, dataDir: data.dir, ...from, ...(options.env ? { env: options.env(port) } : {}) });
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...(options.args ?? CHROMIUM_FLAGS)] });
  const pageErrors: string[] = [];
  const world: DeskWorld = {
    browser,
    relay,
    data,
    pageErrors,
    async person() {
      const context = await browser.newContext(options.context);
      if (options.initScript !== undefined) await context.addInitScript(options.initScript);
      return world.tab(context);
    },
    async tab(context) {
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(String(error)));
      return page;
    },
    async restartRelay() {
      world.relay = await startRelay({ port: world.relay.port, dataDir: data.dir, ...from, ...(options.env ? { env: options.env(world.relay.port) } : {}) });
      return world.relay;
    },
    async close() {
      await browser.close();
      await world.relay.stop('SIGKILL');
      data.remove();
    },
  };
  return world;
}
