/**
 * End to end: guided steps (issue 20) in real Chromium through the real relay (a child process with
 * its SQLite file). An admin keeps the shop's canned step lists; on the desk the agent opens "Send
 * steps" for the customer's conversation, sees the lists for its product card (its SKU's first, the
 * general ones, none of other products), picks one, edits a step and sends it; the customer ticks
 * two steps in the chat (one by keyboard, one by pointer); the desk shows "2 of 4 done" live, in the
 * thread and in the queue's preview; after both pages reload both still show the same two ticked.
 * axe finds nothing on either page (the chat light, the desk dark with the dialog open).
 *
 * Run after `npm run build` (the pages load dist/). `STEPS_SCREENSHOTS_DIR` keeps screenshots.
 */
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { StepList } from '../../src/protocol/guided-steps.js';
import { axeViolations } from '../support/axe.js';
import { openDeskWorld, type DeskWorld } from '../support/desk-world.js';
import { onClient, waitConnected } from '../support/desk-pages.js';

const WAIT = { timeout: 20_000 };
const INBOX = 'support-inbox';
const CHAT = 'support-chat';
const SKU = 'VX12P-256-GR'; // the demo product page's card

const LISTS: StepList[] = [
  {
    id: 'wifi-x12',
    title: 'Reset network settings',
    sku: SKU,
    steps: [{ text: 'Open Settings' }, { text: 'Tap General' }, { text: 'Tap <b>Reset network</b>' }, { text: 'Join your Wi-Fi again' }],
  },
  { id: 'restart', title: 'Restart the phone', steps: [{ text: 'Hold the power button for 10 seconds' }] },
  { id: 'buds', title: 'Pair the earbuds', sku: 'EB-200', steps: [{ text: 'Open the case' }] },
];

/** Which of the card's checkboxes are ticked, in order. */
async function ticks(page: Page, host: string): Promise<boolean[]> {
  const boxes = page.locator(`${host} [part~="step-checkbox"]`);
  await boxes.first().waitFor(WAIT);
  const states: boolean[] = [];
  for (let i = 0; i < (await boxes.count()); i++) states.push(await boxes.nth(i).isChecked());
  return states;
}

async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.STEPS_SCREENSHOTS_DIR;
  if (dir !== undefined && dir !== '') await page.screenshot({ path: join(dir, name) });
}

