/**
 * axe-core in real Chromium on the demo product page (launcher closed, chat open) and the agent
 * desk (a conversation open): WCAG 2.1 A and AA rules, plus the landmark rules, with zero
 * violations. axe walks open shadow roots, so it checks what our elements render inside theirs,
 * and the landmark rules see the page as a whole (our elements must not add a second banner to
 * the shop's page). Light and dark colour schemes both, with reduced motion so that axe measures
 * contrast on the settled page and not halfway through the panel's fade-in.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser } from 'playwright-core';
import { axeViolations } from '../support/axe.js';
import { CHROMIUM_FLAGS, chromiumPath } from '../support/browser.js';
import { startRelay, tempDataDir, type RelayProcess } from '../support/relay-process.js';

const WAIT = { timeout: 20_000 };

// The demo pages' CSP allows no injected script: the contexts bypass it (axe only reads the page).
describe('axe: WCAG 2.1 AA inside the shadow roots of the product page and the agent desk', () => {
  let relay: RelayProcess;
  let data: ReturnType<typeof tempDataDir>;
  let browser: Browser;

  before(async () => {
    data = tempDataDir('support-axe-');
    relay = await startRelay({ dataDir: data.dir });
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
  });

  after(async () => {
    await browser?.close();
    await relay?.stop('SIGKILL');
    data?.remove();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`product page (${colorScheme}): launcher closed, then the chat open with a message`, async () => {
      const context = await browser.newContext({ colorScheme, reducedMotion: 'reduce', bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${relay.url}/`);
      const launcher = page.locator('support-chat [part~="launcher"]');
      await launcher.waitFor(WAIT);
      assert.deepEqual(await axeViolations(page), [], 'launcher closed');

      await launcher.click();
      await page.locator('support-chat [part~="input"]').fill(`Screen flickers (${colorScheme})`);
      await page.keyboard.press('Enter');
      await page.locator('support-chat [part~="message"][data-status="sent"]').first().waitFor(WAIT);
      assert.deepEqual(await axeViolations(page), [], 'chat open');
      await context.close();
    });

    it(`agent desk (${colorScheme}): the inbox with a conversation open`, async () => {
      const customer = await browser.newContext({ colorScheme, reducedMotion: 'reduce', bypassCSP: true });
      const shopper = await customer.newPage();
      await shopper.goto(`${relay.url}/`);
      await shopper.locator('support-chat [part~="launcher"]').click(WAIT);
      await shopper.locator('support-chat [part~="input"]').fill('My order has not arrived');
      await shopper.keyboard.press('Enter');
      await shopper.locator('support-chat [part~="message"][data-status="sent"]').first().waitFor(WAIT);

      const context = await browser.newContext({ colorScheme, reducedMotion: 'reduce', bypassCSP: true });
      const desk = await context.newPage();
      await desk.goto(`${relay.url}/agent/`);
      await desk.locator('support-inbox [part~="conversation"]').first().waitFor(WAIT);
      assert.deepEqual(await axeViolations(desk), [], 'queue');
      await desk.locator('support-inbox [part~="conversation"]').first().click();
      await desk.locator('support-inbox [part~="thread"] [part~="message"]').first().waitFor(WAIT);
      assert.deepEqual(await axeViolations(desk), [], 'conversation open');
      await Promise.all([context.close(), customer.close()]);
    });
  }
});
