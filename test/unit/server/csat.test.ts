/**
 * Satisfaction on a real relay (issue 17): resolving a conversation an agent replied in asks the
 * customer once (a `csat` message they see); the answer is stored once (a second is
 * `already-answered`, one never asked `not-asked`), shown to staff as a `csat` event, and counted
 * per agent and per week by the admin API and the desk's `csat-report`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CsatReport } from '../../../src/protocol/relationship.js';
import { relayPerTest, sendFrame } from './relay-harness.js';
import { ask, nextEvent, result } from './desk-harness.js';
import { admin, askCustomer, clockOptions, TestClock, tokenAt } from './relationship-harness.js';

describe('CSAT', () => {
  const clock = new TestClock();
  const world = relayPerTest({ ...clockOptions(clock), autoAssign: false });

  async function resolvedWithReply(customerId: string, agentId: string) {
    const customer = await world.connect(tokenAt(clock, customerId, 'customer'));
    const agent = (await world.connect(tokenAt(clock, agentId, 'agent'))).client;
    const conversationId = `c-${customerId}`;
    await result(agent, { kind: 'assign', conversationId, to: agentId }, 'conversation');
    agent.send(sendFrame(conversationId, `reply-${customerId}`, 'Try a restart'));
    await agent.next('ack');
    await result(agent, { kind: 'status', conversationId, status: 'resolved' }, 'conversation');
    return { customer: customer.client, agent, conversationId };
  }

  it('does not ask when nobody replied, and refuses an answer never asked for with not-asked', async () => {
    const ana = (await world.connect(tokenAt(clock, 'ana', 'customer'))).client;
    const alex = (await world.connect(tokenAt(clock, 'alex', 'agent'))).client;
    await result(alex, { kind: 'status', conversationId: 'c-ana', status: 'resolved' }, 'conversation');
    const refused = await askCustomer(ana, { kind: 'csat', conversationId: 'c-ana', score: 5 });
    assert.equal('code' in refused && refused.code, 'not-asked');
    await ana.sync();
    assert.equal(ana.pending('message').filter((m) => m.type === 'message' && m.kind === 'csat').length, 0);
  });

  it('asks once on resolution, stores one answer, and shows it to staff', async () => {
    const { customer, agent, conversationId } = await resolvedWithReply('ana', 'alex');
    const question = await customer.next('message', (m) => m.kind === 'csat');
    assert.equal(JSON.parse(question.body).v, 1);
    const outOfRange = await askCustomer(customer, { kind: 'csat', conversationId, score: 6 });
    assert.equal('code' in outOfRange && outOfRange.code, 'invalid-score');
    const answered = await askCustomer(customer, { kind: 'csat', conversationId, score: 4, comment: 'quick' });
    assert.ok('kind' in answered && answered.kind === 'conversation');
    assert.deepEqual([answered.conversation.csat?.state, answered.conversation.csat?.score], ['answered', 4]);
    assert.equal(answered.conversation.status, undefined, 'a customer never sees desk fields');
    const second = await askCustomer(customer, { kind: 'csat', conversationId, score: 1 });
    assert.equal('code' in second && second.code, 'already-answered');
    assert.equal((await nextEvent(agent, conversationId)).event.type, 'assigned');
    assert.deepEqual((await nextEvent(agent, conversationId)).event, { v: 1, type: 'status', status: 'resolved', by: { id: 'alex', name: 'agent alex' } });
    assert.deepEqual((await nextEvent(agent, conversationId)).event, { v: 1, type: 'csat', score: 4, comment: 'quick' });
    await customer.sync();
    assert.equal(customer.pending('message').filter((m) => m.type === 'message' && m.kind === 'event').length, 0, 'the event is staff only');

    // Resolving again without a new reply does not ask again.
    await result(agent, { kind: 'status', conversationId, status: 'open' }, 'conversation');
    await result(agent, { kind: 'status', conversationId, status: 'resolved' }, 'conversation');
    await customer.sync();
    assert.equal(customer.pending('message').filter((m) => m.type === 'message' && m.kind === 'csat').length, 0);
  });

  it('counts answers per agent and per week, from the admin API and the desk', async () => {
    const a = await resolvedWithReply('ana', 'alex');
    const b = await resolvedWithReply('bo', 'bea');
    const c = await resolvedWithReply('cy', 'alex');
    for (const [x, score] of [[a, 5], [b, 2], [c, 4]] as const) {
      await x.customer.next('message', (m) => m.kind === 'csat');
      await askCustomer(x.customer, { kind: 'csat', conversationId: x.conversationId, score });
    }
    const { json, status } = await admin(world.relay.url, 'GET', `/admin/csat?shop=demo&from=${clock.ms - 1000}&to=${clock.ms + 1000}`);
    assert.equal(status, 200);
    const report = json as unknown as CsatReport;
    assert.deepEqual(report.total, { count: 3, average: 3.67, scores: [0, 1, 0, 1, 1] });
    assert.deepEqual(report.byAgent.map((t) => [t.agent?.id, t.count, t.average]), [['alex', 2, 4.5], ['bea', 1, 2]]);
    assert.equal(report.byWeek.length, 1);
    assert.match(report.byWeek[0]?.week ?? '', /^\d{4}-W\d{2}$/);
    const fromDesk = await result(a.agent, { kind: 'csat-report', from: clock.ms - 1000, to: clock.ms + 1000 }, 'csat-report');
    assert.deepEqual(fromDesk.report, report);
    const bad = await admin(world.relay.url, 'GET', '/admin/csat?shop=demo&from=later');
    assert.equal(bad.status, 400);
    const forbidden = await ask(a.customer, { kind: 'csat-report' });
    assert.equal('code' in forbidden && forbidden.code, 'forbidden');
  });
});