describe('guided steps: a canned list for the product, ticked by the customer, seen live by the agent, kept across reloads', () => {
  let world: DeskWorld;
  let desk: Page;
  let customer: Page;
  let conversationId = '';

  before(async () => {
    world = await openDeskWorld({ context: { bypassCSP: true } }); // axe is injected as a script
  });

  after(async () => {
    await world?.close();
  });

  async function openConversation(): Promise<void> {
    await desk.goto(`${world.relay.url}/agent/?agent=ada&name=Ada&role=admin`);
    await waitConnected(desk, INBOX);
    await desk.locator(`${INBOX} [part~="queue-view"][data-view="all"]`).click();
    await desk.locator(`${INBOX} [part~="conversation"][data-id="${conversationId}"]`).click(WAIT);
  }

  async function openChat(): Promise<void> {
    await customer.goto(`http://localhost:${world.relay.port}/`);
    await customer.waitForFunction((host) => customElements.get(host) !== undefined, CHAT, WAIT);
    const open = await customer.evaluate((host) => (document.querySelector(host) as Element & { open?: boolean }).open === true, CHAT);
    if (!open) await customer.locator(`${CHAT} [part~="launcher"]`).click(WAIT);
    await waitConnected(customer, CHAT);
  }

  it('offers the lists of the conversation’s product, and sends the one picked after an edit', async () => {
    customer = await world.person();
    await openChat();
    const input = customer.locator(`${CHAT} [part~="input"]`);
    await input.fill('My phone does not join the Wi-Fi any more');
    await input.press('Enter');
    conversationId = await customer.evaluate((host) => (document.querySelector(host) as Element & { conversationId?: string }).conversationId ?? '', CHAT);
    assert.match(conversationId, /^c/);

    desk = await world.person();
    await desk.goto(`${world.relay.url}/agent/?agent=ada&name=Ada&role=admin`);
    await waitConnected(desk, INBOX);
    for (const list of LISTS) await onClient(desk, INBOX, '(client, list) => client.steps.saveList(list)', [list]);
    await openConversation();
    await desk.locator(`${INBOX} [part~="steps-button"]`).click(WAIT);
    const dialog = desk.locator(`${INBOX} [part~="steps-dialog"]`);
    const offered = dialog.locator('[part~="steps-lists"] button');
    await offered.first().waitFor(WAIT);
    assert.deepEqual((await offered.allTextContents()).map((t) => t.trim()), ['Use “Reset network settings”', 'Use “Restart the phone”'], 'its SKU’s list first, then the general one; never another product’s');
    await offered.first().click();
    await dialog.locator('textarea[name="step-1"]').fill('Tap General, then Transfer or Reset');
    await desk.emulateMedia({ colorScheme: 'dark' });
    assert.deepEqual(await axeViolations(desk), [], 'the Send steps dialog passes axe in dark mode');
    await screenshot(desk, 'steps-dialog-dark.png');
    await dialog.locator('[part~="steps-send-button"]').click();
    await dialog.waitFor({ ...WAIT, state: 'detached' });
    const progress = desk.locator(`${INBOX} [part~="steps-progress"]`);
    await desk.waitForFunction((host) => document.querySelector(host)?.shadowRoot?.querySelector('[part~="steps"][data-status="delivered"], [part~="steps"][data-status="sent"], [part~="steps"][data-status="read"]') !== null, INBOX, WAIT);
    assert.equal((await progress.textContent())?.trim(), '0 of 4 done');
  });

  it('ticks two steps in the chat (keyboard and pointer) and the desk shows 2 of 4 done live', async () => {
    const card = customer.locator(`${CHAT} [part~="steps"]`);
    await card.waitFor(WAIT);
    assert.equal((await card.locator('[part~="steps-title"]').textContent())?.trim(), 'Reset network settings');
    const texts = (await card.locator('.step-text').allTextContents()).map((t) => t.trim());
    assert.deepEqual(texts, ['Open Settings', 'Tap General, then Transfer or Reset', 'Tap <b>Reset network</b>', 'Join your Wi-Fi again'], 'the edit arrived; HTML shows as text');
    assert.equal(await card.locator('b').count(), 0);
    const boxes = card.locator('[part~="step-checkbox"]');
    assert.equal(await boxes.first().getAttribute('type'), 'checkbox');
    await boxes.nth(0).focus();
    await customer.keyboard.press('Space');
    await card.locator('.step-label', { hasText: 'Tap General' }).click();
    await customer.waitForFunction((host) => document.querySelector(host)?.shadowRoot?.querySelector('[part~="step-waiting"]') === null, CHAT, WAIT);
    await desk.locator(`${INBOX} [part~="steps-progress"]`, { hasText: '2 of 4 done' }).waitFor(WAIT);
    assert.deepEqual(await ticks(desk, INBOX), [true, true, false, false]);
    await desk.locator(`${INBOX} [part~="conversation"][data-id="${conversationId}"]`, { hasText: '2 of 4 done' }).waitFor(WAIT);
    assert.deepEqual(await axeViolations(customer), [], 'the chat with its checklist passes axe');
    await screenshot(customer, 'steps-chat.png');
    await screenshot(desk, 'steps-desk-dark.png');
  });

  it('shows the same two steps ticked on both sides after both pages reload', async () => {
    await customer.reload();
    await openChat();
    await customer.locator(`${CHAT} [part~="steps-progress"]`, { hasText: '2 of 4 done' }).waitFor(WAIT);
    assert.deepEqual(await ticks(customer, CHAT), [true, true, false, false]);
    await openConversation();
    await desk.locator(`${INBOX} [part~="steps-progress"]`, { hasText: '2 of 4 done' }).waitFor(WAIT);
    assert.deepEqual(await ticks(desk, INBOX), [true, true, false, false]);
    assert.deepEqual(world.pageErrors, []);
  });
});
