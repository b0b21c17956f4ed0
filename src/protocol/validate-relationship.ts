/**
 * Validation of the relationship's frames (issue 17): the customer's `customer` frame (contact
 * email, CSAT answer, their conversations, a new conversation) and the staff's follow-up and CSAT
 * desk actions. Like every validator it rebuilds what it accepts from known fields only. What
 * depends on the store or the clock (asked yet? answered already? in the past?) is the relay's.
 */
import type { CsatDeskAction, CustomerAction, CustomerRequestFrame, FollowUpDeskAction } from './relationship.js';
import { RELATIONSHIP_LIMITS } from './relationship.js';
import { isContactEmail } from './contact-email.js';
import { draftProblem } from './message-draft.js';
import { parseContext } from './validate-context.js';
import { parseAssistantAction } from './validate-assistant.js';
import { parseStepAction } from './validate-steps.js';
import { asObject, fail, optionalInt, optionalOneOf, requireId, requireInt, requireOneOf, type JsonObject } from './validate-fields.js';

export { isContactEmail };

const CUSTOMER_KINDS: readonly CustomerAction['kind'][] = ['contact', 'csat', 'conversations', 'start', 'assistant', 'step'];

/** The desk action kinds this file parses (see `validate-desk.ts`). */
export const RELATIONSHIP_DESK_KINDS = ['followup-schedule', 'followup-list', 'followup-complete', 'followup-cancel', 'csat-report'] as const;
export type RelationshipDeskKind = (typeof RELATIONSHIP_DESK_KINDS)[number];

/** Free text the customer or an agent wrote: no control characters but new lines (as a message body). */
function textField(o: JsonObject, key: string, max: number, code: 'bad-frame' | 'invalid-score' = 'bad-frame'): string | undefined {
  if (o[key] === undefined) return undefined;
  if (typeof o[key] !== 'string' || o[key].length > max) fail(`${key} must be text of at most ${max} characters`, code);
  const text = o[key].trim();
  if (text === '') return undefined;
  if (draftProblem(text, 0) !== undefined) fail(`${key} holds a control character`, code);
  return text;
}

function contactAction(o: JsonObject): CustomerAction {
  const conversationId = requireId(o, 'conversationId');
  if (o['email'] === null) return { kind: 'contact', conversationId, email: null };
  const email = typeof o['email'] === 'string' ? o['email'].trim() : o['email'];
  if (!isContactEmail(email)) fail('email must be an address such as name@example.com', 'invalid-email');
  const consent = textField(o, 'consent', RELATIONSHIP_LIMITS.maxConsentChars);
  return consent === undefined ? { kind: 'contact', conversationId, email } : { kind: 'contact', conversationId, email, consent };
}

function csatAction(o: JsonObject): CustomerAction {
  const conversationId = requireId(o, 'conversationId');
  const score = o['score'];
  if (typeof score !== 'number' || !Number.isInteger(score) || score < 1 || score > 5) fail('score must be a whole number from 1 to 5', 'invalid-score');
  const comment = textField(o, 'comment', RELATIONSHIP_LIMITS.maxCsatCommentChars, 'invalid-score');
  return comment === undefined ? { kind: 'csat', conversationId, score } : { kind: 'csat', conversationId, score, comment };
}

function customerAction(value: unknown): CustomerAction {
  const o = asObject(value, 'action');
  const kind = requireOneOf(o, 'kind', CUSTOMER_KINDS);
  switch (kind) {
    case 'contact':
      return contactAction(o);
    case 'csat':
      return csatAction(o);
    case 'conversations':
      return { kind };
    case 'start':
      return o['context'] === undefined ? { kind } : { kind, context: parseContext(o['context']) };
    case 'assistant':
      return parseAssistantAction(o);
    case 'step':
      return parseStepAction(o);
  }
}

/** Validates a `customer` frame: its `requestId` and one action of a known kind with its fields. */
export function parseCustomer(o: JsonObject): CustomerRequestFrame {
  return { type: 'customer', requestId: requireId(o, 'requestId'), action: customerAction(o['action']) };
}

/** Validates a follow-up or CSAT desk action whose `kind` is one of `RELATIONSHIP_DESK_KINDS`. */
export function parseRelationshipDeskAction(kind: RelationshipDeskKind, o: JsonObject): FollowUpDeskAction | CsatDeskAction {
  switch (kind) {
    case 'followup-schedule': {
      const note = textField(o, 'note', RELATIONSHIP_LIMITS.maxFollowUpNoteChars);
      if (note === undefined) fail('note must say what to follow up on');
      return { kind, conversationId: requireId(o, 'conversationId'), dueAt: requireInt(o, 'dueAt', 0), note };
    }
    case 'followup-list': {
      const list = optionalOneOf(o, 'list', ['due', 'upcoming'] as const);
      const conversationId = o['conversationId'] === undefined ? undefined : requireId(o, 'conversationId');
      return { kind, ...(list === undefined ? {} : { list }), ...(conversationId === undefined ? {} : { conversationId }) };
    }
    case 'followup-complete':
    case 'followup-cancel':
      return { kind, id: requireId(o, 'id') };
    case 'csat-report': {
      const from = optionalInt(o, 'from', 0);
      const to = optionalInt(o, 'to', 0);
      if (from !== undefined && to !== undefined && from >= to) fail('from must be before to');
      return { kind, ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
    }
  }
}
