/**
 * The JSON envelopes the Agora adapter publishes on RTM message channels. RTM carries opaque
 * strings between clients, so this is our wire format there: `{ v: 1, t, from, ... }`.
 * Only `t: 'msg'` and `t: 'steps'` (a checklist's states, `rtm-steps.ts`) are stored in RTM history; the rest is ephemeral.
 */
import type { MessageDraft } from '../../protocol/message-draft.js';
import type {
  ConversationSummary,
  ProductContext,
  ReceiptKind,
  SignalAction,
  UserRef,
  WireMessage,
} from '../../protocol/model.js';
import { parseClientFrame } from '../../protocol/validate.js';
import { isObject, parseSummary, parseUserRef, parseWireMessage } from './wire-message.js';
import { parseStepsStates, type StepsStates } from './rtm-steps.js';

/** RTM message channel packet limit (SDK: `_validateMsgSize`, 32768 bytes; docs: 32 KB). */
export const RTM_MAX_MESSAGE_BYTES = 32 * 1024;
/** `customType` we set on publishes (RTM allows at most 32 characters). */
export const RTM_CUSTOM_TYPE = 'support.v1';

interface EnvelopeBase {
  v: 1;
  from: UserRef;
}

/** A stored message: its draft (the channel names the conversation), numbered and timed by the sender. */
export interface MessageEnvelope extends EnvelopeBase, Omit<MessageDraft, 'conversationId'> {
  t: 'msg';
  seq: number;
  at: number;
}

export interface TypingEnvelope extends EnvelopeBase {
  t: 'typing';
  typing: boolean;
}

export interface ReceiptEnvelope extends EnvelopeBase {
  t: 'receipt';
  kind: ReceiptKind;
  upTo: number;
}

export interface SignalEnvelope extends EnvelopeBase {
  t: 'signal';
  callId: string;
  action: SignalAction;
  payload?: unknown;
}

export interface ContextEnvelope extends EnvelopeBase {
  t: 'context';
  context: ProductContext;
}

/** A checklist's new states after a tick (issue 20), kept in RTM history. */
export interface StepsEnvelope extends EnvelopeBase, StepsStates {
  t: 'steps';
}

/** A conversation summary announced on the queue channel. */
export interface ConversationEnvelope extends EnvelopeBase {
  t: 'conv';
  conversation: ConversationSummary;
}

export type RtmEnvelope =
  | MessageEnvelope
  | TypingEnvelope
  | ReceiptEnvelope
  | SignalEnvelope
  | ContextEnvelope
  | ConversationEnvelope
  | StepsEnvelope;

/** UTF-8 size of a string, as RTM counts it. */
export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}

export function encodeEnvelope(envelope: RtmEnvelope): string {
  return JSON.stringify(envelope);
}

/** The stored message an envelope stands for. */
export function toWireMessage(envelope: MessageEnvelope, conversationId: string): WireMessage {
  const { v: _v, t: _t, ...fields } = envelope;
  return { ...fields, conversationId };
}

function decodeText(raw: string | Uint8Array): string | undefined {
  if (typeof raw === 'string') return raw;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return undefined;
  }
}

/** Validates the per-type fields with the relay's frame validators. */
function parseBody(o: Record<string, unknown>, from: UserRef, conversationId: string): RtmEnvelope | undefined {
  const base = { v: 1 as const, from };
  switch (o['t']) {
    case 'msg': {
      const message = parseWireMessage({ ...o, from }, conversationId);
      if (!message) return undefined;
      const { conversationId: _c, ...fields } = message;
      return { ...base, t: 'msg', ...fields };
    }
    case 'typing': {
      const r = parseClientFrame(JSON.stringify({ type: 'typing', conversationId, typing: o['typing'] }));
      return r.ok && r.frame.type === 'typing' ? { ...base, t: 'typing', typing: r.frame.typing } : undefined;
    }
    case 'receipt': {
      const r = parseClientFrame(JSON.stringify({ type: 'receipt', conversationId, kind: o['kind'], upTo: o['upTo'] }));
      return r.ok && r.frame.type === 'receipt' ? { ...base, t: 'receipt', kind: r.frame.kind, upTo: r.frame.upTo } : undefined;
    }
    case 'signal': {
      const r = parseClientFrame(
        JSON.stringify({ type: 'signal', conversationId, callId: o['callId'], action: o['action'], payload: o['payload'] }),
      );
      if (!r.ok || r.frame.type !== 'signal') return undefined;
      const signal: SignalEnvelope = { ...base, t: 'signal', callId: r.frame.callId, action: r.frame.action };
      if (r.frame.payload !== undefined) signal.payload = r.frame.payload;
      return signal;
    }
    case 'context': {
      const r = parseClientFrame(JSON.stringify({ type: 'context', conversationId, context: o['context'] }));
      return r.ok && r.frame.type === 'context' ? { ...base, t: 'context', context: r.frame.context } : undefined;
    }
    case 'steps': {
      const states = parseStepsStates(o);
      return states ? { ...base, t: 'steps', ...states } : undefined;
    }
    case 'conv': {
      const conversation = parseSummary(o['conversation']);
      return conversation ? { ...base, t: 'conv', conversation } : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Parses one RTM payload published by `publisher` on the channel of `conversationId` (for the
 * queue: any id, unused). Foreign or invalid payloads give undefined; `from.id` must be the RTM
 * publisher, so nobody can speak for another user (name and role remain self-declared).
 */
export function decodeEnvelope(
  raw: string | Uint8Array,
  publisher: string,
  conversationId: string,
): RtmEnvelope | undefined {
  const text = decodeText(raw);
  if (text === undefined || text.length === 0 || text.charCodeAt(0) !== 123 /* { */) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(value) || value['v'] !== 1) return undefined;
  const from = parseUserRef(value['from']);
  if (!from || from.id !== publisher) return undefined;
  return parseBody(value, from, conversationId);
}
