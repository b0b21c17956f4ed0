/**
 * Guided steps on a real relay (issue 20): staff send a checklist (customers may not), its
 * pictures follow the attachments' rule, the conversation's customer and the shop's staff tick
 * (a coded `customer` / `desk` action), each tick is stored in the checklist and told to every
 * member with a `steps` frame, anybody else is refused with a code, and the shop's canned step
 * lists are listed for staff and changed by admins only.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StepList } from '../../../src/protocol/guided-steps.js';
import { readGuidedSteps } from '../../../src/protocol/validate-steps.js';
import { adminToken, ask, result } from './desk-harness.js';
import { agentToken, customerToken, relayPerTest, startRelay, TestClient } from './relay-harness.js';
import { askCustomer } from './relationship-harness.js';

const CHECKLIST = { v: 1, title: 'Reset the router', steps: [{ text: 'Unplug it' }, { text: 'Wait <b>10 s</b>' }, { text: 'Plug it in' }] };

function stepsSend(conversationId: string, clientMsgId: string, body: unknown = CHECKLIST): object {
  return { type: 'send', clientMsgId, conversationId, kind: 'steps', body: typeof body === 'string' ? body : JSON.stringify(body) };
}

function codeOf(answer: object): string | undefined {
  return 'code' in answer ? String(answer.code) : undefined;
}

describe('guided steps on the relay', () => {
  const world = relayPerTest({ autoAssign: false, attachmentOrigins: ['https://cdn.shop.example'] });

  async function sentChecklist(customerId: string) {
    const customer = (await world.connect(customerToken(customerId))).client;
    const agent = (await world.connect(agentToken('alex'))).client;
    const conversationId = `c-${customerId}`;
    agent.send(stepsSend(conversationId, `steps-${customerId}`));
    const { seq } = await agent.next('ack');
    await customer.next('message', (m) => m.kind === 'steps');
    return { customer, agent, conversationId, seq };
  }

  it('stores a tick in the checklist, tells every member and the queue, and keeps HTML as text', async () => {
    const { customer, agent, conversationId, seq } = await sentChecklist('ana');
    const answer = await askCustomer(customer, { kind: 'step', conversationId, seq, step: 1, done: true });
    assert.ok('kind' in answer && answer.kind === 'steps', JSON.stringify(answer));
    assert.deepEqual(answer.progress.done, [false, true, false]);
    assert.deepEqual([answer.progress.seq, answer.progress.by?.id], [seq, 'ana']);
    const told = await agent.next('steps');
    assert.deepEqual([told.conversationId, told.seq, told.done], [conversationId, seq, [false, true, false]]);
    const summary = await agent.next('conversation', (f) => f.conversation.lastMessage?.kind === 'steps' && f.conversation.lastMessage.body.includes('true'));
    assert.deepEqual(readGuidedSteps(summary.conversation.lastMessage?.body ?? '')?.done, [false, true, false], 'the queue’s preview counts it');
    assert.equal((await customer.next('steps')).seq, seq, 'the customer’s other tabs hear it too');

    const done = await result(agent, { kind: 'step', conversationId, seq, step: 0, done: true }, 'steps');
    assert.deepEqual(done.progress.done, [true, true, false], 'staff may tick');
    customer.send({ type: 'history', requestId: 'h1', conversationId });
    const page = await customer.next('history');
    const stored = readGuidedSteps(page.messages.find((m) => m.seq === seq)?.body ?? '');
    assert.deepEqual(stored?.done, [true, true, false]);
    assert.equal(stored?.steps[1]?.text, 'Wait <b>10 s</b>', 'text stays text');
  });

  it('repeats the states of ticked checklists to a client that resumes', async () => {
    const { agent, conversationId, seq } = await sentChecklist('gus');
    await result(agent, { kind: 'step', conversationId, seq, step: 2, done: true }, 'steps');
    const again = (await world.connect(customerToken('gus'), { [conversationId]: seq })).client;
    const repeated = await again.next('steps');
    assert.deepEqual([repeated.conversationId, repeated.seq, repeated.done, repeated.by], [conversationId, seq, [false, false, true], undefined]);
  });

  it('refuses ticks with codes: another customer, no checklist at that seq, no such step', async () => {
    const { customer, agent, conversationId, seq } = await sentChecklist('bo');
    const stranger = (await world.connect(customerToken('cy'))).client;
    assert.equal(codeOf(await askCustomer(stranger, { kind: 'step', conversationId, seq, step: 0, done: true })), 'forbidden');
    agent.send({ type: 'send', clientMsgId: 'plain', conversationId, kind: 'text', body: 'Hello' });
    const text = await agent.next('ack');
    assert.equal(codeOf(await askCustomer(customer, { kind: 'step', conversationId, seq: text.seq, step: 0, done: true })), 'not-found');
    assert.equal(codeOf(await askCustomer(customer, { kind: 'step', conversationId, seq: 999, step: 0, done: true })), 'not-found');
    assert.equal(codeOf(await askCustomer(customer, { kind: 'step', conversationId, seq, step: 3, done: true })), 'bad-frame');
    assert.equal(codeOf(await askCustomer(customer, { kind: 'step', conversationId, seq, step: 0, done: 'yes' })), 'bad-frame');
    const otherShop = (await world.connect(agentToken('zed', { shop: 'other' }))).client;
    assert.equal(codeOf(await ask(otherShop, { kind: 'step', conversationId, seq, step: 0, done: true })), 'not-found');
    await customer.sync();
    assert.equal(customer.pending('steps').length, 0, 'nothing was ticked');
  });

  it('lets staff alone send a checklist, refuses a bad one, and holds its pictures to the attachments’ rule', async () => {
    const customer = (await world.connect(customerToken('di'))).client;
    const agent = (await world.connect(agentToken('alex'))).client;
    const refusal = async (client: TestClient, ref: string): Promise<string> => (await client.next('error', (e) => e.ref === ref)).code;
    customer.send(stepsSend('c-di', 'mine'));
    assert.equal(await refusal(customer, 'mine'), 'forbidden');
    agent.send(stepsSend('c-di', 'no-json', 'not a checklist'));
    assert.equal(await refusal(agent, 'no-json'), 'bad-frame');
    agent.send(stepsSend('c-di', 'no-steps', { v: 1, title: 'Empty', steps: [] }));
    assert.equal(await refusal(agent, 'no-steps'), 'bad-frame');
    agent.send(stepsSend('c-di', 'pre-ticked', { ...CHECKLIST, done: [true, false, false] }));
    assert.equal(await refusal(agent, 'pre-ticked'), 'bad-frame');
    agent.send(stepsSend('c-di', 'script', { v: 1, title: 'X', steps: [{ text: 'Look', image: 'javascript:alert(1)' }] }));
    assert.equal(await refusal(agent, 'script'), 'bad-frame');
    agent.send(stepsSend('c-di', 'pixel', { v: 1, title: 'X', steps: [{ text: 'Look', image: 'https://evil.example/track.png' }] }));
    assert.equal(await refusal(agent, 'pixel'), 'attachment-not-allowed');
    agent.send(stepsSend('c-di', 'guess', { v: 1, title: 'X', steps: [{ text: 'Look', image: '/uploads/not-an-upload' }] }));
    assert.equal(await refusal(agent, 'guess'), 'attachment-not-allowed');
    agent.send(stepsSend('c-di', 'cdn', { v: 1, title: 'X', steps: [{ text: 'Look', image: 'https://cdn.shop.example/port.png' }], extra: 'dropped' }));
    const ack = await agent.next('ack', (a) => a.clientMsgId === 'cdn');
    const message = await customer.next('message', (m) => m.seq === ack.seq);
    assert.deepEqual(JSON.parse(message.body), { v: 1, title: 'X', steps: [{ text: 'Look', image: 'https://cdn.shop.example/port.png' }] }, 'rebuilt from known fields');
  });

  it('lists the shop’s canned step lists for staff and lets admins alone change them', async () => {
    const admin = (await world.connect(adminToken('ada'))).client;
    const agent = (await world.connect(agentToken('alex'))).client;
    const customer = (await world.connect(customerToken('eve'))).client;
    const list: StepList = { id: 'pair-eb200', title: 'Pair EB-200', sku: 'EB-200', steps: [{ text: 'Open the case' }, { text: 'Hold the button' }] };
    const general: StepList = { id: 'restart', title: 'Restart', steps: [{ text: 'Hold power for 10 s' }] };
    assert.deepEqual((await result(admin, { kind: 'steps-put', list }, 'step-lists')).lists, [list]);
    assert.equal((await result(admin, { kind: 'steps-put', list: general }, 'step-lists')).lists.length, 2);
    assert.deepEqual((await result(agent, { kind: 'steps-list' }, 'step-lists')).lists.map((l) => l.id), ['pair-eb200', 'restart']);
    assert.equal(codeOf(await ask(agent, { kind: 'steps-put', list })), 'forbidden');
    assert.equal(codeOf(await ask(agent, { kind: 'steps-delete', id: 'restart' })), 'forbidden');
    assert.equal(codeOf(await ask(admin, { kind: 'steps-put', list: { ...list, steps: [] } })), 'bad-frame');
    assert.equal(codeOf(await ask(customer, { kind: 'steps-list' })), 'forbidden');
    assert.deepEqual((await result(admin, { kind: 'steps-delete', id: 'restart' }, 'step-lists')).lists, [list]);
  });
});

describe('guided steps across a relay restart', () => {
  it('shows the ticks stored before the restart in the history after it', async () => {
    const first = await startRelay({ autoAssign: false });
    const { dataDir } = first;
    const agent = (await TestClient.connect(first.url, agentToken('alex'))).client;
    const customer = (await TestClient.connect(first.url, customerToken('fay'))).client;
    agent.send(stepsSend('c-fay', 'restart-list'));
    const { seq } = await agent.next('ack');
    await askCustomer(customer, { kind: 'step', conversationId: 'c-fay', seq, step: 2, done: true });
    await Promise.all([agent.close(), customer.close()]);
    await first.close();
    const second = await startRelay({ autoAssign: false, dataDir });
    try {
      const again = (await TestClient.connect(second.url, customerToken('fay'))).client;
      again.send({ type: 'history', requestId: 'h', conversationId: 'c-fay' });
      const page = await again.next('history');
      assert.deepEqual(readGuidedSteps(page.messages.find((m) => m.seq === seq)?.body ?? '')?.done, [false, false, true]);
      await again.close();
    } finally {
      await second.dispose();
    }
  });
});
