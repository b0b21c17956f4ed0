/**
 * The relay as the script tag's origin (or a CDN's origin): `/dist/` answers with CORS, content
 * types, and cache rules per kind of file (immutable content-hashed chunks, revalidated loader and
 * entries), and a shop page on another origin runs the script tag and its chunks from it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { axeViolations } from '../support/axe.js';
import { CHROMIUM_FLAGS, chromiumPath } from '../support/browser.js';
import { startRelay, tempDataDir, type RelayProcess } from '../support/relay-process.js';
import { startStaticOrigin, type StaticOrigin } from '../support/static-origin.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const WAIT = { timeout: 20_000 };
const SHOP_ORIGIN = 'https://shop.example';

/** The built chunk manifest: each entry's eager files (entry first) and its lazy ones. */
const manifest = JSON.parse(readFileSync(join(repoRoot, 'dist/cdn/manifest.json'), 'utf8')) as Record<string, { eager: string[]; lazy: string[] }>;
const chatFiles = manifest['support-chat'];
const hashedChunk = chatFiles?.eager.find((file) => file.startsWith('chunk-'));

describe('the relay serves /dist/ ready for a CDN', () => {
  let relay: RelayProcess;
  let data: ReturnType<typeof tempDataDir>;

  before(async () => {
    data = tempDataDir('support-cdn-');
    relay = await startRelay({ dataDir: data.dir });
  });

  after(async () => {
    await relay?.stop('SIGKILL');
    data?.remove();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${relay.url}${path}`, { headers: { Origin: SHOP_ORIGIN, ...headers } });

  it('sends CORS, the JavaScript type and a revalidated cache for the loader and the entries', async () => {
    for (const path of ['/dist/support-widget.iife.js', '/dist/cdn/support-chat.js', '/dist/cdn/support-inbox.js', '/dist/cdn/api.js']) {
      const response = await get(path);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('access-control-allow-origin'), '*', path);
      assert.equal(response.headers.get('cross-origin-resource-policy'), 'cross-origin', path);
      assert.equal(response.headers.get('content-type'), 'text/javascript; charset=utf-8', path);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(response.headers.get('cache-control'), 'public, no-cache', path);
      assert.match(response.headers.get('etag') ?? '', /^"[0-9a-f]+-[0-9a-f]+"$/, path);
      assert.ok((await response.text()).length > 0, path);
    }
  });

  it('caches content-hashed chunks for a year, immutable', async () => {
    assert.ok(hashedChunk, 'the chat entry imports at least one hashed chunk');
    const chunks = [hashedChunk, ...(chatFiles?.lazy ?? [])];
    for (const file of chunks) {
      const response = await get(`/dist/cdn/${file}`);
      assert.equal(response.status, 200, file);
      assert.equal(response.headers.get('access-control-allow-origin'), '*', file);
      assert.equal(response.headers.get('content-type'), 'text/javascript; charset=utf-8', file);
      assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable', file);
      await response.arrayBuffer();
    }
  });

  it('answers 304 to a revalidation with the current ETag, 200 with a stale one', async () => {
    const first = await get('/dist/cdn/support-chat.js');
    const etag = first.headers.get('etag') ?? '';
    await first.arrayBuffer();
    const same = await get('/dist/cdn/support-chat.js', { 'If-None-Match': etag });
    assert.equal(same.status, 304);
    assert.equal(same.headers.get('etag'), etag);
    assert.equal(same.headers.get('cache-control'), 'public, no-cache');
    assert.equal(same.headers.get('access-control-allow-origin'), '*');
    assert.equal(await same.text(), '');
    const weak = await get('/dist/cdn/support-chat.js', { 'If-None-Match': `"0-0", W/${etag}` });
    assert.equal(weak.status, 304);
    await weak.arrayBuffer();
    const stale = await get('/dist/cdn/support-chat.js', { 'If-None-Match': '"0-0"' });
    assert.equal(stale.status, 200);
    assert.ok((await stale.text()).length > 0);
  });

  it('types the manifest and source maps as JSON, revalidated unless hashed', async () => {
    const json = await get('/dist/cdn/manifest.json');
    assert.equal(json.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(json.headers.get('cache-control'), 'public, no-cache');
    await json.arrayBuffer();
    const map = await get(`/dist/cdn/${hashedChunk ?? ''}.map`);
    assert.equal(map.status, 200);
    assert.equal(map.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(map.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    await map.arrayBuffer();
  });

  it('a missing chunk is a readable 404 (with CORS), not cached for a year', async () => {
    const response = await get('/dist/cdn/chunk-NotThere0.js');
    assert.equal(response.status, 404);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.notEqual(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    await response.arrayBuffer();
  });

  describe('a shop page on another origin', () => {
    let site: string;
    let shop: StaticOrigin;
    let browser: Browser;

    before(async () => {
      site = mkdtempSync(join(tmpdir(), 'support-cdn-site-'));
      shop = await startStaticOrigin({ folders: { '/': site } });
      browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
    });

    after(async () => {
      await browser?.close();
      await shop?.close();
      if (site) rmSync(site, { recursive: true, force: true });
    });

    it('a chunk missing from the deploy (404) shows "Support is unavailable"; once it is back, Try again brings the launcher', async () => {
      assert.ok(hashedChunk);
      writeFileSync(join(site, 'index.html'), `<!doctype html><html lang="en"><title>Shop</title><script src="${relay.url}/dist/support-widget.iife.js" defer></script><support-chat server="${relay.url}" token-endpoint="${relay.url}/demo/token"></support-chat>`);
      const page = await (await browser.newContext()).newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(String(error)));
      let missing = true;
      await page.route(`${relay.url}/dist/cdn/${hashedChunk}`, (route) => (missing ? route.fulfill({ status: 404, body: 'not found', headers: { 'Access-Control-Allow-Origin': '*' } }) : route.continue()));
      await page.goto(`${shop.url}/`);
      const retry = page.locator('support-chat [data-support-unavailable] button');
      await retry.waitFor(WAIT);
      assert.equal(await page.locator('support-chat [part~="launcher"]').count(), 0);
      // The box passes axe (WCAG 2.1 AA) in both colour schemes.
      assert.deepEqual(await axeViolations(page), []);
      await page.emulateMedia({ colorScheme: 'dark' });
      assert.deepEqual(await axeViolations(page), []);
      missing = false;
      await retry.click();
      await page.locator('support-chat [part~="launcher"]').waitFor(WAIT);
      assert.equal(await retry.count(), 0);
      assert.deepEqual(pageErrors, []);
      await page.context().close();
    });

    for (const [name, tag] of [
      ['runs the script tag, which imports its chunks from the relay', (relayUrl: string) => `<script src="${relayUrl}/dist/support-widget.iife.js" crossorigin defer></script>`],
      ['imports the chat entry as a module straight from the relay', (relayUrl: string) => `<script type="module" src="${relayUrl}/dist/cdn/support-chat.js"></script>`],
    ] as const) {
      it(name, async () => {
        writeFileSync(join(site, 'index.html'), `<!doctype html><html lang="en"><title>Shop</title>${tag(relay.url)}<support-chat server="${relay.url}" token-endpoint="${relay.url}/demo/token"></support-chat>`);
        const page = await (await browser.newContext()).newPage();
        const corsErrors: string[] = [];
        page.on('console', (message) => {
          if (/CORS|Access-Control/i.test(message.text())) corsErrors.push(message.text());
        });
        const fromRelay: string[] = [];
        page.on('requestfinished', (request) => {
          if (request.url().startsWith(`${relay.url}/dist/`)) fromRelay.push(new URL(request.url()).pathname);
        });
        await page.goto(`${shop.url}/`);
        await page.locator('support-chat [part~="launcher"]').click(WAIT);
        // The panel's own module (a lazy, hashed chunk) comes from the relay too.
        await page.locator('support-chat [part~="input"]').waitFor(WAIT);
        assert.ok(fromRelay.includes('/dist/cdn/support-chat.js'), fromRelay.join(', '));
        assert.ok(fromRelay.some((path) => path.startsWith('/dist/cdn/chunk-')), fromRelay.join(', '));
        assert.deepEqual(corsErrors, []);
        await page.context().close();
      });
    }
  });
});
