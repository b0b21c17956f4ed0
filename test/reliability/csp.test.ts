/**
 * Strict CSP: the relay serves the demo pages with a CSP that allows no inline script, no eval
 * and no inline style; in real Chromium the product page and the agent desk work under it
 * (script tag, ES chunks, Lit styles, WebSocket) with no violation reported. The browser half
 * needs the build (`npm run build`); `npm test` builds before it runs this suite.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PAGE_CSP } from '../../server/http-routes.js';
import { launchChromium } from '../support/browser.js';
import { httpRequest } from './http-client.js';
import { reportFigures, startTestRelay } from './reliability-harness.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const WAIT = { timeout: 15_000 };

/** Collects CSP violations (event and console report) from the first script on. */
async function watchViolations(page: Page, into: string[]): Promise<void> {
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { cspViolations?: string[] }).cspViolations ??= [];
      (window as unknown as { cspViolations: string[] }).cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) into.push(message.text());
  });
}

async function violationsIn(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);
}

describe('strict CSP on the demo pages', { timeout: 90_000 }, () => {
  it('sends the CSP on the demo HTML pages only', async (t) => {
    const relay = await startTestRelay(t, { demo: true, staticRoot: repoRoot });
    for (const path of ['/', '/agent/']) {
      const answer = await httpRequest(relay.url, { path });
      assert.equal(answer.status, 200, path);
      assert.equal(answer.headers['content-security-policy'], DEMO_PAGE_CSP, path);
    }
    assert.doesNotMatch(DEMO_PAGE_CSP, /'unsafe-inline'|'unsafe-eval'|\*/, 'no inline script or style, no eval, no wildcard');
    for (const path of ['/demo/shop.css', '/healthz', '/nope']) {
      assert.equal((await httpRequest(relay.url, { path })).headers['content-security-policy'], undefined, path);
    }
  });

  it('runs the product page and the agent desk under it in Chromium without a violation', async (t) => {
    if (!existsSync(join(repoRoot, 'dist', 'support-widget.iife.js')) || !existsSync(join(repoRoot, 'dist', 'cdn'))) {
      t.skip('needs the build: npm run build');
      return;
    }
    const relay = await startTestRelay(t, { demo: true, staticRoot: repoRoot });
    const browser = await launchChromium();
    t.after(() => browser.close());
    const consoleReports: string[] = [];
    const pageErrors: string[] = [];
    const customer = await (await browser.newContext()).newPage();
    const agent = await (await browser.newContext()).newPage();
    for (const page of [customer, agent]) {
      await watchViolations(page, consoleReports);
      page.on('pageerror', (error) => pageErrors.push(String(error)));
    }

    await customer.goto(`${relay.url}/`);
    await customer.locator('support-chat [part~="launcher"]').click(WAIT);
    await customer.locator('support-chat [part~="input"]').fill('Does this work under a strict CSP?');
    await customer.keyboard.press('Enter');
    await customer.waitForFunction(
      () => {
        const msg = document.querySelector('support-chat')?.shadowRoot?.querySelector('[part~="message"][data-from="me"]');
        return msg !== null && msg !== undefined && msg.getAttribute('data-status') !== 'sending';
      },
      undefined,
      WAIT,
    );
    // Lit's styles arrive through adoptedStyleSheets, which style-src 'self' does not block.
    const styled = await customer.evaluate(() => (document.querySelector('support-chat')?.shadowRoot?.adoptedStyleSheets.length ?? 0) > 0);
    assert.ok(styled, 'the chat is styled');

    await agent.goto(`${relay.url}/agent/`);
    await agent.locator('support-inbox [part~="conversation"]').first().click(WAIT);
    await agent.locator('support-inbox [part~="thread"] [part~="message"]', { hasText: 'strict CSP' }).waitFor(WAIT);
    await agent.locator('support-inbox [part~="input"]').fill('Yes, it does.');
    await agent.keyboard.press('Enter');
    await customer.locator('support-chat [part~="message"]', { hasText: 'Yes, it does.' }).waitFor(WAIT);

    const violations = [...(await violationsIn(customer)), ...(await violationsIn(agent)), ...consoleReports];
    assert.deepEqual(violations, [], 'no CSP violation');
    assert.deepEqual(pageErrors, [], 'no page error');
    reportFigures(t, 'csp', { pages: 2, violations: violations.length, policy: DEMO_PAGE_CSP });
  });
});
