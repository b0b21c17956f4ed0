/**
 * What a customer never gets (issue 16), checked on the wire with a raw WebSocket customer: notes
 * and desk events (not live, not in history, not in a resume's replay, not as their summary's last
 * message or seq), desk fields in their summaries. And what a customer token may not ask: any
 * desk action, a note, a queue view, a profile; each refused `forbidden`, with nothing leaked.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DeskAction } from '../../../src/protocol/desk.js';
import type { ServerFrame } from '../../../src/protocol/frames.js';
import { createCustomerToken, customerConversationId, mintCustomerToken } from '../../../server/customer-token.js';
import { visitorIdOf } from '../../../server/visitor-token.js';
import { agentToken, customerToken, relayPerTest, SECRET, sendFrame, TestClient } from './relay-harness.js';
import { ask, result } from './desk-harness.js';

/** Every frame the client got that names a note, an event, a desk field or the roster. */
function leaks(frames: ServerFrame[]): ServerFrame[] {
  return frames.filter((f) => {
    const text = JSON.stringify(f);
    return f.type === 'desk' || f.type === 'agents' || /"kind":"(note|event)"|"status"|"assignee"|"labels"|"snoozedUntil"|secret note/.test(text);
  });
}

describe('desk privacy', () => {
  const world = relayPerTest();

  async function noteAndEvents(agent: TestClient): Promise<void> {
    agent.send({ type: 'send', clientMsgId: 'n1', conversationId: 'c-ana', kind: 'note', body: 'secret note: refund approved' });
    await agent.next('ack', (f) => f.clientMsgId === 'n1');
    await result(agent, { kind: 'labels', conversationId: 'c-ana', add: ['refund'] }, 'conversation');
    await result(agent, { kind: 'status', conversationId: 'c-ana', status: 'pending' }, 'conversation');
  }

  it('never sends a customer a note or an event: live, in history, on resume, or in their summary', async () => {
    const customer = (await world.connect(customerToken('ana'))).client;
    const alex = (await world.connect(agentToken('alex'))).client;
    const bea = (await world.connect(agentToken('bea'))).client;
    customer.send(sendFrame('c-ana', 'm1', 'my screen flickers'));
    await customer.next('ack');
    await noteAndEvents(alex);
    alex.send(sendFrame('c-ana', 'r1', 'we will replace it'));
    const reply = await alex.next('ack', (f) => f.clientMsgId === 'r1');
    assert.equal((await bea.next('message', (m) => m.kind === 'note')).body, 'secret note: refund approved', 'staff get notes live');

    const live = await customer.next('message', (m) => m.clientMsgId === 'r1');
    assert.equal(live.seq, reply.seq);
    await customer.sync();
    assert.deepEqual(leaks([...customer.pending()]), [], 'nothing staff-only arrived live');

    customer.send({ type: 'history', requestId: 'h1', conversationId: 'c-ana', limit: 2 });
    const history = await customer.next('history');
    assert.deepEqual(history.messages.map((m) => m.clientMsgId), ['m1', 'r1'], 'a full page of what they may read');
    assert.equal(history.hasMore, false);

    const resumed = await world.connect(customerToken('ana'), { 'c-ana': 0 });
    const replayed = [await resumed.client.next('message'), await resumed.client.next('message')];
    assert.deepEqual(replayed.map((m) => m.clientMsgId), ['m1', 'r1']);
    await resumed.client.sync();
    assert.deepEqual(leaks([resumed.welcome, ...replayed, ...resumed.client.pending()]), []);
    assert.deepEqual(resumed.client.pending('message'), [], 'only m1 and r1 were replayed');

    // The agent's reply is the last thing; then another note: the customer's summary must stop at the reply.
    alex.send({ type: 'send', clientMsgId: 'n2', conversationId: 'c-ana', kind: 'note', body: 'secret note 2' });
    await alex.next('ack', (f) => f.clientMsgId === 'n2');
    const { welcome } = await world.connect(customerToken('ana'));
    const summary = welcome.conversations[0];
    assert.deepEqual([summary?.lastSeq, summary?.lastMessage?.clientMsgId], [reply.seq, 'r1']);
    assert.deepEqual(leaks([welcome]), [], 'no desk field, no note in the welcome');
    const staff = (await world.connect(agentToken('cy'))).welcome.conversations[0];
    assert.deepEqual([staff?.status, staff?.labels, staff?.lastMessage?.kind], ['pending', ['refund'], 'note'], 'staff see all of it');
  });

  it('refuses every desk action, a note, a queue view and a profile to a customer, with nothing leaked', async () => {
    const customer = (await world.connect(customerToken('ana'))).client;
    await world.connect(customerToken('bo'));
    const alex = (await world.connect(agentToken('alex'))).client;
    await result(alex, { kind: 'labels', conversationId: 'c-ana', add: ['vip'] }, 'conversation');
    const actions: DeskAction[] = [
      { kind: 'assign', conversationId: 'c-ana', to: 'ana' },
      { kind: 'assign', conversationId: 'c-ana', to: null },
      { kind: 'status', conversationId: 'c-ana', status: 'resolved' },
      { kind: 'labels', conversationId: 'c-ana', add: ['x'] },
      { kind: 'presence', presence: 'online' },
      { kind: 'agents' },
      { kind: 'canned-list' },
      { kind: 'canned-put', reply: { id: 'r1', shortcut: 'x', title: 'x', body: 'x' } },
      { kind: 'canned-delete', id: 'r1' },
      { kind: 'profile', customerId: 'bo' },
      { kind: 'profile', customerId: 'ana' },
    ];
    for (const action of actions) {
      const answer = await ask(customer, action);
      assert.deepEqual('code' in answer ? answer.code : answer, 'forbidden', action.kind);
    }
    customer.send({ type: 'send', clientMsgId: 'n1', conversationId: 'c-ana', kind: 'note', body: 'a customer note' });
    const note = await customer.next('error', (f) => f.ref === 'n1');
    assert.equal(note.code, 'forbidden');
    for (const view of ['mine', 'unassigned', 'all']) {
      customer.send({ type: 'conversations', requestId: `v-${view}`, view });
      assert.equal((await customer.next('error', (f) => f.ref === `v-${view}`)).code, 'forbidden');
    }
    await customer.sync();
    assert.deepEqual(leaks([...customer.pending()]), []);
    const errors = customer.pending('error');
    assert.ok(errors.every((f) => f.type === 'error' && !/vip|bo|Agent/.test(f.message)), JSON.stringify(errors));
    alex.send({ type: 'history', requestId: 'h', conversationId: 'c-ana' });
    assert.equal((await alex.next('history')).messages.filter((m) => m.kind === 'note').length, 0, 'the refused note was not stored');
  });

  it('refuses an event from any client: only the relay writes them', async () => {
    const alex = (await world.connect(agentToken('alex'))).client;
    await world.connect(customerToken('ana'));
    alex.send({ type: 'send', clientMsgId: 'e1', conversationId: 'c-ana', kind: 'event', body: '{"v":1,"type":"status","status":"resolved"}' });
    assert.equal((await alex.next('error', (f) => f.ref === 'e1')).code, 'bad-frame');
  });

  it('keeps a note written in a visitor conversation from the customer when it is merged into theirs', async () => {
    const key = 'visitor-key-of-ada-browser-0001';
    const visitor = mintCustomerToken({ secret: SECRET, shop: 'demo', customerId: visitorIdOf(key), name: 'Visitor', ttlSeconds: 3600 }).token;
    const from = customerConversationId('demo', visitorIdOf(key));
    const into = customerConversationId('demo', 'ada');
    const signIn = (merge: boolean) => createCustomerToken({ secret: SECRET, shop: 'demo', customerId: 'ada', name: 'Ada', ttlSeconds: 3600, mergeVisitor: merge }).token;
    const v = (await world.connect(visitor)).client;
    v.send(sendFrame(from, 'v-1', 'my phone flickers'));
    await v.next('ack');
    const alex = (await world.connect(agentToken('alex'))).client;
    alex.send({ type: 'send', clientMsgId: 'n1', conversationId: from, kind: 'note', body: 'secret note: known fault' });
    await alex.next('ack', (f) => f.clientMsgId === 'n1');
    const phone = (await world.connect(signIn(false))).client;

    const merged = await TestClient.open(world.relay.url);
    world.clients.push(merged);
    merged.send({ type: 'hello', token: signIn(true), mergeFrom: visitor, resume: { [into]: 0 } });
    await merged.next('welcome');
    assert.equal((await phone.next('message')).clientMsgId, 'v-1');
    assert.equal((await merged.next('message')).clientMsgId, 'v-1');
    await Promise.all([phone.sync(), merged.sync()]);
    assert.deepEqual(leaks([...phone.pending(), ...merged.pending()]), [], 'the moved note reached neither device');
    assert.equal((await alex.next('message', (m) => m.conversationId === into && m.kind === 'note')).body, 'secret note: known fault', 'staff see it moved');
  });
});
