/**
 * Validation of data that reaches the Agora adapter from other clients (RTM envelopes) or from a
 * shop's history endpoint. There is no server in between on Agora, so every field is checked
 * with the relay's own frame validators (`parseClientFrame`) and rebuilt from known fields only.
 */
import { draftOf } from '../../protocol/message-draft.js';
import { parseClientFrame } from '../../protocol/validate.js';
import type { ConversationSummary, Role, UserRef, WireMessage } from '../../protocol/model.js';

const ROLES: readonly Role[] = ['customer', 'agent'];
const MAX_NAME_CHARS = 255;

type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** A `UserRef` with a non-empty id (at most 64 characters, RTM's user id limit), a name and a role. */
export function parseUserRef(value: unknown): UserRef | undefined {
  if (!isObject(value)) return undefined;
  const { id, name, role } = value;
  if (typeof id !== 'string' || id.length === 0 || id.length > 64) return undefined;
  if (typeof name !== 'string' || name.length > MAX_NAME_CHARS) return undefined;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) return undefined;
  return { id, name, role: role as Role };
}

/** A stored message of `conversationId`, or undefined when any field is missing or invalid. */
export function parseWireMessage(value: unknown, conversationId: string): WireMessage | undefined {
  if (!isObject(value)) return undefined;
  const from = parseUserRef(value['from']);
  const { seq, at } = value;
  if (!from || !isCount(seq) || seq === 0 || !isCount(at)) return undefined;
  if (value['conversationId'] !== undefined && value['conversationId'] !== conversationId) return undefined;
  // The relay's own check of a send (of the draft's fields only), so both backends accept the same messages.
  const { clientMsgId, kind, body, attachments, context } = value;
  const parsed = parseClientFrame(JSON.stringify({ type: 'send', clientMsgId, conversationId, kind, body, attachments, context }));
  if (!parsed.ok || parsed.frame.type !== 'send') return undefined;
  return { seq, ...draftOf(parsed.frame), from, at };
}

function parseMarks(value: unknown): Record<string, number> | undefined {
  if (!isObject(value)) return undefined;
  const marks: Record<string, number> = {};
  for (const [user, upTo] of Object.entries(value)) {
    if (!isCount(upTo) || user.length === 0 || user.length > 64) return undefined;
    marks[user] = upTo;
  }
  return marks;
}

/** A conversation summary as announced on the queue channel, or undefined when invalid. */
export function parseSummary(value: unknown): ConversationSummary | undefined {
  if (!isObject(value)) return undefined;
  const { id, customer, lastSeq, updatedAt } = value;
  const check = parseClientFrame(JSON.stringify({ type: 'context', conversationId: id, context: value['context'] ?? {} }));
  if (!check.ok || check.frame.type !== 'context' || typeof id !== 'string') return undefined;
  const owner = parseUserRef(isObject(customer) ? { ...customer, role: 'customer' } : undefined);
  const readUpTo = parseMarks(value['readUpTo'] ?? {});
  const deliveredUpTo = parseMarks(value['deliveredUpTo'] ?? {});
  if (!owner || !isCount(lastSeq) || !isCount(updatedAt) || !readUpTo || !deliveredUpTo) return undefined;
  const summary: ConversationSummary = {
    id,
    customer: { id: owner.id, name: owner.name },
    lastSeq,
    readUpTo,
    deliveredUpTo,
    updatedAt,
  };
  if (value['context'] !== undefined) summary.context = check.frame.context;
  if (value['lastMessage'] !== undefined) {
    const lastMessage = parseWireMessage(value['lastMessage'], id);
    if (!lastMessage) return undefined;
    summary.lastMessage = lastMessage;
  }
  return summary;
}
