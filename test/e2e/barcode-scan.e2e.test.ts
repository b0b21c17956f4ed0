/**
 * Serial scan (issue 20, point 6), deployed as a shop runs it: the script tag and its chunks on a
 * CDN origin, the relay on its own, the product page and the agent desk on the shop's origin
 * under the Content-Security-Policy docs/scan.md lists. Chromium's fake camera films a generated
 * Code 128 barcode of an IMEI (a `.y4m` written here); desktop Linux Chromium has no
 * `BarcodeDetector`, so the WebAssembly decoder reads it, fetched from the CDN when Scan is first
 * pressed. The serial lands in the device card on the customer's side and, through the relay, on
 * the agent's. Cancel and Escape change nothing and keep what was typed; a blocked camera and a
 * page whose CSP forbids WebAssembly each end in a clear, coded notice.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { barcodeFrame, writeY4m } from '../support/barcode-video.js';
import { CHROMIUM_FLAGS, chromiumPath } from '../support/browser.js';
import { startRelay, tempDataDir, type RelayProcess } from '../support/relay-process.js';
import { startStaticOrigin, type StaticOrigin } from '../support/static-origin.js';
import { reportCspViolations, shopCsp, shopTokenRoute } from '../support/shop-origin.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const WAIT = { timeout: 30_000 };
const SECRET = 'barcode-scan-secret-0123456789abcdef0123456789ab';
const SHOP = 'scan-shop';
/** The IMEI on the box the fake camera films (its Luhn check digit is right). */
const IMEI = '490154203237518';

const mintToken = shopTokenRoute(SECRET, SHOP, { agent: { sub: 'agent-mei', name: 'Mei' }, customer: { sub: 'cust-scan', name: 'Arjun' } });

