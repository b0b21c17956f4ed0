/**
 * axe-core in real Chromium on the demo product page (launcher closed, chat open) and the agent
 * desk (a conversation open): WCAG 2.1 A and AA rules, plus the landmark rules, with zero
 * violations. axe walks open shadow roots, so it checks what our elements render inside theirs,
 * and the landmark rules see the page as a whole (our elements must not add a second banner to
 * the shop's page). Light and dark colour schemes both.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, chromiumPath } from '../support/browser.js';
import { startRelay, tempDataDir, type RelayProcess } from '../support/relay-process.js';

const WAIT = { timeout: 20_000 };
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** WCAG 2.0/2.1 level A and AA success criteria, as axe tags them. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** Landmark structure (best practice in axe, not tagged WCAG): where a widget breaks a shop's page. */
const LANDMARK_RULES = [
  'landmark-no-duplicate-banner',
  'landmark-no-duplicate-contentinfo',
  'landmark-no-duplicate-main',
  'landmark-banner-is-top-level',
  'landmark-contentinfo-is-top-level',
  'landmark-main-is-top-level',
  'landmark-complementary-is-top-level',
  'landmark-unique',
];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown; html: string; failureSummary?: string }[];
}

/** Runs axe on the whole document and returns its violations as plain, printable lines. */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(
    async ({ wcag, landmarks }) => {
      const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
      const byTag = await axe.run(document, { runOnly: { type: 'tag', values: wcag }, resultTypes: ['violations'] });
      const byRule = await axe.run(document, { runOnly: { type: 'rule', values: landmarks }, resultTypes: ['violations'] });
      return [...byTag.violations, ...byRule.violations].map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
      }));
    },
    { wcag: WCAG_21_AA, landmarks: LANDMARK_RULES },
  );
  // Strings, not objects: a failing assertion that prints DOM-ish objects can hang the runner.
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact ?? '?'}): ${v.help} at ${JSON.stringify(n.target)} ${n.html.slice(0, 160)}`));
}

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
      const context = await browser.newContext({ colorScheme });
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
      const customer = await browser.newContext({ colorScheme });
      const shopper = await customer.newPage();
      await shopper.goto(`${relay.url}/`);
      await shopper.locator('support-chat [part~="launcher"]').click(WAIT);
      await shopper.locator('support-chat [part~="input"]').fill('My order has not arrived');
      await shopper.keyboard.press('Enter');
      await shopper.locator('support-chat [part~="message"][data-status="sent"]').first().waitFor(WAIT);

      const context = await browser.newContext({ colorScheme });
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
