/**
 * Whole calls between two real CallSessions over the in-memory wire: answer, hang up, decline,
 * cancel, timeout, busy, connect and reconnect limits, media failures.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AGENT, AGENT_2, CONVERSATION, CUSTOMER, SignalWire, path } from './signal-wire.js';

const BOUNDED = { timeout: 5_000 };

describe('CallSession calls', BOUNDED, () => {
  let wire: SignalWire;
  beforeEach(() => {
    wire = new SignalWire();
  });
  afterEach(() => wire.dispose());

  it('rings, connects and hangs up on both sides with summaries and talk time', async () => {
    const customer = wire.join(CUSTOMER, { callIds: ['call-1'] });
    const agent = wire.join(AGENT);

    await customer.session.start(CONVERSATION, { video: true });
    assert.equal(customer.session.state, 'outgoing-ringing');
    assert.equal(customer.session.callId, 'call-1');
    assert.deepEqual(wire.log[0], {
      conversationId: CONVERSATION,
      callId: 'call-1',
      action: 'invite',
      payload: { video: true, askRearCamera: false, ringTimeoutMs: 45_000 },
      from: CUSTOMER.id,
    });
    await wire.flush();
    assert.equal(agent.session.state, 'incoming-ringing');
    assert.equal(agent.session.callId, 'call-1');
    assert.deepEqual(agent.session.peer, CUSTOMER);
    assert.equal(agent.session.direction, 'incoming');

    wire.clock.advance(3_000);
    await agent.session.accept();
    assert.equal(agent.session.state, 'connecting');
    await wire.flush();
    assert.equal(customer.session.state, 'connecting');
    assert.deepEqual(customer.session.peer, AGENT);
    assert.equal(customer.session.polite, false);
    assert.equal(agent.session.polite, true);

    wire.clock.advance(1_000);
    customer.session.markConnected();
    agent.session.markConnected();
    wire.clock.advance(60_000);
    await customer.session.hangup();
    await wire.flush();

    assert.deepEqual(path(customer), ['idle>outgoing-ringing', 'outgoing-ringing>connecting', 'connecting>connected', 'connected>ended']);
    assert.deepEqual(path(agent), ['idle>incoming-ringing', 'incoming-ringing>connecting', 'connecting>connected', 'connected>ended']);
    assert.equal(customer.session.endReason, 'hangup');
    assert.equal(agent.session.endReason, 'remote-hangup');
    assert.equal(customer.states.at(-1)?.reason, 'hangup');

    const t0 = 1_700_000_000_000;
    assert.deepEqual(customer.summaries, [{
      callId: 'call-1', conversationId: CONVERSATION, initiator: CUSTOMER.id, direction: 'outgoing', peer: AGENT,
      video: true, startedAt: t0, connectedAt: t0 + 4_000, endedAt: t0 + 64_000, durationMs: 60_000, endReason: 'hangup',
    }]);
    assert.deepEqual(agent.summaries, [{
      callId: 'call-1', conversationId: CONVERSATION, initiator: CUSTOMER.id, direction: 'incoming', peer: CUSTOMER,
      video: true, startedAt: t0, connectedAt: t0 + 4_000, endedAt: t0 + 64_000, durationMs: 60_000, endReason: 'remote-hangup',
    }]);
    assert.deepEqual(wire.log.map((s) => `${s.from}:${s.action}`), ['cust-1:invite', 'agent-1:accept', 'cust-1:hangup']);
    assert.equal(wire.clock.pending, 0, 'no timer left behind');
  });

  it('lets the callee hang up: the caller ends with remote-hangup', async () => {
    const customer = wire.join(CUSTOMER);
    const agent = wire.join(AGENT);
    await agent.session.start(CONVERSATION);
    await wire.flush();
    await customer.session.accept();
    await wire.flush();
    agent.session.markConnected();
    customer.session.markConnected();
    await customer.session.hangup();
    await wire.flush();
    assert.equal(customer.session.endReason, 'hangup');
    assert.equal(agent.session.endReason, 'remote-hangup');
    assert.equal(agent.summaries[0]?.initiator, AGENT.id);
  });

  it('carries audio-only and rear-camera requests to the callee', async () => {
    const customer = wire.join(CUSTOMER);
    const agent = wire.join(AGENT);
    await agent.session.start(CONVERSATION, { video: false, askRearCamera: true });
    await wire.flush();
    assert.deepEqual(customer.session.invite, { video: false, askRearCamera: true, ringTimeoutMs: 45_000 });
    await customer.session.decline();
    await wire.flush();
    assert.equal(agent.summaries[0]?.video, false);
  });

  it('ends both sides with declined when the callee declines', async () => {
    const customer = wire.join(CUSTOMER);
    const agent = wire.join(AGENT);
    await customer.session.start(CONVERSATION);
    await wire.flush();
    await agent.session.decline();
    await wire.flush();
    assert.deepEqual(path(customer), ['idle>outgoing-ringing', 'outgoing-ringing>ended']);
    assert.deepEqual(path(agent), ['idle>incoming-ringing', 'incoming-ringing>ended']);
    assert.equal(customer.session.endReason, 'declined');
    assert.equal(agent.session.endReason, 'declined');
    assert.equal(customer.summaries[0]?.durationMs, 0);
    assert.equal(customer.summaries[0]?.connectedAt, undefined);
    assert.equal(wire.clock.pending, 0);
  });

  it('ends both sides with cancelled when the caller gives up before an answer', async () => {
    const customer = wire.join(CUSTOMER);
    const agent = wire.join(AGENT);
    await customer.session.start(CONVERSATION);
    await wire.flush();
    wire.clock.advance(10_000);
    await customer.session.cancel();
    await wire.flush();
    assert.equal(customer.session.endReason, 'cancelled');
    assert.equal(agent.session.endReason, 'cancelled');
    assert.equal(agent.summaries[0]?.endedAt, 1_700_000_010_000);
    assert.equal(wire.clock.pending, 0, 'the callee stopped its ring timer');
  });

  it('times out after 45 s: the caller sends cancel and both end with timeout', async () => {
    const customer = wire.join(CUSTOMER);
    const agent = wire.join(AGENT);
    await customer.session.start(CONVERSATION);
    await wire.flush();
    wire.clock.advance(44_999);
    assert.equal(customer.session.state, 'outgoing-ringing');
    assert.equal(wire.sent('cancel').length, 0);
    wire.clock.advance(1);
    assert.equal(customer.session.state, 'ended');
    assert.equal(customer.session.endReason, 'timeout');
    assert.deepEqual(wire.sent('cancel').map((s) => [s.from, s.callId, s.payload]), [[CUSTOMER.id, customer.session.callId, { reason: 'timeout' }]]);
    await wire.flush();
    assert.equal(agent.session.endReason, 'timeout');
    assert.equal(wire.clock.pending, 0);
  });

  it('honours a custom ring timeout on both sides', async () => {
    const customer = wire.join(CUSTOMER, { ringTimeoutMs: 10_000 });
    const agent = wire.join(AGENT);
    await customer.session.start(CONVERSATION);
    await wire.flush();
    wire.clock.advance(10_000);
    await wire.flush();
    assert.equal(customer.session.endReason, 'timeout');
    assert.equal(agent.session.endReason, 'timeout');
  });

  it('stops ringing on its own when the caller\'s cancel is lost', async () => {
    const customer = wire.join(CUSTOMER);
    const agent = wire.join(AGENT);
    await customer.session.start(CONVERSATION);
    await wire.flush();
    wire.dropFrom = CUSTOMER.id;
    wire.clock.advance(45_000);
    await wire.flush();
    assert.equal(customer.session.endReason, 'timeout');
    assert.equal(agent.session.state, 'incoming-ringing', 'the callee rings a little longer than the caller');
    wire.clock.advance(5_000);
    assert.equal(agent.session.endReason, 'timeout');
    assert.equal(wire.clock.pending, 0);
  });

  it('answers busy to an invite during another call and leaves that call alone', async () => {
    const customer = wire.join(CUSTOMER, { callIds: ['call-1'] });
    const agent = wire.join(AGENT);
    await customer.session.start(CONVERSATION);
    await wire.flush();
    await agent.session.accept();
    await wire.flush();
    agent.session.markConnected();
    customer.session.markConnected();

    // A second customer calls the busy agent in another conversation; the first customer is busy too.
    const other = wire.join({ id: 'cust-2', name: 'Dee', role: 'customer' }, { callIds: ['call-2'] });
    const agentStates = agent.states.length;
    await other.session.start('conv-2');
    await wire.flush();
    assert.equal(other.session.state, 'ended');
    assert.equal(other.session.endReason, 'busy');
    assert.deepEqual(wire.sent('busy').map((s) => [s.from, s.callId, s.conversationId]).sort(), [
      [AGENT.id, 'call-2', 'conv-2'],
      [CUSTOMER.id, 'call-2', 'conv-2'],
    ]);
    assert.equal(agent.session.state, 'connected');
    assert.equal(agent.session.callId, 'call-1');
    assert.equal(agent.states.length, agentStates, 'no state event on the busy side');
    assert.equal(customer.session.state, 'connected');
  });

  it('does not ring later for an invite it answered busy to, when that invite is re-delivered', async () => {
    const customer = wire.join(CUSTOMER, { callIds: ['call-1'] });
    const agent = wire.join(AGENT);
    await customer.session.start(CONVERSATION);
    await wire.flush();
    await agent.session.accept();
    await wire.flush();
    const busyInvite = { conversationId: 'conv-2', callId: 'call-2', action: 'invite' as const, from: AGENT_2 };
    assert.equal(agent.session.handleSignal(busyInvite), true);
    await customer.session.hangup();
    await wire.flush();
    assert.equal(agent.session.handleSignal(busyInvite), false);
    assert.equal(agent.session.state, 'ended');
  });

  it('answers busy while ringing for another conversation (not glare)', async () => {
    const customer = wire.join(CUSTOMER, { callIds: ['call-b'] });
    const agent = wire.join(AGENT, { callIds: ['call-a'] });
    await agent.session.start('conv-x');
    await customer.session.start('conv-y');
    await wire.flush();
    assert.equal(agent.session.endReason, 'busy');
    assert.equal(customer.session.endReason, 'busy');
  });

  it('ignores an invite during a call when answerBusy is off', async () => {
    const customer = wire.join(CUSTOMER);
    const agent = wire.join(AGENT, { answerBusy: false });
    await customer.session.start(CONVERSATION);
    await wire.flush();
    await agent.session.accept();
    await wire.flush();
    const other = wire.join(AGENT_2);
    await other.session.start('conv-2');
    await wire.flush();
    assert.equal(wire.sent('busy').filter((s) => s.from === AGENT.id).length, 0);
    assert.equal(agent.session.state, 'connecting');
  });

  it('fails a call that does not connect within the connect timeout and tells the peer', async () => {
    const customer = wire.join(CUSTOMER);
    const agent = wire.join(AGENT);
    await customer.session.start(CONVERSATION);
    await wire.flush();
    await agent.session.accept();
    await wire.flush();
    customer.session.markConnected();
    wire.clock.advance(29_999);
    assert.equal(agent.session.state, 'connecting');
    wire.clock.advance(1);
    assert.equal(agent.session.endReason, 'failed');
    assert.deepEqual(wire.sent('hangup').map((s) => [s.from, s.payload]), [[AGENT.id, { reason: 'timeout' }]]);
    await wire.flush();
    assert.equal(customer.session.endReason, 'remote-hangup');
    assert.equal(wire.clock.pending, 0);
  });

  it('recovers from reconnecting, and ends with peer-left when reconnecting lasts too long', async () => {
    const customer = wire.join(CUSTOMER);
    const agent = wire.join(AGENT);
    await customer.session.start(CONVERSATION);
    await wire.flush();
    await agent.session.accept();
    await wire.flush();
    customer.session.markConnected();
    wire.clock.advance(5_000);
    customer.session.markReconnecting();
    assert.equal(customer.session.state, 'reconnecting');
    wire.clock.advance(10_000);
    customer.session.markConnected();
    assert.equal(customer.session.state, 'connected');
    assert.equal(customer.summaries.length, 0);
    wire.clock.advance(60_000);
    assert.equal(customer.session.state, 'connected', 'the reconnect timer was cleared');

    customer.session.markReconnecting();
    wire.clock.advance(30_000);
    assert.equal(customer.session.endReason, 'peer-left');
    assert.deepEqual(wire.sent('hangup').at(-1)?.payload, { reason: 'peer-left' });
    assert.equal(customer.summaries[0]?.durationMs, 105_000, 'talk time counts from the first connection');
    assert.deepEqual(path(customer).slice(2), ['connecting>connected', 'connected>reconnecting', 'reconnecting>connected', 'connected>reconnecting', 'reconnecting>ended']);
  });

  for (const reason of ['media-denied', 'no-device', 'failed', 'peer-left'] as const) {
    it(`reports ${reason} at every stage with the fitting signal to the peer`, async () => {
      // Caller fails while ringing: the callee sees a cancel.
      let customer = wire.join(CUSTOMER);
      let agent = wire.join(AGENT);
      await customer.session.start(CONVERSATION);
      await wire.flush();
      await customer.session.markFailed(reason);
      await wire.flush();
      assert.equal(customer.session.endReason, reason);
      assert.equal(agent.session.endReason, 'cancelled');
      assert.deepEqual(wire.log.at(-1)?.payload, { reason });
      wire.dispose();

      // Callee fails while ringing (e.g. camera permission denied before accepting): a decline.
      wire = new SignalWire();
      customer = wire.join(CUSTOMER);
      agent = wire.join(AGENT);
      await customer.session.start(CONVERSATION);
      await wire.flush();
      await agent.session.markFailed(reason);
      await wire.flush();
      assert.equal(agent.session.endReason, reason);
      assert.equal(customer.session.endReason, 'declined');
      assert.equal(wire.log.at(-1)?.action, 'decline');
      wire.dispose();

      // Either side fails in the call: a hangup.
      wire = new SignalWire();
      customer = wire.join(CUSTOMER);
      agent = wire.join(AGENT);
      await customer.session.start(CONVERSATION);
      await wire.flush();
      await agent.session.accept();
      await wire.flush();
      customer.session.markConnected();
      await customer.session.markFailed(reason);
      await wire.flush();
      assert.equal(customer.session.endReason, reason);
      assert.equal(agent.session.endReason, 'remote-hangup');
      assert.equal(wire.log.at(-1)?.action, 'hangup');
    });
  }

  it('places a new call from ended with a fresh call id', async () => {
    const customer = wire.join(CUSTOMER, { callIds: ['call-1', 'call-2'] });
    const agent = wire.join(AGENT);
    await customer.session.start(CONVERSATION);
    await wire.flush();
    await agent.session.decline();
    await wire.flush();
    await customer.session.start(CONVERSATION);
    assert.equal(customer.session.callId, 'call-2');
    assert.equal(customer.session.endReason, undefined);
    await wire.flush();
    assert.equal(agent.session.state, 'incoming-ringing');
    assert.equal(agent.session.callId, 'call-2');
    assert.deepEqual(path(agent), ['idle>incoming-ringing', 'incoming-ringing>ended', 'ended>incoming-ringing']);
    assert.deepEqual(path(customer), ['idle>outgoing-ringing', 'outgoing-ringing>ended', 'ended>outgoing-ringing']);
  });
});
