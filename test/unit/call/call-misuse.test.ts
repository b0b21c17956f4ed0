/**
 * Calls in the wrong state throw SupportError('config') synchronously and change nothing;
 * failures to send end or report the call; constructor checks; dispose.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CallSession } from '../../../src/core/call/call-session.js';
import type { CallState } from '../../../src/core/call/call-states.js';
import type { CallFailureReason } from '../../../src/core/call/call-states.js';
import type { MediaSignalAction } from '../../../src/transports/media-types.js';
import { SupportError } from '../../../src/protocol/errors.js';
import { AGENT, CONVERSATION, CUSTOMER, SignalWire, type Endpoint } from './signal-wire.js';

const BOUNDED = { timeout: 5_000 };

function isConfigError(error: unknown): boolean {
  return error instanceof SupportError && error.code === 'config' && error.retryable === false;
}

type Action = (endpoint: Endpoint) => unknown;

const ACTIONS: Record<string, Action> = {
  start: (e) => e.session.start(CONVERSATION),
  accept: (e) => e.session.accept(),
  decline: (e) => e.session.decline(),
  cancel: (e) => e.session.cancel(),
  hangup: (e) => e.session.hangup(),
  markConnected: (e) => e.session.markConnected(),
  markReconnecting: (e) => e.session.markReconnecting(),
  markFailed: (e) => e.session.markFailed('failed'),
  sendMediaState: (e) => e.session.sendMediaState({ audio: true, video: true, screen: false }),
  sendMediaSignal: (e) => e.session.sendMediaSignal('offer', { sdp: 'x' }),
};

/** Which actions are refused in which state (the rest are allowed or no-ops). */
const REFUSED: Record<Exclude<CallState, 'ended'>, string[]> & { ended: string[] } = {
  idle: ['accept', 'decline', 'cancel', 'hangup', 'markConnected', 'markReconnecting', 'markFailed', 'sendMediaState', 'sendMediaSignal'],
  'outgoing-ringing': ['start', 'accept', 'decline', 'markConnected', 'markReconnecting', 'sendMediaState', 'sendMediaSignal'],
  'incoming-ringing': ['start', 'cancel', 'markConnected', 'markReconnecting', 'sendMediaState', 'sendMediaSignal'],
  connecting: ['start', 'accept', 'decline', 'cancel'],
  connected: ['start', 'accept', 'decline', 'cancel'],
  reconnecting: ['start', 'accept', 'decline', 'cancel'],
  ended: ['accept', 'decline', 'cancel', 'sendMediaState', 'sendMediaSignal'],
};

