/**
 * The two ends of a call for the weak-network tests and bench: a demo page (product page or
 * desk) opened at `url`, its element's client connected, and a `<support-call>` bound to it.
 */
import type { Page } from 'playwright-core';
import { addCall, waitConnected } from '../desk-pages.js';

const WAIT = { timeout: 30_000 };

/** Opens a demo page and adds a `<support-call>` bound to the client of its chat or inbox. */
export async function openCallPage(page: Page, url: string, host: 'support-chat' | 'support-inbox'): Promise<void> {
  await page.goto(url);
  await waitConnected(page, host, WAIT.timeout);
  await addCall(page, host);
}

/** Resolves when the page's `<support-call>` is in `state`. */
export async function callState(page: Page, state: string, timeout = WAIT.timeout): Promise<void> {
  await page.waitForFunction((want) => document.querySelector('support-call')?.getAttribute('state') === want, state, { timeout });
}

/** The customer calls with video; the agent accepts; resolves when both are connected. */
export async function connectCall(customer: Page, agent: Page): Promise<void> {
  await customer.evaluate(() => (document.querySelector('support-call') as unknown as { start(o: object): Promise<void> }).start({ video: true }));
  await agent.locator('support-call [part~="accept-button"]').click(WAIT);
  await Promise.all([callState(customer, 'connected'), callState(agent, 'connected')]);
}

/** The quality level the page's call shows (`good` | `fair` | `poor`), or '' before the first sample. */
export function qualityLevel(page: Page): Promise<string> {
  return page.evaluate(() => document.querySelector('support-call')?.shadowRoot?.querySelector('[part~="quality"]')?.getAttribute('data-level') ?? '');
}
