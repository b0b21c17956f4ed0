/** Helpers for the desk's relay tests: admin tokens, one desk request answered, the events of a thread. */
import type { DeskAction, DeskEvent, DeskResult } from '../../../src/protocol/desk.js';
import type { ErrorFrame, TokenClaims } from '../../../src/protocol/frames.js';
import type { WireMessage } from '../../../src/protocol/model.js';
import { signToken } from '../../../server/tokens.js';
import { SECRET } from './relay-harness.js';
import type { TestClient } from './relay-harness.js';

let requests = 0;

/** A staff token with the admin role. */
export function adminToken(userId: string, shop = 'demo'): string {
  const claims: TokenClaims = { sub: userId, name: `Admin ${userId}`, role: 'admin', shop, exp: Math.floor(Date.now() / 1000) + 3600 };
  return signToken(claims, SECRET);
}

/** Sends one desk action and takes its answer: the result, or the error frame whose ref is its requestId. */
export async function ask(client: TestClient, action: DeskAction | Record<string, unknown>): Promise<DeskResult | ErrorFrame> {
  const requestId = `d${(requests += 1)}`;
  client.send({ type: 'desk', requestId, action });
  const frame = await client.take((f) => (f.type === 'desk' && f.requestId === requestId) || (f.type === 'error' && f.ref === requestId));
  if (frame.type === 'desk') return frame.result;
  if (frame.type === 'error') return frame;
  throw new Error(`unexpected ${frame.type}`);
}

/** The answer when it is of `kind`; throws with the answer otherwise. */
export async function result<K extends DeskResult['kind']>(client: TestClient, action: DeskAction, kind: K): Promise<Extract<DeskResult, { kind: K }>> {
  const answer = await ask(client, action);
  if (!('kind' in answer) || answer.kind !== kind) throw new Error(`expected ${kind}, got ${JSON.stringify(answer)}`);
  return answer as Extract<DeskResult, { kind: K }>;
}

/** The desk event a message of kind `event` holds. */
export function eventOf(message: WireMessage): DeskEvent {
  if (message.kind !== 'event') throw new Error(`not an event: ${message.kind}`);
  return JSON.parse(message.body) as DeskEvent;
}

/** Takes the next event message of a conversation from the client's queue. */
export async function nextEvent(client: TestClient, conversationId: string): Promise<{ message: WireMessage; event: DeskEvent }> {
  const message = await client.next('message', (m) => m.kind === 'event' && m.conversationId === conversationId);
  return { message, event: eventOf(message) };
}
