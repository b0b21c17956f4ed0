/**
 * The demo product page through the built script-tag bundle: the launcher works with only the
 * eager chunks (dist/cdn/manifest.json) and the relay backend the client connects with (a lazy
 * chunk: an Agora page never downloads it), the chat panel's module arrives later (held here to
 * prove it), a panel module that cannot be loaded is a localised error with retry, and the
 * Chinese strings are fetched only for a Chinese page. Needs `npm run build` first.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { startRelay, tempDataDir, type RelayProcess } from '../support/relay-process.js';

const WAIT = { timeout: 15_000 };
const CDN = 'dist/cdn';

interface ChunkManifest {
  [entry: string]: { eager: string[]; lazy: string[] };
}

/** `file` and the chunks it imports statically, transitively. */
function withStaticImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const [, imported] of readFileSync(`${CDN}/${file}`, 'utf8').matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) {
    if (imported) withStaticImports(imported, seen);
  }
  return seen;
}

/** The support-chat entry's chunks, and which lazy chunk is the panel, the Chinese strings and the relay backend (with its imports). */
function chatChunks(): { eager: string[]; panel: string; zh: string; relay: string[] } {
  const manifest = JSON.parse(readFileSync(`${CDN}/manifest.json`, 'utf8')) as ChunkManifest;
  const chat = manifest['support-chat'];
  assert.ok(chat, 'dist/cdn/manifest.json has no support-chat entry: run npm run build');
  const withText = (text: string): string | undefined => chat.lazy.find((file) => readFileSync(`${CDN}/${file}`, 'utf8').includes(text));
  const panel = withText('ChatPanel');
  const zh = withText('打开客服聊天');
  const relay = withText('the relay backend needs');
  assert.ok(relay, `no lazy chunk of support-chat holds the relay backend (lazy: ${chat.lazy.join(', ')})`);
  assert.ok(panel, `no lazy chunk of support-chat holds the panel (lazy: ${chat.lazy.join(', ')})`);
  assert.ok(zh, `no lazy chunk of support-chat holds the zh-CN strings (lazy: ${chat.lazy.join(', ')})`);
  return { eager: chat.eager, panel, zh, relay: [...withStaticImports(relay)] };
}

/** Script-tag chunks the page has finished downloading (resource timing), as file names. */
async function downloadedChunks(page: Page): Promise<string[]> {
  const paths = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname),
  );
  return paths.filter((path) => path.startsWith('/dist/cdn/')).map((path) => path.slice('/dist/cdn/'.length)).sort();
}

/** `<support-chat>`'s panel attributes and focused part, read inside its shadow root. */
async function panelState(page: Page): Promise<{ hidden: boolean; busy: string | null; role: string | null; focused: string | null }> {
  return page.evaluate(() => {
    const root = document.querySelector('support-chat')?.shadowRoot;
    const panel = root?.querySelector('[part~="panel"]');
    return {
      hidden: panel?.hasAttribute('hidden') ?? true,
      busy: panel?.getAttribute('aria-busy') ?? null,
      role: panel?.getAttribute('role') ?? null,
      focused: root?.activeElement?.getAttribute('part') ?? null,
    };
  });
}

