/**
 * The assistant end to end (issue 18's done-when), in Chromium through the real relay running the
 * offline provider on the demo shop's knowledge base (`SUPPORT_ASSISTANT=kb`): a customer asks a
 * question the knowledge base answers (the answer shows as the assistant's, `data-from="bot"`,
 * with a link to its article), then one it cannot answer (the assistant hands over and says so);
 * the agent's desk gets the conversation with the private summary note. The same in Chinese, where
 * the customer takes the handoff by tapping "转人工" (Talk to a person).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { axeViolations } from '../support/axe.js';
import { openDeskWorld, type DeskWorld } from '../support/desk-world.js';
import { waitConnected } from '../support/desk-pages.js';

const WAIT = { timeout: 20_000 };
const CHAT = 'support-chat';
const INBOX = 'support-inbox';

async function openChat(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.locator(`${CHAT} [part~="launcher"]`).click(WAIT);
  await waitConnected(page, CHAT);
}

async function ask(page: Page, question: string): Promise<void> {
  const input = page.locator(`${CHAT} [part~="input"]`);
  await input.fill(question);
  await input.press('Enter');
}

/** The assistant's `n`-th message (0-based) in the chat. */
function botMessage(page: Page, n: number) {
  return page.locator(`${CHAT} [part~="message"][data-from="bot"]`).nth(n);
}

/** The conversation the chat shows. */
function conversationOf(page: Page): Promise<string> {
  return page.evaluate((host) => (document.querySelector(host) as Element & { conversationId?: string }).conversationId ?? '', CHAT);
}

describe('the assistant answers, hands over, and the agent sees the summary', () => {
  let world: DeskWorld;
  let desk: Page;

  before(async () => {
    world = await openDeskWorld({ env: () => ({ SUPPORT_ASSISTANT: 'kb' }) });
    desk = await world.person();
    await desk.goto(`${world.relay.url}/agent/?agent=alex&name=Alex`);
    await waitConnected(desk, INBOX);
  });

  after(() => world?.close());

  it('in English: an answer with its article link, then a handoff for a question it cannot answer', async () => {
    const customer = await world.person();
    await openChat(customer, world.relay.url);
    await ask(customer, 'How do I pair my earbuds?');
    const answer = botMessage(customer, 0);
    await answer.waitFor(WAIT);
    assert.equal((await answer.locator('[part~="assistant-label"]').textContent())?.trim(), 'Assistant');
    assert.match((await answer.locator('[part~="bubble"]').textContent()) ?? '', /pairing mode/);
    const link = answer.locator('[part~="assistant-sources"] a').first();
    assert.equal(await link.getAttribute('href'), '/help/buds-pairing');
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
    assert.equal(await answer.locator('[part~="helped-button"]').count(), 1);

    await ask(customer, 'Do you sell refrigerators?');
    const handoff = botMessage(customer, 1);
    await handoff.waitFor(WAIT);
    assert.match((await handoff.textContent()) ?? '', /asked a person to help you/);

    const conversationId = await conversationOf(customer);
    await desk.locator(`${INBOX} [part~="conversation"][data-id="${conversationId}"]`).click(WAIT);
    const note = desk.locator(`${INBOX} [part~="message"][data-kind="note"]`).filter({ hasText: 'Assistant handoff' });
    await note.waitFor(WAIT);
    const said = (await note.textContent()) ?? '';
    assert.match(said, /the help articles do not answer the question/);
    assert.match(said, /How do I pair my earbuds\?/);
    assert.match(said, /Do you sell refrigerators\?/);
    assert.match(said, /Volta Buds Pro: pair your earbuds with a phone/);
    // The desk shows the assistant's answer as the assistant's, never its JSON.
    const deskAnswer = desk.locator(`${INBOX} [part~="message"][data-from="bot"]`).first();
    assert.doesNotMatch((await deskAnswer.textContent()) ?? '', /"sources"/);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`an answer with its sources and buttons passes axe (${colorScheme}, on a phone)`, async () => {
      // The demo pages' CSP allows no injected script: the context bypasses it (axe only reads the page).
      const context = await world.browser.newContext({ colorScheme, reducedMotion: 'reduce', bypassCSP: true, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      const customer = await context.newPage();
      await openChat(customer, world.relay.url);
      await ask(customer, 'How do I turn on noise cancelling?');
      await botMessage(customer, 0).locator('[part~="person-button"]').waitFor(WAIT);
      assert.deepEqual(await axeViolations(customer), []);
      await context.close();
    });
  }

  it('assistant="off": the page\'s conversation goes to a person, the assistant never answers', async () => {
    const customer = await world.person();
    await customer.goto(`${world.relay.url}/`);
    await customer.evaluate((host) => document.querySelector(host)?.setAttribute('assistant', 'off'), CHAT);
    await customer.locator(`${CHAT} [part~="launcher"]`).click(WAIT);
    await waitConnected(customer, CHAT);
    await customer.waitForFunction((host) => (document.querySelector(host) as Element & { conversationId?: string }).conversationId !== undefined, CHAT, WAIT);
    const conversationId = await conversationOf(customer);
    await ask(customer, 'How do I pair my earbuds?');
    await customer.locator(`${CHAT} [part~="message"][data-status="sent"]`).first().waitFor(WAIT);
    await desk.locator(`${INBOX} [part~="conversation"][data-id="${conversationId}"]`).click(WAIT);
    // Routing at the customer's write happens only when the assistant does not take the turn.
    await desk.locator(`${INBOX} [part~="desk-event"]`).filter({ hasText: 'Assigned to You' }).waitFor(WAIT);
    assert.equal(await desk.locator(`${INBOX} [part~="message"][data-from="bot"]`).count(), 0);
    assert.equal(await customer.locator(`${CHAT} [part~="message"][data-from="bot"]`).count(), 0);
  });

  it('in Chinese: an answer with its article link, then "转人工" hands over', async () => {
    const customer = await world.person();
    await customer.addInitScript(() => localStorage.setItem('support-demo-lang', 'zh-CN'));
    await openChat(customer, world.relay.url);
    await ask(customer, '耳机怎么配对？');
    const answer = botMessage(customer, 0);
    await answer.waitFor(WAIT);
    await customer.locator(`${CHAT} [part~="assistant-label"]`).filter({ hasText: '智能助手' }).first().waitFor(WAIT);
    assert.equal(await answer.locator('[part~="assistant-sources"] a').first().getAttribute('href'), '/help/zh-CN/buds-pairing');
    assert.match((await answer.locator('[part~="bubble"]').textContent()) ?? '', /配对模式/);

    const person = answer.locator('[part~="person-button"]');
    assert.equal((await person.textContent())?.trim(), '转人工');
    await person.click();
    const handoff = botMessage(customer, 1);
    await handoff.waitFor(WAIT);
    assert.match((await handoff.textContent()) ?? '', /已为您转接人工客服/);

    const conversationId = await conversationOf(customer);
    await desk.locator(`${INBOX} [part~="conversation"][data-id="${conversationId}"]`).click(WAIT);
    const note = desk.locator(`${INBOX} [part~="message"][data-kind="note"]`).filter({ hasText: 'Talk to a person' });
    await note.waitFor(WAIT);
    assert.match((await note.textContent()) ?? '', /耳机怎么配对？/);
    assert.deepEqual(world.pageErrors, []);
  });
});
