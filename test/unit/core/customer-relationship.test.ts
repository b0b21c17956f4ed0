/**
 * The customer's relationship API (`client.relationship`, issue 17) against a real relay with a
 * real in-process SMTP server: office hours from the welcome and live, the contact email (checked
 * before sending, stored with its consent, the prompt remembered per browser), the satisfaction
 * question once a conversation is resolved (answered once), and a signed-in customer's own
 * conversations and a new one about another device.
 */
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { MemoryStorage } from '../../../src/base/storage.js';
import type { SupportClient } from '../../../src/core/support-client.js';
import { SupportError } from '../../../src/protocol/errors.js';
import type { HoursStatus } from '../../../src/protocol/relationship.js';
import { admin, ADMIN_TOKEN, TestSmtp } from '../server/relationship-harness.js';
import { agentToken, customerToken, relayHarness, until, type Harness } from './relay-harness.js';

async function world(t: TestContext): Promise<Harness> {
  const smtp = new TestSmtp();
  await smtp.start();
  t.after(() => smtp.stop());
  return relayHarness(t, { server: { adminToken: ADMIN_TOKEN, smtpUrl: smtp.url, mailFrom: 'support@shop.test', publicUrl: 'http://shop.test', timerMaxSleepMs: 20 } });
}

async function connected(client: SupportClient): Promise<SupportClient> {
  await client.connect();
  return client;
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof SupportError, String(error));
    return error.code;
  }
  assert.fail('expected a refusal');
}

describe('client.relationship on the relay', () => {
  it('knows the office hours from the welcome and hears when they change, and whether email is offered', async (t) => {
    const relay = await world(t);
    const customer = await connected(relay.client(customerToken('hours-ana')));
    assert.equal(customer.relationship.hours, undefined, 'no hours set: always open as before');
    assert.equal(customer.relationship.emailOffered, true, 'SMTP configured: email offered');
    const heard: Array<HoursStatus | undefined> = [];
    customer.on('hours', ({ hours }) => heard.push(hours));
    // Closed every day but one minute on Sunday at 03:00 in Tokyo: the next opening is known.
    const put = await admin(relay.url, 'PUT', '/admin/hours?shop=demo', { timeZone: 'Asia/Tokyo', weekly: [{ day: 7, from: '03:00', to: '03:01' }], holidays: [] });
    assert.equal(put.status, 200);
    const hours = await until(() => heard.at(-1), 'an hours event');
    assert.equal(hours.timeZone, 'Asia/Tokyo');
    assert.equal(typeof hours.nextOpen, 'number');
    const nextOpen = new Date(hours.nextOpen ?? 0);
    assert.deepEqual([nextOpen.getUTCDay(), nextOpen.getUTCHours(), nextOpen.getUTCMinutes()], [6, 18, 0], 'Sunday 03:00 in Tokyo is Saturday 18:00 UTC');
    const hoursOf = (client: SupportClient): HoursStatus | undefined => client.relationship.hours;
    assert.deepEqual(hoursOf(customer), hours);
    // A client connecting now learns the same from its welcome.
    const later = await connected(relay.client(customerToken('hours-bo')));
    assert.deepEqual(hoursOf(later), hours);
  });

  it('refuses an address that is no email before sending, stores one with its consent, and remembers the prompt per browser', async (t) => {
    const relay = await world(t);
    const storage = new MemoryStorage();
    const customer = await connected(relay.client(customerToken('mail-cy'), { storage }));
    const conversationId = customer.primaryConversationId ?? assert.fail('no conversation');
    assert.equal(await refusal(customer.relationship.setContactEmail(conversationId, 'not an email')), 'invalid-email');
    assert.equal(customer.conversation(conversationId)?.contact, undefined, 'nothing stored');
    assert.equal(customer.relationship.contactPromptAnswer(), undefined);
    const summary = await customer.relationship.setContactEmail(conversationId, ' cy@example.com ', 'We email you replies.');
    assert.equal(summary.contact?.email, 'cy@example.com');
    assert.equal(customer.conversation(conversationId)?.contact?.email, 'cy@example.com', 'merged into the client');
    assert.equal(customer.relationship.contactPromptAnswer(), 'saved');
    // The same browser (storage) after a reload: never asked again; another browser: not answered.
    const reloaded = await connected(relay.client(customerToken('mail-cy'), { storage }));
    assert.equal(reloaded.relationship.contactPromptAnswer(), 'saved');
    assert.equal(reloaded.conversation(conversationId)?.contact?.email, 'cy@example.com', 'the welcome carries it');
    const elsewhere = await connected(relay.client(customerToken('mail-cy'), { storage: new MemoryStorage() }));
    assert.equal(elsewhere.relationship.contactPromptAnswer(), undefined);
    elsewhere.relationship.rememberContactPrompt('skipped');
    assert.equal(elsewhere.relationship.contactPromptAnswer(), 'skipped');
  });

  it('answers the satisfaction question once, after an agent replied and resolved the conversation', async (t) => {
    const relay = await world(t);
    const customer = await connected(relay.client(customerToken('csat-di')));
    const conversationId = customer.primaryConversationId ?? assert.fail('no conversation');
    customer.send(conversationId, { body: 'My phone does not charge' });
    const agent = await connected(relay.client(agentToken('csat-alex')));
    await until(() => agent.conversation(conversationId), 'the agent to see the conversation');
    assert.equal(await refusal(customer.relationship.answerCsat(conversationId, 4)), 'not-asked');
    await agent.desk.take(conversationId);
    agent.send(conversationId, { body: 'Try another cable, please' });
    await until(() => customer.conversation(conversationId)?.messages.find((m) => !m.mine && m.kind === 'text'), 'the agent’s reply');
    await agent.desk.setStatus(conversationId, 'resolved');
    const question = await until(() => customer.conversation(conversationId)?.messages.find((m) => m.kind === 'csat'), 'the csat question');
    assert.equal(question.from.role === 'customer', false, 'the relay asks, not the customer');
    assert.equal(await refusal(customer.relationship.answerCsat(conversationId, 6)), 'invalid-score');
    const answered = await customer.relationship.answerCsat(conversationId, 5, 'Quick and kind');
    assert.equal(answered.csat?.state, 'answered');
    assert.equal(customer.conversation(conversationId)?.csat?.state, 'answered');
    assert.equal(await refusal(customer.relationship.answerCsat(conversationId, 1)), 'already-answered');
  });

  it('lists a signed-in customer’s conversations newest first and starts one about another device', async (t) => {
    const relay = await world(t);
    const customer = await connected(relay.client(customerToken('own-ed')));
    const first = customer.primaryConversationId ?? assert.fail('no conversation');
    customer.send(first, { body: 'About my laptop' });
    await until(() => customer.conversation(first)?.messages.find((m) => m.status === 'sent'), 'the first message stored');
    const started = await customer.relationship.startConversation({ sku: 'PH-9', name: 'Phone 9' });
    assert.notEqual(started.id, first);
    assert.equal(started.context?.name, 'Phone 9');
    customer.send(started.id, { body: 'And my phone' });
    await until(() => customer.conversation(started.id)?.messages.find((m) => m.status === 'sent'), 'a message in the new conversation');
    const list = await customer.relationship.conversations();
    assert.deepEqual(list.map((c) => c.id), [started.id, first], 'newest first');
    assert.equal(list[0]?.context?.sku, 'PH-9', 'each keeps its product card');
  });
});
