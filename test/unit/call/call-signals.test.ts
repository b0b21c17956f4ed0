/**
 * What a session does with each incoming signal once a call exists: media-state and media
 * negotiation forwarding, stale and foreign signals ignored, other members answering first.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RemoteCallMediaState } from '../../../src/core/call/call-events.js';
import type { MediaSignal, MediaSignalChannel } from '../../../src/transports/media-types.js';
import { AGENT, AGENT_2, CONVERSATION, CUSTOMER, SignalWire, path, signalFrom, type Endpoint } from './signal-wire.js';

const BOUNDED = { timeout: 5_000 };

describe('CallSession signals', BOUNDED, () => {
  let wire: SignalWire;
  let customer: Endpoint;
  let agent: Endpoint;

  /** A call from the customer to the agent, in `connecting` on both sides. */
  async function acceptedCall(): Promise<void> {
    customer = wire.join(CUSTOMER, { callIds: ['call-1'] });
    agent = wire.join(AGENT);
    await customer.session.start(CONVERSATION);
    await wire.flush();
    await agent.session.accept();
    await wire.flush();
  }

  beforeEach(() => {
    wire = new SignalWire();
  });
  afterEach(() => wire.dispose());

  it('forwards mute, camera-off and screen share to the peer as remote-media-state', async () => {
    await acceptedCall();
    const seen: RemoteCallMediaState[] = [];
    agent.session.on('remote-media-state', (state) => seen.push(state));
    customer.session.markConnected();
    await customer.session.sendMediaState({ audio: false, video: true, screen: false });
    await customer.session.sendMediaState({ audio: false, video: false, screen: true });
    await wire.flush();
    assert.deepEqual(seen, [
      { audio: false, video: true, screen: false, callId: 'call-1', conversationId: CONVERSATION, fromId: CUSTOMER.id },
      { audio: false, video: false, screen: true, callId: 'call-1', conversationId: CONVERSATION, fromId: CUSTOMER.id },
    ]);
    assert.deepEqual(agent.session.remoteMediaState, { audio: false, video: false, screen: true });
    assert.deepEqual(wire.sent('state').map((s) => s.payload), [
      { audio: false, video: true, screen: false },
      { audio: false, video: false, screen: true },
    ]);

    // The next call starts with no remembered media state.
    await customer.session.hangup();
    await wire.flush();
    await customer.session.start(CONVERSATION);
    await wire.flush();
    assert.equal(agent.session.state, 'incoming-ringing');
    assert.equal(agent.session.remoteMediaState, undefined);
  });

  it('ignores a malformed media state', async () => {
    await acceptedCall();
    let events = 0;
    agent.session.on('remote-media-state', () => events++);
    assert.equal(agent.session.handleSignal(signalFrom(CUSTOMER, 'call-1', 'state', { audio: 'no', video: true })), false);
    assert.equal(agent.session.handleSignal(signalFrom(CUSTOMER, 'call-1', 'state')), false);
    assert.equal(agent.session.handleSignal(signalFrom(CUSTOMER, 'call-1', 'state', { audio: true, video: true })), true, 'screen defaults to false');
    assert.equal(events, 1);
    assert.deepEqual(agent.session.remoteMediaState, { audio: true, video: true, screen: false });
  });

  it('forwards offer, answer and ICE to the media layer as media-signal, in order and intact', async () => {
    await acceptedCall();
    const atCustomer: MediaSignal[] = [];
    const atAgent: MediaSignal[] = [];
    // CallSession is the MediaSignalChannel the relay media transport negotiates over.
    const customerChannel: MediaSignalChannel = customer.session;
    const agentChannel: MediaSignalChannel = agent.session;
    customerChannel.on('media-signal', (signal) => atCustomer.push(signal));
    agentChannel.on('media-signal', (signal) => atAgent.push(signal));

    const offer = { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' };
    const candidate = { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 };
    await customerChannel.sendMediaSignal('offer', offer);
    await customerChannel.sendMediaSignal('ice', candidate);
    await wire.flush();
    await agentChannel.sendMediaSignal('answer', { type: 'answer', sdp: 'v=0\r\n' });
    await agentChannel.sendMediaSignal('ice', null);
    await wire.flush();

    assert.deepEqual(atAgent, [
      { callId: 'call-1', conversationId: CONVERSATION, action: 'offer', payload: offer, fromId: CUSTOMER.id },
      { callId: 'call-1', conversationId: CONVERSATION, action: 'ice', payload: candidate, fromId: CUSTOMER.id },
    ]);
    assert.deepEqual(atCustomer.map((s) => [s.action, s.payload, s.fromId]), [
      ['answer', { type: 'answer', sdp: 'v=0\r\n' }, AGENT.id],
      ['ice', null, AGENT.id],
    ]);
    assert.equal(customer.session.state, 'connecting', 'negotiation does not move the state machine');
  });

  it('drops media signals while ringing and after the call ended', async () => {
    customer = wire.join(CUSTOMER, { callIds: ['call-1'] });
    agent = wire.join(AGENT);
    let forwarded = 0;
    agent.session.on('media-signal', () => forwarded++);
    customer.session.on('media-signal', () => forwarded++);
    await customer.session.start(CONVERSATION);
    await wire.flush();
    assert.equal(agent.session.handleSignal(signalFrom(CUSTOMER, 'call-1', 'offer', { sdp: 'x' })), false);
    assert.equal(customer.session.handleSignal(signalFrom(AGENT, 'call-1', 'ice', {})), false);
    await agent.session.decline();
    await wire.flush();
    assert.equal(agent.session.handleSignal(signalFrom(CUSTOMER, 'call-1', 'offer', { sdp: 'x' })), false);
    assert.equal(forwarded, 0);
  });

  it('ignores signals for an unknown call id, another conversation, or from a stranger', async () => {
    await acceptedCall();
    const before = [agent.states.length, customer.states.length];
    let forwarded = 0;
    agent.session.on('media-signal', () => forwarded++);
    assert.equal(agent.session.handleSignal(signalFrom(CUSTOMER, 'call-unknown', 'hangup')), false);
    assert.equal(agent.session.handleSignal(signalFrom(CUSTOMER, 'call-unknown', 'offer', {})), false);
    assert.equal(agent.session.handleSignal(signalFrom(CUSTOMER, 'call-1', 'hangup', undefined, 'conv-other')), false);
    assert.equal(agent.session.handleSignal(signalFrom(AGENT_2, 'call-1', 'hangup')), false, 'only the peer can end an accepted call');
    assert.equal(agent.session.handleSignal(signalFrom(AGENT_2, 'call-1', 'offer', {})), false);
    assert.equal(agent.session.handleSignal(signalFrom(AGENT, 'call-1', 'hangup')), false, 'our own echo');
    assert.equal(agent.session.handleSignal(signalFrom(CUSTOMER, 'call-1', 'accept')), false, 'a duplicate accept');
    assert.equal(agent.session.handleSignal(signalFrom(CUSTOMER, 'call-1', 'invite')), false, 'a duplicate invite');
    assert.equal(customer.session.handleSignal(signalFrom(AGENT, 'call-1', 'cancel')), false, 'the callee cannot cancel');
    assert.equal(customer.session.handleSignal(signalFrom(AGENT, 'call-1', 'decline')), false, 'too late to decline');
    assert.deepEqual([agent.states.length, customer.states.length], before);
    assert.equal(forwarded, 0);
    assert.equal(agent.session.state, 'connecting');
    assert.equal(customer.session.state, 'connecting');
  });

  it('ignores late signals of a finished call and a re-delivered old invite', async () => {
    await acceptedCall();
    await customer.session.hangup();
    await wire.flush();
    const states = agent.states.length;
    assert.equal(agent.session.handleSignal(signalFrom(CUSTOMER, 'call-1', 'hangup')), false);
    assert.equal(agent.session.handleSignal(signalFrom(CUSTOMER, 'call-1', 'state', { audio: true, video: true, screen: false })), false);
    assert.equal(agent.session.handleSignal(signalFrom(CUSTOMER, 'call-1', 'invite', { video: true })), false, 'a resent invite must not ring again');
    assert.equal(agent.states.length, states);
    assert.equal(agent.summaries.length, 1);
    assert.equal(agent.session.state, 'ended');
  });

  it('does not ring again for an invite of an older call re-delivered after newer calls', async () => {
    customer = wire.join(CUSTOMER, { callIds: ['call-1', 'call-2'] });
    agent = wire.join(AGENT);
    for (let i = 0; i < 2; i++) {
      await customer.session.start(CONVERSATION);
      await wire.flush();
      await agent.session.decline();
      await wire.flush();
    }
    const firstInvite = wire.log.find((s) => s.action === 'invite' && s.callId === 'call-1');
    assert.ok(firstInvite);
    assert.equal(agent.session.handleSignal({ ...firstInvite, from: CUSTOMER }), false);
    assert.equal(agent.session.state, 'ended');
    assert.equal(agent.session.callId, 'call-2');
  });

  it('does not take its own echoed answer as the peer\'s while calling', async () => {
    customer = wire.join(CUSTOMER, { callIds: ['call-1'] });
    await customer.session.start(CONVERSATION);
    for (const action of ['accept', 'decline', 'busy'] as const) {
      assert.equal(customer.session.handleSignal(signalFrom(CUSTOMER, 'call-1', action)), false, action);
    }
    assert.equal(customer.session.state, 'outgoing-ringing');
  });

  it('ignores signals in idle except an invite', () => {
    agent = wire.join(AGENT);
    for (const action of ['accept', 'decline', 'cancel', 'busy', 'hangup', 'offer', 'answer', 'ice', 'state'] as const) {
      assert.equal(agent.session.handleSignal(signalFrom(CUSTOMER, 'call-1', action)), false, action);
    }
    assert.equal(agent.session.state, 'idle');
    assert.equal(agent.states.length, 0);
  });

  it('does not ring for its own invite echoed back', () => {
    agent = wire.join(AGENT);
    assert.equal(agent.session.handleSignal(signalFrom(AGENT, 'call-9', 'invite')), false);
    assert.equal(agent.session.state, 'idle');
  });

  it('reads an odd invite payload as a plain video call', () => {
    agent = wire.join(AGENT);
    assert.equal(agent.session.handleSignal(signalFrom(CUSTOMER, 'call-9', 'invite', 'garbage')), true);
    assert.deepEqual(agent.session.invite, { video: true, askRearCamera: false });
  });

  it('stops ringing on the other agents when one agent answers', async () => {
    customer = wire.join(CUSTOMER, { callIds: ['call-1'] });
    agent = wire.join(AGENT);
    const agent2 = wire.join(AGENT_2);
    await customer.session.start(CONVERSATION);
    await wire.flush();
    assert.equal(agent.session.state, 'incoming-ringing');
    assert.equal(agent2.session.state, 'incoming-ringing');
    await agent.session.accept();
    await wire.flush();
    assert.equal(customer.session.state, 'connecting');
    assert.deepEqual(customer.session.peer, AGENT);
    assert.equal(agent2.session.endReason, 'cancelled');
    assert.deepEqual(path(agent2), ['idle>incoming-ringing', 'incoming-ringing>ended']);
    assert.equal(wire.clock.pending, 2, 'only the connect timers of the two parties remain');
  });

  it('stops ringing in the user\'s other tab when one tab declines', async () => {
    customer = wire.join(CUSTOMER);
    agent = wire.join(AGENT);
    const otherTab = wire.join(AGENT);
    await customer.session.start(CONVERSATION);
    await wire.flush();
    await otherTab.session.decline();
    await wire.flush();
    assert.equal(customer.session.endReason, 'declined');
    assert.equal(agent.session.endReason, 'cancelled');
  });
});
