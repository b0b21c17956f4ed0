/**
 * `client.calls` between real SupportClients through the real relay server: invite, accept,
 * decline, cancel, hangup, missed calls, several agents, several tabs, busy, glare, and the
 * call-summary message stored exactly once per call.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { agentToken, customerToken, sleep, until } from '../core/relay-harness.js';
import { callHarness, customerTokenFor, outboxDrained, path, reach } from './call-line-harness.js';

const BOUNDED = { timeout: 20_000 };

describe('client.calls over the relay', () => {
  it('customer calls, agent accepts, customer hangs up: both end and the agent posts one summary', BOUNDED, async (t) => {
    const h = await callHarness(t);
    const customer = await h.connect(customerToken('ann'));
    const agent = await h.connect(agentToken('bob'));
    const cid = 'c-ann';

    assert.equal(customer.client.calls.state, 'idle');
    await customer.client.calls.start(cid, { video: true });
    assert.equal(customer.client.calls.state, 'outgoing-ringing');
    await reach(agent, 'incoming-ringing');
    assert.deepEqual(agent.incoming.map((c) => [c.callId, c.conversationId, c.from.id, c.invite.video]), [
      [customer.client.calls.session?.callId, cid, 'ann', true],
    ]);
    assert.equal(agent.client.calls.incoming?.from.name, 'Customer ann');
    assert.equal(customer.incoming.length, 0, 'the caller does not ring');

    await agent.client.calls.accept();
    await reach(customer, 'connecting');
    assert.equal(customer.client.calls.session?.peer?.id, 'bob');
    assert.equal(agent.client.calls.session?.polite, true);
    assert.equal(customer.client.calls.session?.polite, false);
    // No media in Node: the media layer's "connected" is played by hand.
    customer.client.calls.session?.markConnected();
    agent.client.calls.session?.markConnected();
    await sleep(30);

    await customer.client.calls.hangup();
    await reach(agent, 'ended');
    assert.equal(customer.client.calls.session?.endReason, 'hangup');
    assert.equal(agent.client.calls.session?.endReason, 'remote-hangup');
    assert.deepEqual(path(customer), ['idle>outgoing-ringing', 'outgoing-ringing>connecting', 'connecting>connected', 'connected>ended(hangup)']);
    assert.deepEqual(path(agent), ['idle>incoming-ringing', 'incoming-ringing>connecting', 'connecting>connected', 'connected>ended(remote-hangup)']);
    assert.equal(customer.summaries.length, 1);
    assert.equal(agent.summaries.length, 1);

    await outboxDrained(agent);
    const received = await until(() => customer.client.conversation(cid)?.messages.find((m) => m.kind === 'call-summary'), 'summary reaching the customer');
    assert.equal(received.from.id, 'bob');
    const stored = await h.storedSummaries(cid);
    assert.equal(stored.length, 1);
    const [record] = stored;
    assert.equal(record?.callId, customer.client.calls.session?.callId);
    assert.deepEqual(record?.caller, { id: 'ann', name: 'Customer ann', role: 'customer' });
    assert.deepEqual(record?.callee, { id: 'bob', name: 'Agent bob', role: 'agent' });
    assert.equal(record?.end, 'hangup');
    assert.equal(record?.endedBy, 'ann');
    assert.equal(record?.video, true);
    assert.ok(record?.connectedAt !== undefined && record.durationMs >= 20, `talk time ${record?.durationMs}`);
    assert.deepEqual([...customer.errors, ...agent.errors], []);
  });

  it('agent calls with the rear camera asked, customer declines: both end declined, one summary', BOUNDED, async (t) => {
    const h = await callHarness(t);
    const customer = await h.connect(customerToken('cat'));
    const agent = await h.connect(agentToken('bob'));
    await agent.client.calls.start('c-cat', { video: true, askRearCamera: true });
    await reach(customer, 'incoming-ringing');
    assert.deepEqual(customer.incoming[0]?.invite, { video: true, askRearCamera: true, ringTimeoutMs: 45_000 });
    await customer.client.calls.decline();
    await reach(agent, 'ended');
    assert.equal(agent.client.calls.session?.endReason, 'declined');
    assert.equal(customer.client.calls.session?.endReason, 'declined');
    await outboxDrained(agent);
    const stored = await h.storedSummaries('c-cat');
    assert.deepEqual(stored.map((r) => [r.caller.id, r.callee?.id, r.end, r.durationMs]), [['bob', undefined, 'declined', 0]]);
    assert.equal(customer.client.conversation('c-cat')?.messages.some((m) => m.kind === 'call-summary' && m.status === 'failed'), false);
  });

  it('customer cancels while ringing: the agent stops ringing and posts the cancelled call', BOUNDED, async (t) => {
    const h = await callHarness(t);
    const customer = await h.connect(customerToken('dan'));
    const agent = await h.connect(agentToken('bob'));
    await customer.client.calls.start('c-dan', { video: false });
    await reach(agent, 'incoming-ringing');
    await customer.client.calls.hangup();
    assert.equal(customer.client.calls.session?.endReason, 'cancelled');
    await reach(agent, 'ended');
    assert.equal(agent.client.calls.session?.endReason, 'cancelled');
    await outboxDrained(agent);
    const stored = await h.storedSummaries('c-dan');
    assert.deepEqual(stored.map((r) => [r.caller.id, r.callee, r.end, r.video]), [['dan', undefined, 'cancelled', false]]);
  });

  it('two agents ring; the one who answers posts the summary, the other stops ringing silently', BOUNDED, async (t) => {
    const h = await callHarness(t);
    const customer = await h.connect(customerToken('eve'));
    const first = await h.connect(agentToken('bob'));
    const second = await h.connect(agentToken('cy'));
    await customer.client.calls.start('c-eve');
    await reach(first, 'incoming-ringing');
    await reach(second, 'incoming-ringing');
    await second.client.calls.accept();
    await reach(first, 'ended');
    assert.equal(first.client.calls.session?.endReason, 'cancelled');
    await reach(customer, 'connecting');
    assert.equal(customer.client.calls.session?.peer?.id, 'cy');
    second.client.calls.session?.markConnected();
    customer.client.calls.session?.markConnected();
    await second.client.calls.hangup();
    await reach(customer, 'ended');
    assert.equal(customer.client.calls.session?.endReason, 'remote-hangup');
    await outboxDrained(second);
    await sleep(100);
    const stored = await h.storedSummaries('c-eve');
    assert.deepEqual(stored.map((r) => [r.caller.id, r.callee?.id, r.end, r.endedBy]), [['eve', 'cy', 'hangup', 'cy']]);
    assert.equal(first.client.conversation('c-eve')?.messages.filter((m) => m.mine).length, 0, 'the agent who did not answer posted nothing');
  });

  it('a missed call rings every agent and is stored once although each of them posts it', BOUNDED, async (t) => {
    const h = await callHarness(t);
    const customer = await h.connect(customerToken('fay'), { calls: { ringTimeoutMs: 300 } });
    const agents = [await h.connect(agentToken('bob')), await h.connect(agentToken('cy'))];
    await customer.client.calls.start('c-fay');
    for (const agent of agents) await reach(agent, 'incoming-ringing');
    await reach(customer, 'ended', 3000);
    assert.equal(customer.client.calls.session?.endReason, 'timeout');
    for (const agent of agents) {
      await reach(agent, 'ended');
      assert.equal(agent.client.calls.session?.endReason, 'timeout');
      await outboxDrained(agent);
    }
    const stored = await h.storedSummaries('c-fay');
    assert.deepEqual(stored.map((r) => [r.caller.id, r.callee, r.end]), [['fay', undefined, 'timeout']]);
    // Each agent's thread shows it once, whoever's copy the server kept.
    for (const agent of agents) {
      assert.equal(agent.client.conversation('c-fay')?.messages.filter((m) => m.kind === 'call-summary').length, 1);
    }
  });

  it('one line per client: a customer in a call answers busy to a call in another conversation', BOUNDED, async (t) => {
    const h = await callHarness(t);
    const customer = await h.connect(customerTokenFor('gus', ['c-gus', 'c-gus-2']));
    const bob = await h.connect(agentToken('bob'));
    const cy = await h.connect(agentToken('cy'));
    await bob.client.calls.start('c-gus');
    await reach(customer, 'incoming-ringing');
    await customer.client.calls.accept();
    await reach(bob, 'connecting');
    await cy.client.calls.start('c-gus-2');
    await reach(cy, 'ended');
    assert.equal(cy.client.calls.session?.endReason, 'busy');
    assert.equal(customer.client.calls.state, 'connecting', "the customer's call goes on");
    assert.equal(bob.client.calls.state, 'connecting', "bob's call goes on");
    assert.equal(customer.incoming.length, 1, 'the second call never rang');
    assert.equal(cy.incoming.length, 0, "an agent's call to a customer does not ring the other agents");
    await bob.client.calls.hangup();
    await reach(customer, 'ended');
    await outboxDrained(cy);
    await outboxDrained(bob);
    assert.deepEqual((await h.storedSummaries('c-gus-2')).map((r) => [r.caller.id, r.end]), [['cy', 'busy']]);
    assert.deepEqual((await h.storedSummaries('c-gus')).map((r) => [r.caller.id, r.end, r.endedBy]), [['bob', 'hangup', 'bob']]);
  });

  it("another tab of the same customer: both ring, one answers, the other stops; an own tab's invite never rings", BOUNDED, async (t) => {
    const h = await callHarness(t);
    const tab1 = await h.connect(customerToken('hal'));
    const tab2 = await h.connect(customerToken('hal'));
    const agent = await h.connect(agentToken('bob'));
    await agent.client.calls.start('c-hal');
    await reach(tab1, 'incoming-ringing');
    await reach(tab2, 'incoming-ringing');
    await tab1.client.calls.accept();
    await reach(tab2, 'ended');
    assert.equal(tab2.client.calls.session?.endReason, 'cancelled');
    await reach(agent, 'connecting');
    await agent.client.calls.hangup();
    await reach(tab1, 'ended');

    await tab1.client.calls.start('c-hal');
    await reach(agent, 'incoming-ringing');
    await sleep(100);
    assert.equal(tab2.client.calls.state, 'ended', "the other tab ignores its own user's invite");
    await tab1.client.calls.hangup();
    await reach(agent, 'ended');
    await outboxDrained(agent);
    const stored = await h.storedSummaries('c-hal');
    assert.deepEqual(stored.map((r) => [r.caller.id, r.callee?.id, r.end]), [
      ['bob', 'hal', 'hangup'],
      ['hal', undefined, 'cancelled'],
    ]);
  });

  it('both call at once (glare): they meet on one call and one summary is stored', BOUNDED, async (t) => {
    const h = await callHarness(t);
    const customer = await h.connect(customerToken('ivy'));
    const agent = await h.connect(agentToken('bob'));
    await Promise.all([customer.client.calls.start('c-ivy'), agent.client.calls.start('c-ivy')]);
    await reach(customer, 'connecting');
    await reach(agent, 'connecting');
    assert.equal(customer.client.calls.session?.callId, agent.client.calls.session?.callId);
    customer.client.calls.session?.markConnected();
    agent.client.calls.session?.markConnected();
    await agent.client.calls.hangup();
    await reach(customer, 'ended');
    await outboxDrained(agent);
    await sleep(100);
    const stored = await h.storedSummaries('c-ivy');
    assert.equal(stored.length, 1);
    assert.equal(stored[0]?.callId, agent.client.calls.session?.callId);
    assert.equal(stored[0]?.end, 'hangup');
  });

  it('loads the state machine on the first invite, replaying what arrived meanwhile in order', BOUNDED, async (t) => {
    const h = await callHarness(t);
    const customer = await h.connect(customerToken('lea'));
    const agent = await h.connect(agentToken('bob'));
    assert.equal(agent.client.calls.session, undefined, 'nothing is loaded before a call');
    // Invite and cancel leave back to back: the cancel reaches the agent while its session may still be loading.
    const started = customer.client.calls.start('c-lea');
    await started;
    await customer.client.calls.hangup();
    await until(() => agent.states.at(-1)?.state === 'ended', 'the agent ringing and stopping');
    assert.deepEqual(path(agent), ['idle>incoming-ringing', 'incoming-ringing>ended(cancelled)']);
    assert.equal(agent.incoming.length, 1);
    await outboxDrained(agent);
    assert.deepEqual((await h.storedSummaries('c-lea')).map((r) => r.end), ['cancelled']);
  });

  it('refuses to call before the client is connected, and hangs up when the client is disposed', BOUNDED, async (t) => {
    const h = await callHarness(t);
    const idle = h.relay.client(customerToken('jon'));
    assert.throws(() => idle.calls.start('c-jon'), { name: 'SupportError', code: 'closed' });
    assert.equal(idle.calls.state, 'idle');
    await idle.calls.hangup(); // nothing to end

    const customer = await h.connect(customerToken('kim'));
    const agent = await h.connect(agentToken('bob'));
    await agent.client.calls.start('c-kim');
    await reach(customer, 'incoming-ringing');
    await customer.client.calls.accept();
    await reach(agent, 'connecting');
    customer.client.dispose();
    await reach(agent, 'ended');
    assert.equal(agent.client.calls.session?.endReason, 'remote-hangup');
    assert.equal(customer.client.calls.session, undefined, 'a disposed client has no call session');
  });
});
