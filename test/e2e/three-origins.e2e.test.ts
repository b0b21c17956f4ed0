/**
 * Three-origin deployment, as a shop runs it: the script tag and its chunks on a CDN origin, the
 * relay (production mode) on its own origin, the shop's product page and agent desk on a third
 * with the shop's own token endpoint. A customer and an agent chat, the customer sends a photo and
 * places a video call. A page on an origin the relay does not list is refused with a visible error.
 * A CDN that sends no CORS headers leaves a "Support is unavailable" box with a retry, which
 * brings the chat once the CDN is fixed.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, chromiumPath } from '../support/browser.js';
import { startRelay, tempDataDir, type RelayProcess } from '../support/relay-process.js';
import { startStaticOrigin, type StaticOrigin } from '../support/static-origin.js';
import { reportCspViolations, shopCsp, shopTokenRoute } from '../support/shop-origin.js';
import { addCall } from '../support/desk-pages.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const WAIT = { timeout: 20_000 };
const SECRET = 'three-origins-secret-0123456789abcdef0123456789';
const SHOP = 'tri-shop';

/** The shop's token endpoint: its own session decides who the visitor is. */
const mintToken = shopTokenRoute(SECRET, SHOP, { agent: { sub: 'agent-lin', name: 'Lin' }, customer: { sub: 'cust-7', name: 'Ravi' } });

function page(title: string, cdn: string, relay: string, body: string): string {
  return `<!doctype html><html lang="en"><meta http-equiv="Content-Security-Policy" content="${shopCsp(cdn, relay)}"><title>${title}</title>
<script src="${cdn}/assets/support-widget.iife.js" defer></script>
${body}`;
}

