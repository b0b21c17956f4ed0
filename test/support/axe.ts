/**
 * axe-core in a Playwright page: WCAG 2.1 A and AA rules plus the landmark rules (best practice in
 * axe, not tagged WCAG: where a widget breaks a shop's page), on the whole document, open shadow
 * roots included. The page's context needs `bypassCSP` when the page forbids injected scripts.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

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
export async function axeViolations(page: Page): Promise<string[]> {
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
