/**
 * Test harness: an in-memory signalling network standing in for the relay's fan-out. Every
 * signal a session sends is logged and queued for every other endpoint; `flush()` delivers the
 * queue in order, as one ordered server connection would.
 */
import { CallSession, type CallSessionOptions } from '../../../src/core/call/call-session.js';
import type { CallStateChange, CallSummary } from '../../../src/core/call/call-events.js';
import { SupportError } from '../../../src/protocol/errors.js';
import type { UserRef } from '../../../src/protocol/model.js';
import type { SignalEvent, SignalMessage } from '../../../src/transports/types.js';
import { FakeClock } from './fake-clock.js';

/** A signal as it went over the wire. */
export interface WireSignal extends SignalMessage {
  from: string;
}

/** One session on the wire, with everything it emitted. */
export interface Endpoint {
  user: UserRef;
  session: CallSession;
  states: CallStateChange[];
  summaries: CallSummary[];
  errors: SupportError[];
  /** Results of `handleSignal` for each delivered signal, in order. */
  handled: boolean[];
}

export const CONVERSATION = 'conv-1';

export const CUSTOMER: UserRef = { id: 'cust-1', name: 'Ada', role: 'customer' };
export const AGENT: UserRef = { id: 'agent-1', name: 'Bo', role: 'agent' };
export const AGENT_2: UserRef = { id: 'agent-2', name: 'Cy', role: 'agent' };

export class SignalWire {
  readonly clock = new FakeClock();
  readonly log: WireSignal[] = [];
  private readonly endpoints: Endpoint[] = [];
  private readonly queue: Array<{ to: Endpoint; signal: SignalEvent }> = [];
  /** When set, sends from this user id reject with a network error (and nothing is delivered). */
  failSendsFrom: string | undefined;
  /** When set, signals from this user id are logged but never delivered (a lost frame). */
  dropFrom: string | undefined;

  /** Adds a session for `user`; ids for outgoing calls come from `callIds` when given. */
  join(user: UserRef, options: Partial<CallSessionOptions> & { callIds?: string[] } = {}): Endpoint {
    const { callIds, ...rest } = options;
    const ids = callIds ? [...callIds] : undefined;
    const endpoint = {} as Endpoint;
    const session = new CallSession({
      selfId: user.id,
      clock: this.clock,
      signaller: { send: (signal) => this.send(endpoint, signal) },
      ...(ids ? { createCallId: () => ids.shift() ?? `call-${Math.random()}` } : {}),
      ...rest,
    });
    Object.assign(endpoint, { user, session, states: [], summaries: [], errors: [], handled: [] });
    session.on('state', (change) => endpoint.states.push(change));
    session.on('summary', (summary) => endpoint.summaries.push(summary));
    session.on('error', (error) => endpoint.errors.push(error));
    this.endpoints.push(endpoint);
    return endpoint;
  }

  /** Delivers queued signals (and the ones they cause) until the wire is quiet. */
  async flush(): Promise<void> {
    await settle();
    while (this.queue.length > 0) {
      const next = this.queue.shift();
      if (next) next.to.handled.push(next.to.session.handleSignal(next.signal));
      await settle();
    }
  }

  /** Logged signals with this action. */
  sent(action: SignalMessage['action']): WireSignal[] {
    return this.log.filter((signal) => signal.action === action);
  }

  /** Disposes every session (hanging up any active call). */
  dispose(): void {
    for (const endpoint of this.endpoints) endpoint.session.dispose();
  }

  private send(from: Endpoint, signal: SignalMessage): Promise<void> {
    if (this.failSendsFrom === from.user.id) return Promise.reject(new SupportError('network', 'wire down'));
    this.log.push({ ...signal, from: from.user.id });
    if (this.dropFrom === from.user.id) return Promise.resolve();
    for (const to of this.endpoints) {
      // JSON round trip: what the peer gets is a copy, as over a real socket.
      if (to !== from) this.queue.push({ to, signal: JSON.parse(JSON.stringify({ ...signal, from: from.user })) as SignalEvent });
    }
    return Promise.resolve();
  }
}

/** Lets pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

/** The states an endpoint went through, as `previous>state` strings. */
export function path(endpoint: Endpoint): string[] {
  return endpoint.states.map((change) => `${change.previous}>${change.state}`);
}

/** A signal as another member would send it, for driving a session by hand. */
export function signalFrom(from: UserRef, callId: string, action: SignalMessage['action'], payload?: unknown, conversationId = CONVERSATION): SignalEvent {
  return { conversationId, callId, action, from, ...(payload === undefined ? {} : { payload }) };
}