describe('script on a CDN, relay on its own origin, pages on the shop origin', () => {
  let relay: RelayProcess;
  let data: ReturnType<typeof tempDataDir>;
  let site: string;
  let cdn: StaticOrigin;
  /** A CDN whose operator forgot the CORS headers (until a test fixes it). */
  let bareCdn: StaticOrigin;
  let shop: StaticOrigin;
  let stranger: StaticOrigin;
  let browser: Browser;
  let customer: Page;
  let agent: Page;
  const pageErrors: string[] = [];
  const cspViolations: string[] = [];

  before(async () => {
    site = mkdtempSync(join(tmpdir(), 'support-shop-site-'));
    cdn = await startStaticOrigin({ folders: { '/assets/': join(repoRoot, 'dist') }, cors: true });
    bareCdn = await startStaticOrigin({ folders: { '/assets/': join(repoRoot, 'dist') } });
    const routes = { '/support/token': mintToken };
    shop = await startStaticOrigin({ folders: { '/': site }, routes });
    stranger = await startStaticOrigin({ folders: { '/': site }, routes });
    data = tempDataDir('support-tri-');
    relay = await startRelay({ dataDir: data.dir, env: { SUPPORT_SECRET: SECRET, SUPPORT_ALLOWED_ORIGINS: `${shop.url},https://other.example`, SUPPORT_DEMO: '' } });
    const chat = `<support-chat server="${relay.url}" token-endpoint="/support/token"></support-chat>`;
    writeFileSync(join(site, 'index.html'), page('Laptop', cdn.url, relay.url, chat));
    writeFileSync(join(site, 'bare-cdn.html'), page('Laptop', bareCdn.url, relay.url, chat));
    writeFileSync(join(site, 'bare-cdn-zh.html'), page('笔记本', bareCdn.url, relay.url, chat).replace('lang="en"', 'lang="zh-CN"'));
    writeFileSync(join(site, 'agent.html'), page('Desk', cdn.url, relay.url, `<support-inbox server="${relay.url}" token-endpoint="/support/token"></support-inbox>`));
    const args = [...CHROMIUM_FLAGS, '--autoplay-policy=no-user-gesture-required'];
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args });
    customer = await (await browser.newContext()).newPage();
    agent = await (await browser.newContext()).newPage();
    for (const p of [customer, agent]) {
      p.on('pageerror', (error) => pageErrors.push(String(error)));
      p.on('console', (message) => {
        if (message.text().startsWith('csp-violation')) cspViolations.push(message.text());
      });
      await reportCspViolations(p);
    }
  });

  after(async () => {
    await browser?.close();
    await relay?.stop('SIGKILL');
    await Promise.all([cdn?.close(), bareCdn?.close(), shop?.close(), stranger?.close()]);
    data?.remove();
    if (site) rmSync(site, { recursive: true, force: true });
  });

  const customerMessage = (text: string) => customer.locator('support-chat [part~="message"]', { hasText: text });
  const agentMessage = (text: string) => agent.locator('support-inbox [part~="thread"] [part~="message"]', { hasText: text });

  it('customer and agent chat; the chunks come from the CDN origin', async () => {
    await customer.goto(`${shop.url}/`);
    await customer.locator('support-chat [part~="launcher"]').click(WAIT);
    await customer.locator('support-chat [part~="input"]').fill('Battery drains overnight');
    await customer.keyboard.press('Enter');
    await customerMessage('Battery drains overnight').waitFor(WAIT);

    await agent.goto(`${shop.url}/agent.html`);
    await agent.locator('support-inbox [part~="conversation"]').first().click(WAIT);
    await agentMessage('Battery drains overnight').waitFor(WAIT);
    await agent.locator('support-inbox [part~="input"]').fill('Which apps run in the background?');
    await agent.keyboard.press('Enter');
    await customerMessage('Which apps run in the background?').waitFor(WAIT);
    assert.ok(cdn.requests.includes('/assets/cdn/support-chat.js'), 'the chat chunk came from the CDN');
    assert.ok(!shop.requests.some((path) => path.includes('support-chat.js')), 'the shop origin served no chunk');
  });

  it('customer sends a photo across origins and the agent sees it', async () => {
    const pasted = await customer.evaluate(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 640;
      canvas.height = 480;
      const context = canvas.getContext('2d');
      if (!context) return false;
      context.fillStyle = '#0f766e';
      context.fillRect(0, 0, 640, 480);
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
      if (!blob) return false;
      const transfer = new DataTransfer();
      transfer.items.add(new File([blob], 'battery.png', { type: 'image/png' }));
      const input = document.querySelector('support-chat')?.shadowRoot?.querySelector('[part~="input"]');
      const event = new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true, composed: true });
      input?.dispatchEvent(event);
      return event.defaultPrevented;
    });
    assert.equal(pasted, true);
    await customer.waitForFunction(
      () => {
        const chips = [...(document.querySelector('support-chat')?.shadowRoot?.querySelectorAll('[part~="attachment"]') ?? [])];
        return chips.length === 1 && chips[0]?.getAttribute('data-state') === 'uploaded';
      },
      undefined,
      WAIT,
    );
    await customer.locator('support-chat [part~="input"]').fill('Here is the battery screen');
    await customer.keyboard.press('Enter');
    await agentMessage('Here is the battery screen').waitFor(WAIT);
    await agent.waitForFunction(
      () => {
        const image = document.querySelector('support-inbox')?.shadowRoot?.querySelector<HTMLImageElement>('[part~="attachment-image"] img');
        return !!image && image.complete && image.naturalWidth === 640;
      },
      undefined,
      WAIT,
    );
  });

  it('customer calls the agent and both see video', async () => {
    for (const [p, host] of [
      [customer, 'support-chat'],
      [agent, 'support-inbox'],
    ] as const) {
      await addCall(p, host);
    }
    await customer.evaluate(() => (document.querySelector('support-call') as unknown as { start(o: object): Promise<void> }).start({ video: true }));
    await agent.locator('support-call [part~="accept-button"]').click(WAIT);
    for (const p of [customer, agent]) {
      await p.waitForFunction(
        () => {
          const video = document.querySelector('support-call')?.shadowRoot?.querySelector<HTMLVideoElement>('video[part~="remote-video"]');
          return document.querySelector('support-call')?.getAttribute('state') === 'connected' && !!video && video.videoWidth > 0;
        },
        undefined,
        WAIT,
      );
    }
    await customer.locator('support-call [part~="hangup-button"]').click();
    await agent.waitForFunction(() => document.querySelector('support-call')?.getAttribute('state') !== 'connected', undefined, WAIT);
  });

  it('a page on an origin the relay does not list is refused with a visible error, nothing stored', async () => {
    const outsider = await (await browser.newContext()).newPage();
    const errors: string[] = [];
    await outsider.exposeFunction('__supportError', (code: string) => errors.push(code));
    await outsider.addInitScript(() => {
      document.addEventListener('support-error', (event) => {
        void (window as unknown as { __supportError(code: string): void }).__supportError((event as CustomEvent<{ code: string }>).detail.code);
      });
    });
    await outsider.goto(`${stranger.url}/`);
    await outsider.locator('support-chat [part~="launcher"]').click(WAIT);
    await outsider.waitForFunction(() => /origin|not allowed|refused/i.test(document.querySelector('support-chat')?.shadowRoot?.textContent ?? ''), undefined, WAIT);
    assert.ok(errors.includes('origin-not-allowed'), `support-error codes: ${errors.join(',')}`);
    // A message typed there is not lost: it stays in the page (as a pending message or in the
    // composer, beside the error), and it never reaches the agent.
    await outsider.locator('support-chat [part~="input"]').fill('from a stranger');
    await outsider.keyboard.press('Enter');
    await outsider.waitForFunction(
      () => {
        const root = document.querySelector('support-chat')?.shadowRoot;
        const pending = [...(root?.querySelectorAll('[part~="message"]') ?? [])].some((m) => m.textContent?.includes('from a stranger'));
        const input = root?.querySelector<HTMLTextAreaElement | HTMLInputElement>('[part~="input"]');
        return pending || input?.value === 'from a stranger';
      },
      undefined,
      WAIT,
    );
    await agent.waitForTimeout(1000);
    assert.equal(await agentMessage('from a stranger').count(), 0);
    await outsider.close();
  });

  /** A page on the bare CDN, with the loader's console lines (`support-widget: ...`) collected as they come. */
  async function bareCdnPage(path: string): Promise<{ page: Page; lines: string[]; nextLine: () => Promise<string> }> {
    const visitor = await (await browser.newContext()).newPage();
    visitor.on('pageerror', (error) => pageErrors.push(String(error)));
    await reportCspViolations(visitor);
    const lines: string[] = [];
    let waiting: ((line: string) => void) | undefined;
    visitor.on('console', (message) => {
      if (message.text().startsWith('csp-violation')) cspViolations.push(message.text());
      if (!message.text().startsWith('support-widget:')) return;
      lines.push(message.text());
      waiting?.(message.text());
    });
    const nextLine = () => new Promise<string>((resolve) => (waiting = resolve));
    const first = nextLine();
    await visitor.goto(`${shop.url}${path}`);
    await first;
    return { page: visitor, lines, nextLine };
  }

  /** The text of the element focused inside the unavailable box, if focus is there. */
  const focusedInBox = (p: Page) =>
    p.evaluate(() => {
      const box = document.activeElement;
      return box?.hasAttribute('data-support-unavailable') === true ? (box.shadowRoot?.activeElement?.textContent ?? null) : null;
    });

  it('a CDN without CORS: "Support is unavailable" with a retry where the launcher would be; once the CDN is fixed the retry brings the chat', async () => {
    const { page: visitor, lines, nextLine } = await bareCdnPage('/bare-cdn.html');
    const box = visitor.locator('support-chat [data-support-unavailable]');
    const alert = box.locator('[role="alert"]');
    await alert.waitFor(WAIT);
    assert.equal(await alert.innerText(), 'Support is unavailable right now.');
    assert.equal(await box.locator('button').innerText(), 'Try again');
    assert.equal(await visitor.locator('support-chat [part~="launcher"]').count(), 0);
    assert.equal(lines.length, 1, lines.join('\n'));
    assert.match(lines[0] ?? '', /^support-widget: <support-chat> is unavailable \(.*support-chat\.js\); its chunks need CORS, see docs\/cdn\.md$/);
    // In the launcher's corner (20 px from the bottom and the end of the viewport).
    const viewport = visitor.viewportSize();
    const where = await box.boundingBox();
    assert.ok(viewport && where);
    assert.equal(Math.round(viewport.width - (where.x + where.width)), 20);
    assert.equal(Math.round(viewport.height - (where.y + where.height)), 20);
    // On a narrow phone it wraps rather than leaving the screen.
    await visitor.setViewportSize({ width: 280, height: 560 });
    const narrow = await box.boundingBox();
    assert.ok(narrow);
    assert.ok(narrow.x >= 20 && Math.round(narrow.x + narrow.width) === 260, JSON.stringify(narrow));

    // Keyboard: Tab reaches the retry button; a retry while the CDN is still broken logs one more
    // line and shows the box again, focus still on its button.
    await visitor.keyboard.press('Tab');
    assert.equal(await focusedInBox(visitor), 'Try again');
    const second = nextLine();
    await visitor.keyboard.press('Enter');
    await second;
    await visitor.waitForFunction(
      () => document.activeElement?.hasAttribute('data-support-unavailable') === true && document.activeElement.shadowRoot?.activeElement?.localName === 'button',
      undefined,
      WAIT,
    );
    assert.equal(await box.count(), 1);

    bareCdn.cors = true;
    try {
      await visitor.keyboard.press('Enter');
      await visitor.locator('support-chat [part~="launcher"]').waitFor(WAIT);
      await visitor.waitForFunction(() => document.querySelector('support-chat')?.shadowRoot?.activeElement?.getAttribute('part') === 'launcher', undefined, WAIT);
      assert.equal(await box.count(), 0);
      assert.equal(lines.length, 2, lines.join('\n'));
      await visitor.keyboard.press('Enter');
      await visitor.locator('support-chat [part~="input"]').waitFor(WAIT);
    } finally {
      bareCdn.cors = false;
    }
    await visitor.context().close();
  });

  it('the unavailable box speaks the page\'s language', async () => {
    const { page: visitor } = await bareCdnPage('/bare-cdn-zh.html');
    const alert = visitor.locator('support-chat [data-support-unavailable] [role="alert"]');
    await alert.waitFor(WAIT);
    assert.equal(await alert.innerText(), '客服暂时无法使用。');
    assert.equal(await visitor.locator('support-chat [data-support-unavailable] button').innerText(), '重试');
    await visitor.context().close();
  });

  it('raised no uncaught page errors and no CSP violations under the policy docs/cdn.md lists', () => {
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(cspViolations, []);
  });
});