function page(lang: string, csp: string, cdn: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><meta http-equiv="Content-Security-Policy" content="${csp}"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Phone</title>
<script src="${cdn}/assets/support-widget.iife.js" defer></script><script src="/product.js" defer></script>
${body}`;
}

/** The shop's product page script: the device card's product, as a shop sets it. */
const PRODUCT_JS = `customElements.whenDefined('support-chat').then(() => {
  document.querySelector('support-chat').context = { sku: 'PX8-128-OBS', name: 'Pixel 8 (128 GB, Obsidian)' };
});
`;

const inChat = (p: Page, part: string) => p.locator(`support-chat [part~="${part}"]`);

/** Waits until the chat's focused element is its part `part`. */
async function focusOn(p: Page, part: string): Promise<void> {
  await p.waitForFunction((name) => document.querySelector('support-chat')?.shadowRoot?.activeElement?.getAttribute('part') === name, part, WAIT);
}

/** Codes of the page's `support-error` events, as they come. */
async function collectErrorCodes(p: Page): Promise<string[]> {
  const codes: string[] = [];
  await p.exposeFunction('__scanError', (code: string) => codes.push(code));
  await p.addInitScript(() => {
    document.addEventListener('support-error', (event) => {
      void (window as unknown as { __scanError(code: string): void }).__scanError((event as CustomEvent<{ code: string }>).detail.code);
    });
  });
  return codes;
}

describe('serial scan from the composer, three origins, fake camera filming a barcode', () => {
  let relay: RelayProcess;
  let data: ReturnType<typeof tempDataDir>;
  let site: string;
  let cdn: StaticOrigin;
  let shop: StaticOrigin;
  let browser: Browser;
  let customer: Page;
  let agent: Page;
  const pageErrors: string[] = [];
  const cspViolations: string[] = [];
  const foreignRequests: string[] = [];

  async function open(url: string, options: BrowserContextOptions = {}, on = browser): Promise<Page> {
    const p = await (await on.newContext(options)).newPage();
    p.on('pageerror', (error) => pageErrors.push(String(error)));
    p.on('console', (message) => {
      if (message.text().startsWith('csp-violation')) cspViolations.push(`${url} ${message.text()}`);
    });
    p.on('request', (request) => {
      const origin = new URL(request.url()).origin;
      if (![cdn.url, shop.url, relay.url].includes(origin) && !request.url().startsWith('blob:') && !request.url().startsWith('data:')) foreignRequests.push(request.url());
    });
    await reportCspViolations(p);
    return p;
  }

  before(async () => {
    site = mkdtempSync(join(tmpdir(), 'support-scan-site-'));
    const video = join(site, 'imei-box.y4m');
    writeY4m(video, await barcodeFrame(IMEI, { format: 'Code128', module: 3 }));
    cdn = await startStaticOrigin({ folders: { '/assets/': join(repoRoot, 'dist') }, cors: true });
    shop = await startStaticOrigin({ folders: { '/': site }, routes: { '/support/token': mintToken } });
    data = tempDataDir('support-scan-');
    relay = await startRelay({ dataDir: data.dir, env: { SUPPORT_SECRET: SECRET, SUPPORT_ALLOWED_ORIGINS: shop.url, SUPPORT_DEMO: '' } });
    const chat = `<support-chat server="${relay.url}" token-endpoint="/support/token"></support-chat>`;
    writeFileSync(join(site, 'product.js'), PRODUCT_JS);
    const documented = shopCsp(cdn.url, relay.url, { wasm: true, fetch: true });
    writeFileSync(join(site, 'index.html'), page('en', documented, cdn.url, chat));
    writeFileSync(join(site, 'zh.html'), page('zh-CN', documented, cdn.url, chat));
    writeFileSync(join(site, 'agent.html'), page('en', documented, cdn.url, `<support-inbox server="${relay.url}" token-endpoint="/support/token"></support-inbox>`));
    writeFileSync(join(site, 'no-wasm.html'), page('en', shopCsp(cdn.url, relay.url, { wasm: false, fetch: true }), cdn.url, chat));
    writeFileSync(join(site, 'cdn-csp.html'), page('en', shopCsp(cdn.url, relay.url, { wasm: false, fetch: false }), cdn.url, chat));
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_FLAGS, `--use-file-for-fake-video-capture=${video}`] });
    customer = await open(`${shop.url}/`);
    agent = await open(`${shop.url}/agent.html`);
  });

  after(async () => {
    await browser?.close();
    await relay?.stop('SIGKILL');
    await Promise.all([cdn?.close(), shop?.close()]);
    data?.remove();
    if (site) rmSync(site, { recursive: true, force: true });
  });

  const agentCard = () => agent.locator('support-inbox [part~="context"]');
  const customerCard = () => inChat(customer, 'context');
  const input = (p: Page) => inChat(p, 'input');

  it('reads the IMEI on the box into the device card, on both sides, with the decoder from the CDN', async () => {
    await customer.goto(`${shop.url}/`);
    await inChat(customer, 'launcher').click(WAIT);
    await input(customer).fill('The screen flickers since the update');
    await customer.keyboard.press('Enter');
    await inChat(customer, 'message').filter({ hasText: 'The screen flickers' }).waitFor(WAIT);
    await agent.goto(`${shop.url}/agent.html`);
    await agent.locator('support-inbox [part~="conversation"]').first().click(WAIT);
    await agentCard().filter({ hasText: 'Pixel 8' }).waitFor(WAIT);
    assert.doesNotMatch(await agentCard().innerText(), /Serial/);
    assert.ok(!cdn.requests.some((path) => path.endsWith('.wasm')), 'nothing of the decoder before Scan is pressed');

    await input(customer).fill('Bought in March');
    await inChat(customer, 'scan-button').click();
    await inChat(customer, 'scan-result').waitFor(WAIT);
    assert.equal(await inChat(customer, 'scan-result').innerText(), IMEI);
    assert.equal(await inChat(customer, 'scan-result').getAttribute('data-format'), 'code_128');
    assert.equal(await inChat(customer, 'scan-imei').getAttribute('data-valid'), 'true');
    assert.equal(await inChat(customer, 'scan-imei').innerText(), 'IMEI, check digit correct.');
    await focusOn(customer, 'scan-confirm-button');
    await customer.screenshot({ path: join(repoRoot, 'docs/images/scan-found.png') });
    await inChat(customer, 'scan-confirm-button').click();

    await customerCard().filter({ hasText: IMEI }).waitFor(WAIT);
    await agentCard().filter({ hasText: IMEI }).waitFor(WAIT);
    assert.match(await agentCard().innerText(), /Serial\s+490154203237518/);
    assert.equal(await inChat(customer, 'scan-sheet').count(), 0);
    assert.equal(await input(customer).inputValue(), 'Bought in March', 'what was typed is still there');
    assert.equal(await customer.evaluate(() => (document.querySelector('support-chat') as unknown as { context?: { serial?: string } }).context?.serial), IMEI, 'the page can read it');
    assert.deepEqual(cdn.requests.filter((path) => path.endsWith('.wasm')), ['/assets/cdn/zxing_reader.wasm']);
  });

  it('cancel and Escape change nothing and keep the text; Scan again reads again', async () => {
    await customer.evaluate(() => {
      const chat = document.querySelector('support-chat') as unknown as { context: Record<string, string> };
      chat.context = { sku: 'PX8-128-OBS', name: 'Pixel 8 (128 GB, Obsidian)' }; // the shop's card again, no serial
    });
    await customerCard().filter({ hasNotText: IMEI }).waitFor(WAIT);
    await input(customer).fill('Half-written question');
    await inChat(customer, 'scan-button').click();
    await inChat(customer, 'scan-result').waitFor(WAIT);
    await inChat(customer, 'scan-cancel-button').click();
    assert.equal(await inChat(customer, 'scan-sheet').count(), 0);
    await focusOn(customer, 'scan-button'); // back where the customer left

    await inChat(customer, 'scan-button').click();
    await inChat(customer, 'scan-result').waitFor(WAIT);
    await inChat(customer, 'scan-retry-button').click();
    await inChat(customer, 'scan-result').waitFor(WAIT);
    await customer.keyboard.press('Escape');
    assert.equal(await inChat(customer, 'scan-sheet').count(), 0);
    assert.ok(await inChat(customer, 'panel').isVisible(), 'Escape closed the scan, not the chat');
    assert.equal(await input(customer).inputValue(), 'Half-written question');
    assert.doesNotMatch(await customerCard().innerText(), /490154203237518/);
  });

  it('on a phone in Chinese and dark mode: a 44x44 button, the sheet in Chinese', async () => {
    const phone = await open(`${shop.url}/zh.html`, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, colorScheme: 'dark' });
    await phone.goto(`${shop.url}/zh.html`);
    await inChat(phone, 'launcher').click(WAIT);
    const button = inChat(phone, 'scan-button');
    await button.waitFor(WAIT);
    assert.equal(await button.getAttribute('aria-label'), '扫描序列号或 IMEI');
    const box = await button.boundingBox();
    assert.ok(box && box.width >= 44 && box.height >= 44, JSON.stringify(box));
    await button.tap();
    await inChat(phone, 'scan-result').waitFor(WAIT);
    await phone.waitForFunction(() => document.querySelector('support-chat')?.shadowRoot?.querySelector('.scan-title')?.textContent === '扫描序列号', undefined, WAIT);
    assert.equal(await inChat(phone, 'scan-imei').innerText(), 'IMEI，校验位正确。');
    await phone.screenshot({ path: join(repoRoot, 'docs/images/scan-zh-CN-dark.png') });
    await inChat(phone, 'scan-cancel-button').tap();
    await phone.context().close();
  });

  it('a blocked camera: a coded notice, the text kept', async () => {
    const args = [...CHROMIUM_FLAGS.filter((flag) => flag !== '--use-fake-ui-for-media-stream'), '--deny-permission-prompts'];
    const denying = await chromium.launch({ executablePath: chromiumPath(), headless: true, args });
    try {
      const visitor = await open(`${shop.url}/`, {}, denying);
      const codes = await collectErrorCodes(visitor);
      await visitor.goto(`${shop.url}/`);
      await inChat(visitor, 'launcher').click(WAIT);
      await input(visitor).fill('Typed before scanning');
      await inChat(visitor, 'scan-button').click(WAIT);
      const notice = inChat(visitor, 'scan-error');
      await notice.waitFor(WAIT);
      assert.equal(await notice.getAttribute('data-code'), 'media-denied');
      assert.equal(await notice.getAttribute('role'), 'alert');
      assert.equal(await notice.innerText(), 'Camera access is blocked. Allow it in your browser’s site settings, then try again.');
      assert.ok(codes.includes('media-denied'), codes.join());
      assert.equal(await inChat(visitor, 'scan-retry-button').count(), 1);
      assert.equal(await input(visitor).inputValue(), 'Typed before scanning');
    } finally {
      await denying.close();
    }
  });

  for (const [file, policy, violated] of [
    ['no-wasm.html', "without 'wasm-unsafe-eval'", 'script-src'],
    ['cdn-csp.html', "with only docs/cdn.md's sources (the decoder's origin not in connect-src)", 'connect-src'],
  ] as const) {
    it(`a page whose CSP is ${policy}: a coded notice that says so, the camera off`, async () => {
      const visitor = await open(`${shop.url}/${file}`);
      const codes = await collectErrorCodes(visitor);
      await visitor.goto(`${shop.url}/${file}`);
      await inChat(visitor, 'launcher').click(WAIT);
      await inChat(visitor, 'scan-button').click(WAIT);
      const notice = inChat(visitor, 'scan-error');
      await notice.waitFor(WAIT);
      assert.equal(await notice.getAttribute('data-code'), 'config');
      assert.equal(await notice.innerText(), 'This page does not allow the barcode reader. Type the serial number in a message instead.');
      assert.ok(codes.includes('config'), codes.join());
      assert.equal(await inChat(visitor, 'scan-preview').count(), 0, 'the camera is off');
      assert.equal(await inChat(visitor, 'scan-retry-button').count(), 0, 'retrying cannot help');
      // The browser reported what its policy refused (a console line that may come after the notice).
      for (let waited = 0; !cspViolations.some((line) => line.includes(`/${file} csp-violation ${violated}`)); waited += 100) {
        assert.ok(waited < 10_000, `no ${violated} violation reported: ${cspViolations.join('; ')}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await visitor.context().close();
    });
  }

  it('raised no page errors, no CSP violation under the documented policy, and fetched nothing from a third party', () => {
    assert.deepEqual(pageErrors, []);
    const documentedPages = cspViolations.filter((line) => !/\/(no-wasm|cdn-csp)\.html /.test(line));
    assert.deepEqual(documentedPages, []);
    assert.deepEqual(foreignRequests, []);
  });
});