describe('CallSession misuse and failures', BOUNDED, () => {
  let wire: SignalWire;
  beforeEach(() => {
    wire = new SignalWire();
  });
  afterEach(() => wire.dispose());

  /** Brings the customer's session (the caller, or the callee for incoming-ringing) to `state`. */
  async function sessionIn(state: CallState): Promise<Endpoint> {
    const customer = wire.join(CUSTOMER);
    const agent = wire.join(AGENT);
    if (state === 'idle') return customer;
    if (state === 'incoming-ringing') {
      await agent.session.start(CONVERSATION);
      await wire.flush();
      return customer;
    }
    await customer.session.start(CONVERSATION);
    await wire.flush();
    if (state === 'outgoing-ringing') return customer;
    if (state === 'ended') {
      await customer.session.cancel();
      await wire.flush();
      return customer;
    }
    await agent.session.accept();
    await wire.flush();
    if (state === 'connecting') return customer;
    customer.session.markConnected();
    if (state === 'reconnecting') customer.session.markReconnecting();
    return customer;
  }

  for (const [state, refused] of Object.entries(REFUSED) as Array<[CallState, string[]]>) {
    for (const name of refused) {
      it(`refuses ${name}() in ${state} without changing anything`, async () => {
        const endpoint = await sessionIn(state);
        const sentBefore = wire.log.length;
        const statesBefore = endpoint.states.length;
        const callIdBefore = endpoint.session.callId;
        const action = ACTIONS[name];
        assert.ok(action);
        assert.throws(() => action(endpoint), isConfigError);
        assert.equal(endpoint.session.state, state);
        assert.equal(endpoint.session.callId, callIdBefore);
        assert.equal(endpoint.states.length, statesBefore);
        await wire.flush();
        assert.equal(wire.log.length, sentBefore, 'nothing was sent');
      });
    }
  }

  it('treats repeated media reports and ending an ended call as no-ops', async () => {
    const customer = await sessionIn('connecting');
    customer.session.markReconnecting(); // still connecting: its own timeout runs
    assert.equal(customer.session.state, 'connecting');
    customer.session.markConnected();
    customer.session.markConnected();
    customer.session.markReconnecting();
    customer.session.markReconnecting();
    assert.equal(customer.states.filter((s) => s.state === 'reconnecting').length, 1);
    await customer.session.hangup();
    const sent = wire.log.length;
    await customer.session.hangup();
    await customer.session.markFailed('peer-left');
    customer.session.markConnected();
    customer.session.markReconnecting();
    assert.equal(customer.session.endReason, 'hangup');
    assert.equal(customer.summaries.length, 1);
    assert.equal(wire.log.length, sent);
  });

  it('refuses an unknown failure reason and media signal action', async () => {
    const customer = await sessionIn('connected');
    assert.throws(() => customer.session.markFailed('declined' as CallFailureReason), isConfigError);
    assert.throws(() => customer.session.sendMediaSignal('hangup' as MediaSignalAction, {}), isConfigError);
    assert.equal(customer.session.state, 'connected');
  });

  it('refuses a bad configuration', () => {
    const signaller = { send: () => Promise.resolve() };
    assert.throws(() => new CallSession({ selfId: '', signaller }), isConfigError);
    assert.throws(() => new CallSession({ selfId: 'u', signaller, ringTimeoutMs: 0 }), isConfigError);
    assert.throws(() => new CallSession({ selfId: 'u', signaller, connectTimeoutMs: Number.NaN }), isConfigError);
    assert.throws(() => new CallSession({ selfId: 'u', signaller, reconnectTimeoutMs: -1 }), isConfigError);
    const session = new CallSession({ selfId: 'u', signaller });
    assert.throws(() => session.start(''), isConfigError);
    assert.equal(session.state, 'idle');
  });

  it('ends with failed and rejects when the invite cannot be sent', async () => {
    const customer = wire.join(CUSTOMER);
    wire.failSendsFrom = CUSTOMER.id;
    await assert.rejects(customer.session.start(CONVERSATION), (error) => error instanceof SupportError && error.code === 'network');
    assert.equal(customer.session.endReason, 'failed');
    assert.deepEqual(customer.states.map((s) => s.state), ['outgoing-ringing', 'ended']);
    assert.equal(wire.clock.pending, 0);
  });

  it('ends with failed and rejects when the accept cannot be sent', async () => {
    const customer = await sessionIn('incoming-ringing');
    wire.failSendsFrom = CUSTOMER.id;
    await assert.rejects(customer.session.accept(), SupportError);
    assert.equal(customer.session.endReason, 'failed');
    assert.equal(wire.clock.pending, 1, 'only the caller\'s ring timer is left; the callee\'s connect timer is gone');
  });

  it('still ends locally when the hangup cannot be sent, reporting an error event', async () => {
    const customer = await sessionIn('connected');
    wire.failSendsFrom = CUSTOMER.id;
    await customer.session.hangup();
    assert.equal(customer.session.endReason, 'hangup');
    assert.equal(customer.errors.length, 1);
    assert.equal(customer.errors[0]?.code, 'network');
  });

  it('wraps a signaller that throws synchronously into a SupportError', async () => {
    const session = new CallSession({
      selfId: 'u',
      clock: wire.clock,
      signaller: {
        send: () => {
          throw new Error('socket gone');
        },
      },
    });
    await assert.rejects(session.start(CONVERSATION), (error) => error instanceof SupportError && error.code === 'network');
    assert.equal(session.endReason, 'failed');
  });

  it('reports a failed automatic accept after glare and ends that call', async () => {
    const customer = wire.join(CUSTOMER, { callIds: ['call-b'] });
    const agent = wire.join(AGENT, { callIds: ['call-a'] });
    await customer.session.start(CONVERSATION);
    await agent.session.start(CONVERSATION);
    wire.failSendsFrom = CUSTOMER.id;
    await wire.flush();
    assert.equal(customer.session.callId, 'call-a');
    assert.equal(customer.session.endReason, 'failed');
    assert.ok(customer.errors.length >= 1);
  });

  it('dispose hangs up an active call, clears its timers and goes quiet', async () => {
    const customer = await sessionIn('connected');
    let after = 0;
    customer.session.dispose();
    customer.session.on('state', () => after++);
    assert.equal(customer.session.endReason, 'hangup');
    assert.equal(wire.log.at(-1)?.action, 'hangup');
    await wire.flush();
    assert.equal(wire.clock.pending, 0);
    assert.equal(customer.session.handleSignal({ conversationId: CONVERSATION, callId: 'call-new', action: 'invite', from: AGENT }), false);
    assert.throws(() => customer.session.start(CONVERSATION), isConfigError);
    assert.equal(after, 0);
  });
});
