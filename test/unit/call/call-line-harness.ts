/**
 * Test harness of `client.calls` against the real relay: connected SupportClients with a record
 * of their call events, and a fresh observer that reads the stored history back from SQLite.
 */
import type { TestContext } from 'node:test';
import type { CallStateChange, CallSummary } from '../../../src/core/call/call-events.js';
import type { IncomingCall } from '../../../src/core/call/call-line-types.js';
import { parseCallSummary, type CallSummaryRecord } from '../../../src/core/call/call-summary-message.js';
import type { SupportError } from '../../../src/protocol/errors.js';
import type { SupportClient } from '../../../src/core/support-client.js';
import type { SupportClientOptions } from '../../../src/core/types.js';
import type { CallState } from '../../../src/core/call/call-states.js';
import type { TokenClaims } from '../../../src/protocol/frames.js';
import { signToken } from '../../../server/index.js';
import { SECRET, agentToken, relayHarness, until, type Harness } from '../core/relay-harness.js';

/** A connected client and everything its `calls` emitted. */
export interface Caller {
  client: SupportClient;
  states: CallStateChange[];
  incoming: IncomingCall[];
  summaries: CallSummary[];
  errors: SupportError[];
}

export interface CallHarness {
  relay: Harness;
  /** Connects a client for `token` and records its call events. */
  connect(token: string, options?: Partial<SupportClientOptions>): Promise<Caller>;
  /** The call-summary messages stored in `conversationId`, read by a new agent client. */
  storedSummaries(conversationId: string): Promise<CallSummaryRecord[]>;
}

let observers = 0;

export async function callHarness(t: TestContext): Promise<CallHarness> {
  const relay = await relayHarness(t);
  const harness: CallHarness = {
    relay,
    async connect(token, options = {}) {
      const client = relay.client(token, options);
      const caller: Caller = { client, states: [], incoming: [], summaries: [], errors: [] };
      client.calls.on('call-state', (change) => caller.states.push(change));
      client.calls.on('incoming', (call) => caller.incoming.push(call));
      client.calls.on('summary', (summary) => caller.summaries.push(summary));
      client.calls.on('error', (error) => caller.errors.push(error));
      await client.connect();
      return caller;
    },
    async storedSummaries(conversationId) {
      const observer = relay.client(agentToken(`observer-${++observers}`));
      await observer.connect();
      await observer.openConversation(conversationId);
      const messages = observer.conversation(conversationId)?.messages ?? [];
      observer.dispose();
      return messages.filter((m) => m.kind === 'call-summary').map((m) => {
        const record = parseCallSummary(m.body);
        if (!record) throw new Error(`unreadable call summary: ${m.body}`);
        return record;
      });
    },
  };
  return harness;
}

/** Waits until the caller's call is in `state`. */
export function reach(caller: Caller, state: CallState, timeoutMs = 5000): Promise<true> {
  return until(() => caller.client.calls.state === state, `${caller.client.user?.id ?? '?'} reaching ${state}`, timeoutMs);
}

/** Waits until the caller's own outbox is empty (its summary, if any, was stored). */
export function outboxDrained(caller: Caller): Promise<true> {
  return until(
    () => caller.client.conversations().every((c) => c.messages.every((m) => m.status !== 'sending')),
    'every message acknowledged',
  );
}

/** A customer token for `sub` with several conversations. */
export function customerTokenFor(sub: string, conversations: string[]): string {
  const claims: TokenClaims = {
    sub,
    name: `Customer ${sub}`,
    role: 'customer',
    shop: 'demo',
    conv: conversations,
    exp: Math.floor(Date.now() / 1000) + 3600,
  };
  return signToken(claims, SECRET);
}

/** The states a caller went through, as `previous>state(reason)` strings. */
export function path(caller: Caller): string[] {
  return caller.states.map((c) => `${c.previous}>${c.state}${c.reason ? `(${c.reason})` : ''}`);
}
