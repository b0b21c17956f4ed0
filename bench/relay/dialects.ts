/**
 * How the load generator speaks to each server: the relay's real frames (signed tokens, `send`)
 * and the bare baseline's minimal ones. Both answer `ack` to the sender and `message` to the
 * conversation's other sockets and the agent, so the same load code drives both.
 */
import { signToken } from '../../server/tokens.js';
import type { HelloFrame, SendFrame, TokenClaims } from '../../src/protocol/frames.js';

export type Role = 'sender' | 'receiver' | 'agent';

export interface Dialect {
  readonly name: 'relay' | 'bare-ws';
  /** The first frame of a socket: sender and receiver of conversation `index` are two tabs of one customer. */
  hello(role: Role, index: number): string;
  send(index: number, clientMsgId: string, body: string): string;
}

export const BENCH_SECRET = 'bench-secret-0123456789abcdef0123';
const HOUR_S = 3600;

function customerClaims(index: number): TokenClaims {
  const sub = `bench-${index}`;
  return { sub, name: `Customer ${index}`, role: 'customer', shop: 'demo', conv: [`c-${sub}`], exp: Math.floor(Date.now() / 1000) + HOUR_S };
}

export function conversationOf(index: number): string {
  return `c-bench-${index}`;
}

/** The real relay protocol (tokens signed with BENCH_SECRET, which the relay child is given). */
export function relayDialect(): Dialect {
  const agentToken = signToken({ sub: 'bench-agent', name: 'Agent', role: 'agent', shop: 'demo', exp: Math.floor(Date.now() / 1000) + HOUR_S }, BENCH_SECRET);
  const tokens = new Map<number, string>();
  const tokenOf = (index: number): string => {
    let token = tokens.get(index);
    if (token === undefined) tokens.set(index, (token = signToken(customerClaims(index), BENCH_SECRET)));
    return token;
  };
  return {
    name: 'relay',
    hello(role, index) {
      const frame: HelloFrame = { type: 'hello', token: role === 'agent' ? agentToken : tokenOf(index) };
      return JSON.stringify(frame);
    },
    send(index, clientMsgId, body) {
      const frame: SendFrame = { type: 'send', clientMsgId, conversationId: conversationOf(index), kind: 'text', body };
      return JSON.stringify(frame);
    },
  };
}

/** The bare baseline's frames (see bare-ws-child.ts). */
export function bareDialect(): Dialect {
  return {
    name: 'bare-ws',
    hello(role, index) {
      const user = role === 'agent' ? { id: 'bench-agent', name: 'Agent', role: 'agent' } : { id: `bench-${index}`, name: `Customer ${index}`, role: 'customer' };
      return JSON.stringify({ type: 'hello', room: conversationOf(index), agent: role === 'agent', user });
    },
    send(index, clientMsgId, body) {
      return JSON.stringify({ type: 'send', clientMsgId, conversationId: conversationOf(index), body });
    },
  };
}
