/**
 * Validation of the `desk` frame (issue 16) and its actions. Like every validator it rebuilds the
 * action from its known fields only and normalises what has one spelling (labels, shortcuts).
 * Who may ask for what (staff only; canned replies' changes admins only) is the relay's question.
 */
import type { CannedReply, ConversationStatus, DeskAction, DeskRequestFrame } from './desk.js';
import { DESK_LIMITS } from './desk.js';
import { draftProblem } from './message-draft.js';
import { parseRelationshipDeskAction, RELATIONSHIP_DESK_KINDS, type RelationshipDeskKind } from './validate-relationship.js';
import { STEPS_DESK_KINDS, type StepsDeskAction } from './guided-steps.js';
import { parseStepsDeskAction } from './validate-steps.js';
import {
  asObject,
  fail,
  optionalInt,
  optionalString,
  requireId,
  requireInt,
  requireOneOf,
  requireString,
  type JsonObject,
} from './validate-fields.js';

const DESK_ACTION_KINDS: readonly DeskAction['kind'][] = [
  'assign', 'status', 'labels', 'presence', 'agents', 'canned-list', 'canned-put', 'canned-delete', 'profile',
  ...RELATIONSHIP_DESK_KINDS,
  ...STEPS_DESK_KINDS,
];
const STATUSES: readonly ConversationStatus[] = ['open', 'pending', 'snoozed', 'resolved'];
const PRESENCES = ['online', 'away'] as const;

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\x00-\x1f\x7f]/;
const SHORTCUT = /^[\p{L}\p{N}_-]+$/u;

/**
 * A label's one spelling: trimmed, lower case, inner runs of white space as one `-`. Undefined
 * when nothing is left, it is longer than `DESK_LIMITS.maxLabelChars` or holds a control character.
 *
 * @example
 * normalizeLabel('  Screen  Flicker ') // 'screen-flicker'
 */
export function normalizeLabel(label: string): string | undefined {
  const clean = label.trim().toLowerCase().replace(/\s+/g, '-');
  if (clean.length === 0 || clean.length > DESK_LIMITS.maxLabelChars || CONTROL.test(clean)) return undefined;
  return clean;
}

function labelList(o: JsonObject, key: string): string[] | undefined {
  const value = o[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > DESK_LIMITS.maxLabels) fail(`${key} must be a list of at most ${DESK_LIMITS.maxLabels} labels`);
  const labels = value.map((item) => (typeof item === 'string' ? normalizeLabel(item) : undefined));
  if (labels.includes(undefined)) fail(`${key} holds a label that is not 1-${DESK_LIMITS.maxLabelChars} characters of text`);
  return [...new Set(labels as string[])].sort();
}

function assignAction(o: JsonObject, conversationId: string): DeskAction {
  const to = o['to'] === null ? null : requireId(o, 'to');
  const action: DeskAction = { kind: 'assign', conversationId, to };
  const note = optionalString(o, 'note', DESK_LIMITS.maxNoteChars);
  if (note !== undefined && note.trim() !== '') {
    if (draftProblem(note, 0) !== undefined) fail('note holds a control character');
    action.note = note;
  }
  if (o['expect'] !== undefined) action.expect = o['expect'] === null ? null : requireId(o, 'expect');
  return action;
}

function statusAction(o: JsonObject, conversationId: string): DeskAction {
  const status = requireOneOf(o, 'status', STATUSES);
  if (status !== 'snoozed') {
    if (o['until'] !== undefined) fail('until goes with status snoozed only');
    return { kind: 'status', conversationId, status };
  }
  return { kind: 'status', conversationId, status, until: requireInt(o, 'until', 0) };
}

function labelsAction(o: JsonObject, conversationId: string): DeskAction {
  const add = labelList(o, 'add');
  const remove = labelList(o, 'remove');
  if (!add?.length && !remove?.length) fail('labels needs add or remove');
  return { kind: 'labels', conversationId, ...(add?.length ? { add } : {}), ...(remove?.length ? { remove } : {}) };
}

function cannedReply(value: unknown): CannedReply {
  const o = asObject(value, 'reply');
  const shortcut = requireString(o, 'shortcut', DESK_LIMITS.maxShortcutChars).toLowerCase();
  if (!SHORTCUT.test(shortcut)) fail('reply.shortcut must be letters, digits, _ or - without spaces');
  const title = requireString(o, 'title', DESK_LIMITS.maxCannedTitleChars).trim();
  if (title === '' || CONTROL.test(title)) fail('reply.title must be a line of text');
  const body = requireString(o, 'body', Number.MAX_SAFE_INTEGER);
  const problem = draftProblem(body, 0);
  if (problem !== undefined) fail(`reply.body: ${problem.message}`, problem.code);
  return { id: requireId(o, 'id'), shortcut, title, body };
}

function isStepsKind(kind: DeskAction['kind']): kind is StepsDeskAction['kind'] {
  return (STEPS_DESK_KINDS as readonly string[]).includes(kind);
}

function isRelationshipKind(kind: DeskAction['kind']): kind is RelationshipDeskKind {
  return (RELATIONSHIP_DESK_KINDS as readonly string[]).includes(kind);
}

function parseAction(value: unknown): DeskAction {
  const o = asObject(value, 'action');
  const kind = requireOneOf(o, 'kind', DESK_ACTION_KINDS);
  if (isRelationshipKind(kind)) return parseRelationshipDeskAction(kind, o);
  if (isStepsKind(kind)) return parseStepsDeskAction(kind, o);
  switch (kind) {
    case 'assign':
      return assignAction(o, requireId(o, 'conversationId'));
    case 'status':
      return statusAction(o, requireId(o, 'conversationId'));
    case 'labels':
      return labelsAction(o, requireId(o, 'conversationId'));
    case 'presence': {
      const capacity = optionalInt(o, 'capacity', 0, DESK_LIMITS.maxCapacity);
      return { kind, presence: requireOneOf(o, 'presence', PRESENCES), ...(capacity === undefined ? {} : { capacity }) };
    }
    case 'agents':
    case 'canned-list':
      return { kind };
    case 'canned-put':
      return { kind, reply: cannedReply(o['reply']) };
    case 'canned-delete':
      return { kind, id: requireId(o, 'id') };
    case 'profile':
      return { kind, customerId: requireId(o, 'customerId') };
  }
}

/** Validates a `desk` frame: its `requestId` and one action of a known kind with its fields. */
export function parseDesk(o: JsonObject): DeskRequestFrame {
  return { type: 'desk', requestId: requireId(o, 'requestId'), action: parseAction(o['action']) };
}
