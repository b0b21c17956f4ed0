/**
 * End to end: a customer on the demo product page (`/`, script-tag bundle) and an agent on the
 * desk (`/agent/`) chat through the real relay server in two real Chromium contexts.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openDeskWorld, type DeskWorld } from '../support/desk-world.js';

const WAIT = { timeout: 15_000 };

describe('customer and agent chat through the relay', () => {
  let world: DeskWorld;
  let customer: Page;
  let agent: Page;

  before(async () => {
    world = await openDeskWorld();
    customer = await world.person();
    agent = await world.person();
  });

  after(() => world?.close());

  async function openCustomerChat(): Promise<void> {
    await customer.goto(`${world.relay.url}/`);
    await customer.locator('support-chat [part~="launcher"]').click(WAIT);
    await customer.locator('support-chat [part~="input"]').waitFor(WAIT);
  }

  function customerMessage(text: string) {
    return customer.locator('support-chat [part~="message"]', { hasText: text });
  }

  function agentMessage(text: string) {
    return agent.locator('support-inbox [part~="thread"] [part~="message"]', { hasText: text });
  }

  async function openAgentConversation(): Promise<void> {
    await agent.goto(`${world.relay.url}/agent/`);
    const conversation = agent.locator('support-inbox [part~="conversation"]').first();
    await conversation.waitFor(WAIT);
    await conversation.click();
    await agent.locator('support-inbox [part~="thread"]').waitFor(WAIT);
  }

  it('customer sends from the product page and the message is acknowledged', async () => {
    await openCustomerChat();
    await customer.locator('support-chat [part~="input"]').fill('The screen flickers after the update');
    await customer.keyboard.press('Enter');
    const sent = customerMessage('The screen flickers after the update');
    await sent.waitFor(WAIT);
    assert.equal(await sent.getAttribute('data-from'), 'me');
    await customer.waitForFunction(
      () => {
        const chat = document.querySelector('support-chat');
        const msg = chat?.shadowRoot?.querySelector('[part~="message"][data-from="me"]');
        return msg !== null && msg !== undefined && msg.getAttribute('data-status') !== 'sending';
      },
      undefined,
      WAIT,
    );
    assert.match((await sent.getAttribute('data-status')) ?? '', /^(sent|delivered|read)$/);
  });

  it('agent sees the conversation with the product context and replies', async () => {
    await openAgentConversation();
    await agentMessage('The screen flickers after the update').waitFor(WAIT);
    const context = agent.locator('support-inbox [part~="context"]');
    await context.waitFor(WAIT);
    assert.match(await context.innerText(), /VX12P-256-GR/);
    assert.match(await context.innerText(), /100234/);
    await agent.locator('support-inbox [part~="input"]').fill('Please try safe mode: hold the power button');
    await agent.keyboard.press('Enter');
    await agentMessage('Please try safe mode').waitFor(WAIT);
  });

  it('customer receives the reply, and the sender sees it delivered', async () => {
    const reply = customerMessage('Please try safe mode');
    await reply.waitFor(WAIT);
    assert.equal(await reply.getAttribute('data-from'), 'them');
    await agent.waitForFunction(
      () => {
        const inbox = document.querySelector('support-inbox');
        const msg = inbox?.shadowRoot?.querySelector('[part~="message"][data-from="me"]');
        const status = msg?.getAttribute('data-status');
        return status === 'delivered' || status === 'read';
      },
      undefined,
      WAIT,
    );
  });

  it('history is still there after both pages reload', async () => {
    await openCustomerChat();
    await customerMessage('The screen flickers after the update').waitFor(WAIT);
    await customerMessage('Please try safe mode').waitFor(WAIT);
    await openAgentConversation();
    await agentMessage('The screen flickers after the update').waitFor(WAIT);
    await agentMessage('Please try safe mode').waitFor(WAIT);
  });

  it('a message typed while the server is down (SIGKILL) is delivered once after restart', async () => {
    await world.relay.stop('SIGKILL');
    await customer
      .locator('support-chat [part~="connection-banner"], support-chat [data-connection="reconnecting"]')
      .first()
      .waitFor({ timeout: 15_000 })
      .catch(() => undefined); // the banner is a nicety here; delivery below is the assertion
    await customer.locator('support-chat [part~="input"]').fill('Sent while the server was down');
    await customer.keyboard.press('Enter');
    await customerMessage('Sent while the server was down').waitFor(WAIT);
    await world.restartRelay();
    await agentMessage('Sent while the server was down').waitFor({ timeout: 30_000 });
    await customer.waitForFunction(
      () => {
        const chat = document.querySelector('support-chat');
        const all = [...(chat?.shadowRoot?.querySelectorAll('[part~="message"]') ?? [])];
        const mine = all.filter((m) => m.textContent?.includes('Sent while the server was down'));
        return mine.length === 1 && mine[0]?.getAttribute('data-status') !== 'sending';
      },
      undefined,
      { timeout: 30_000 },
    );
    assert.equal(await agentMessage('Sent while the server was down').count(), 1);
  });

  it('raised no uncaught page errors', () => {
    assert.deepEqual(world.pageErrors, []);
  });
});