describe('<support-chat> loads its panel lazily (script-tag bundle)', () => {
  let browser: Browser;
  let relay: RelayProcess;
  let data: ReturnType<typeof tempDataDir>;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let chunks: ReturnType<typeof chatChunks>;

  before(async () => {
    chunks = chatChunks();
    data = tempDataDir();
    relay = await startRelay({ dataDir: data.dir });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await relay?.stop('SIGKILL');
    data?.remove();
  });

  async function productPage(): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { supportEvents: string[] }).supportEvents = seen;
      document.addEventListener('support-error', (event) => seen.push(`error:${(event as CustomEvent<{ code: string }>).detail.code}`));
      document.addEventListener('support-connection', (event) => seen.push(`connection:${(event as CustomEvent<{ state: string }>).detail.state}`));
    });
    return page;
  }

  function supportEvents(page: Page): Promise<string[]> {
    return page.evaluate(() => [...(window as unknown as { supportEvents: string[] }).supportEvents]);
  }

  it('keeps the panel module out of the eager chunks', () => {
    assert.equal(chunks.eager.includes(chunks.panel), false);
    assert.equal(chunks.eager.includes(chunks.zh), false);
  });

  it('works the launcher before the panel module arrives, then shows the panel and moves focus into it', async () => {
    const page = await productPage();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let panelRequests = 0;
    await page.route(`**/dist/cdn/${chunks.panel}`, async (route) => {
      panelRequests++;
      await held;
      await route.continue();
    });
    await page.goto(`${relay.url}/`);
    const launcher = page.locator('support-chat [part~="launcher"]');
    await launcher.waitFor(WAIT);
    await page.waitForFunction(
      () => (window as unknown as { supportEvents: string[] }).supportEvents.includes('connection:connected'),
      undefined,
      WAIT,
    );
    const connecting = [...new Set([...chunks.eager, ...chunks.relay])].sort();
    assert.deepEqual(await downloadedChunks(page), connecting, 'the page downloaded exactly the eager chunks and the relay backend');

    await launcher.click(WAIT);
    assert.equal(await launcher.getAttribute('aria-expanded'), 'true');
    const loading = await panelState(page);
    assert.deepEqual({ hidden: loading.hidden, busy: loading.busy, role: loading.role }, { hidden: false, busy: 'true', role: 'dialog' });
    assert.equal(await page.locator('support-chat [part~="input"]').count(), 0);

    release();
    await page.locator('support-chat [part~="input"]').waitFor(WAIT);
    await page.waitForFunction(
      () => document.querySelector('support-chat')?.shadowRoot?.activeElement?.getAttribute('part') === 'input',
      undefined,
      WAIT,
    );
    const ready = await panelState(page);
    assert.equal(ready.busy, null);
    assert.ok(panelRequests >= 1);
    assert.ok((await downloadedChunks(page)).includes(chunks.panel));

    await page.keyboard.press('Escape');
    await page.waitForFunction(
      () => document.querySelector('support-chat')?.shadowRoot?.activeElement?.getAttribute('part') === 'launcher',
      undefined,
      WAIT,
    );
    assert.equal((await panelState(page)).hidden, true);
  });

  it('shows a localised error with retry and fires support-error when the panel module cannot be loaded', async () => {
    const page = await productPage();
    let failing = true;
    await page.route(`**/dist/cdn/${chunks.panel}`, (route) => (failing ? route.abort('failed') : route.continue()));
    await page.goto(`${relay.url}/`);
    await page.locator('support-chat [part~="launcher"]').click(WAIT);
    const retry = page.locator('support-chat [part~="panel-retry-button"]');
    await retry.waitFor(WAIT);
    const alert = page.locator('support-chat [part~="panel"] [role="alert"]');
    assert.match(await alert.innerText(), /could not be loaded/);
    assert.equal((await panelState(page)).busy, null);
    assert.ok((await supportEvents(page)).includes('error:network'));

    // The same, in Chinese.
    await page.evaluate(() => document.querySelector('support-chat')?.setAttribute('lang', 'zh-CN'));
    await page.waitForFunction(
      () => document.querySelector('support-chat')?.shadowRoot?.querySelector('[role="alert"]')?.textContent?.includes('聊天加载失败'),
      undefined,
      WAIT,
    );

    failing = false;
    await retry.click(WAIT);
    await page.locator('support-chat [part~="input"]').waitFor(WAIT);
    assert.equal(await retry.count(), 0);
    assert.equal(await page.locator('support-chat [part~="send-button"]').getAttribute('aria-label'), '发送');
  });

  it('downloads the Chinese strings only for a Chinese page', async () => {
    const page = await productPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(`${relay.url}/`);
    const launcher = page.locator('support-chat [part~="launcher"]');
    await launcher.waitFor(WAIT);
    await launcher.click(WAIT);
    await page.locator('support-chat [part~="input"]').waitFor(WAIT);
    assert.equal(requested.includes(`/dist/cdn/${chunks.zh}`), false);
    assert.equal(await launcher.getAttribute('aria-label'), 'Open support chat');

    await page.evaluate(() => document.querySelector('support-chat')?.setAttribute('lang', 'zh-CN'));
    await page.waitForFunction(
      () => document.querySelector('support-chat')?.shadowRoot?.querySelector('[part~="launcher"]')?.getAttribute('aria-label') === '打开客服聊天',
      undefined,
      WAIT,
    );
    assert.equal(requested.includes(`/dist/cdn/${chunks.zh}`), true);
    assert.equal(await page.locator('support-chat [part~="input"]').getAttribute('placeholder'), '输入消息…');
  });

  it('raised no uncaught page errors', async () => {
    for (const context of contexts) await context.close();
    assert.deepEqual(pageErrors, []);
  });
});
