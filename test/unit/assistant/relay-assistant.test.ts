/**
 * The assistant on a real relay (issue 18), offline provider on the demo knowledge base: it
 * answers a customer before a person joins (an `assistant` message with its sources, kept in
 * history) without routing the conversation; it hands over on "human", on a weak answer, after two
 * "That didn't help" and on "Talk to a person", with a staff-only summary note and routing; it
 * says "leave a message" when the shop is closed; it stays quiet once a person has it, and answers
 * again when the agent hands back by unassigning; a page with the assistant off keeps it out.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { AssistantReply } from '../../../src/protocol/assistant.js';
import type { WireMessage } from '../../../src/protocol/model.js';
import { loadKnowledgeBase } from '../../../server/assistant/knowledge-base.js';
import { OfflineProvider } from '../../../server/assistant/offline-provider.js';
import { relayPerTest, sendFrame, type TestClient } from '../server/relay-harness.js';
import { result } from '../server/desk-harness.js';
import { admin, askCustomer, clockOptions, TestClock, tokenAt } from '../server/relationship-harness.js';

const provider = new OfflineProvider(loadKnowledgeBase(join(import.meta.dirname, '../../../demo/kb')));

function replyOf(message: WireMessage): AssistantReply {
  assert.equal(message.kind, 'assistant');
  assert.equal(message.from.id, 'assistant');
  return JSON.parse(message.body) as AssistantReply;
}

describe('the assistant on the relay', () => {
  const clock = new TestClock();
  const world = relayPerTest({ ...clockOptions(clock), assistant: { provider } });

  async function customerAndAgent(id: string): Promise<{ customer: TestClient; agent: TestClient; conversationId: string }> {
    const customer = (await world.connect(tokenAt(clock, id, 'customer'))).client;
    const agent = (await world.connect(tokenAt(clock, 'alex', 'agent'))).client;
    return { customer, agent, conversationId: `c-${id}` };
  }

  async function ask(customer: TestClient, conversationId: string, text: string, id: string): Promise<AssistantReply & { seq: number }> {
    customer.send(sendFrame(conversationId, id, text));
    const message = await customer.next('message', (m) => m.kind === 'assistant');
    return { ...replyOf(message), seq: message.seq };
  }

  it('answers a question the knowledge base answers, with an excerpt and article links, and does not route it', async () => {
    const { customer, agent, conversationId } = await customerAndAgent('ana');
    const reply = await ask(customer, conversationId, 'how do I pair my earbuds', 'q1');
    assert.equal(reply.sources[0]?.id, 'buds-pairing');
    assert.equal(reply.sources[0]?.url, '/help/buds-pairing');
    assert.ok(reply.text.includes('pairing mode'), reply.text);
    assert.equal(reply.handoff, undefined);
    const summary = await agent.next('conversation', (c) => c.conversation.id === conversationId && c.conversation.lastMessage?.kind === 'assistant');
    assert.equal(summary.conversation.assignee, undefined, 'the assistant answers first: nobody is assigned');
    customer.send({ type: 'history', requestId: 'h1', conversationId });
    const history = await customer.next('history');
    assert.deepEqual(history.messages.map((m) => m.kind), ['text', 'assistant']);
  });

  it('hands over on "human": a handoff message, a staff-only note, and routing', async () => {
    const { customer, agent, conversationId } = await customerAndAgent('bo');
    await ask(customer, conversationId, '怎么打开降噪', 'q1');
    const reply = await ask(customer, conversationId, 'I want to talk to a human', 'q2');
    assert.deepEqual(reply.handoff, { to: 'person', reason: 'asked' });
    const note = await agent.next('message', (m) => m.kind === 'note' && m.conversationId === conversationId);
    assert.match(note.body, /the customer asked for a person/);
    assert.match(note.body, /怎么打开降噪/);
    assert.match(note.body, /主动降噪/);
    const routed = await agent.next('conversation', (c) => c.conversation.id === conversationId && c.conversation.assignee !== undefined);
    assert.equal(routed.conversation.assignee?.id, 'alex');
    await customer.sync();
    assert.equal(customer.pending('message').filter((m) => m.type === 'message' && m.kind === 'note').length, 0, 'the note is staff only');
    // A person has it now: the assistant stays quiet.
    customer.send(sendFrame(conversationId, 'q3', 'how do I reset my earbuds'));
    await customer.next('ack');
    await customer.sync();
    assert.equal(customer.pending('message').filter((m) => m.type === 'message' && m.kind === 'assistant').length, 0);
  });

  it('hands over a question the knowledge base cannot answer', async () => {
    const { customer, conversationId } = await customerAndAgent('cy');
    const reply = await ask(customer, conversationId, 'do you sell refrigerators', 'q1');
    assert.deepEqual(reply.handoff, { to: 'person', reason: 'low-confidence' });
    assert.deepEqual(reply.sources, []);
  });

  it('hands over after two "That didn\'t help", and at once on "Talk to a person"', async () => {
    const { customer, agent, conversationId } = await customerAndAgent('di');
    const first = await ask(customer, conversationId, 'my watch battery only lasts 2 days', 'q1');
    assert.ok('kind' in (await askCustomer(customer, { kind: 'assistant', conversationId, feedback: 'not-helped', seq: first.seq })));
    const second = await ask(customer, conversationId, 'battery still drains on the watch', 'q2');
    await askCustomer(customer, { kind: 'assistant', conversationId, feedback: 'not-helped', seq: second.seq });
    const handoff = replyOf(await customer.next('message', (m) => m.kind === 'assistant'));
    assert.deepEqual(handoff.handoff, { to: 'person', reason: 'unhelpful' });
    const note = await agent.next('message', (m) => m.kind === 'note' && m.conversationId === conversationId);
    assert.match(note.body, /Did not help:\n- Volta Watch 3: battery life/);

    const other = await customerAndAgent('ed');
    const refused = await askCustomer(other.customer, { kind: 'assistant', conversationId: other.conversationId, feedback: 'helped', seq: 1 });
    assert.equal('code' in refused && refused.code, 'not-found', 'seq 1 is the customer\'s own message');
    await askCustomer(other.customer, { kind: 'assistant', conversationId: other.conversationId, feedback: 'person' });
    assert.deepEqual(replyOf(await other.customer.next('message', (m) => m.kind === 'assistant')).handoff, { to: 'person', reason: 'button' });
  });

  it('stays out of a conversation whose page has the assistant off: the desk routes it, no note', async () => {
    const { customer, agent, conversationId } = await customerAndAgent('go');
    assert.ok('kind' in (await askCustomer(customer, { kind: 'assistant', conversationId, feedback: 'off' })));
    customer.send(sendFrame(conversationId, 'q1', 'how do I pair my earbuds'));
    const routed = await agent.next('conversation', (c) => c.conversation.id === conversationId && c.conversation.assignee !== undefined);
    assert.equal(routed.conversation.assignee?.id, 'alex');
    await customer.sync();
    await agent.sync();
    assert.equal(customer.pending('message').filter((m) => m.type === 'message' && m.kind === 'assistant').length, 0);
    assert.equal(agent.pending('message').filter((m) => m.type === 'message' && m.kind === 'note').length, 0);
  });

  it('asks to leave a message when the shop is closed, and answers again once the agent hands back', async () => {
    const closed = { timeZone: 'UTC', weekly: [], holidays: [] };
    assert.equal((await admin(world.relay.url, 'PUT', '/admin/hours?shop=demo', closed)).status, 200);
    const { customer, agent, conversationId } = await customerAndAgent('fa');
    const reply = await ask(customer, conversationId, 'agent please', 'q1');
    assert.deepEqual(reply.handoff, { to: 'leave-message', reason: 'asked' });
    await result(agent, { kind: 'assign', conversationId, to: 'alex' }, 'conversation');
    await result(agent, { kind: 'assign', conversationId, to: null }, 'conversation');
    const again = await ask(customer, conversationId, 'how do I change the watch strap', 'q2');
    assert.equal(again.sources[0]?.id, 'watch-strap');
  });
});
