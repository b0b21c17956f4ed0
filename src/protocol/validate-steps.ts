/**
 * Validation of guided steps (issue 20): the body of a `steps` message as staff send it (strict:
 * the relay refuses a bad one), the same body read back by the widget and the desk (lenient: what
 * cannot be shown safely is dropped), a tick and the canned step lists' desk actions. Like every
 * validator it rebuilds what it accepts from known fields only; text stays text (never HTML).
 */
import { isAttachmentUrl } from './attachment-url.js';
import { doneList, STEPS_LIMITS } from './guided-steps.js';
import type { GuidedStep, GuidedSteps, StepAction, StepList, StepsDeskAction } from './guided-steps.js';
import { draftProblem } from './message-draft.js';
import { asObject, fail, isObject, optionalString, requireId, requireInt, requireString, type JsonObject } from './validate-fields.js';

// eslint-disable-next-line no-control-regex -- a title is one line: no control character at all
const CONTROL = /[\x00-\x1f\x7f]/;

/** A title or a product match: one line of text, not blank. */
function line(o: JsonObject, key: string, max: number): string {
  const value = requireString(o, key, max).trim();
  if (value === '' || CONTROL.test(value)) fail(`${key} must be a line of text`);
  return value;
}

function step(value: unknown): GuidedStep {
  const o = asObject(value, 'step');
  const text = requireString(o, 'text', STEPS_LIMITS.maxStepChars).trim();
  const problem = draftProblem(text, 0);
  if (problem !== undefined) fail(`step text: ${problem.message}`, problem.code);
  const image = optionalString(o, 'image', STEPS_LIMITS.maxImageChars);
  if (image !== undefined && !isAttachmentUrl(image)) fail('step image must be http(s) or /uploads/...');
  return image === undefined ? { text } : { text, image };
}

function stepList(o: JsonObject): GuidedStep[] {
  const steps = o['steps'];
  if (!Array.isArray(steps) || steps.length === 0 || steps.length > STEPS_LIMITS.maxSteps) fail(`steps must be a list of 1-${STEPS_LIMITS.maxSteps} steps`);
  return steps.map(step);
}

/**
 * The checklist in the body of a `steps` message being sent; throws (`InvalidFrame`, as every
 * frame validator) when it is not one, or when it comes with a step already done.
 */
export function parseStepsBody(body: string): GuidedSteps {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    fail('a steps message body must be a checklist (JSON)');
  }
  const o = asObject(value, 'body');
  if (o['v'] !== 1) fail('a checklist has v: 1');
  const checklist: GuidedSteps = { v: 1, title: line(o, 'title', STEPS_LIMITS.maxTitleChars), steps: stepList(o) };
  const done = o['done'];
  if (done !== undefined && (!Array.isArray(done) || done.some((d) => d !== false))) fail('a checklist is sent with no step done');
  return checklist;
}

/**
 * The checklist in a `steps` message's body as stored (with its `done` states), or undefined when
 * it is not one (the reader then shows nothing of it rather than raw JSON). Steps without text and
 * images with an unsafe address are dropped; `done` is as long as `steps`.
 *
 * @example
 * const checklist = readGuidedSteps(message.body);
 * if (checklist) showProgress(stepsProgress(checklist));
 */
export function readGuidedSteps(body: string): GuidedSteps | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!isObject(value) || value['v'] !== 1 || typeof value['title'] !== 'string' || !Array.isArray(value['steps'])) return undefined;
  const done = Array.isArray(value['done']) ? value['done'] : [];
  const steps: GuidedStep[] = [];
  const states: boolean[] = [];
  value['steps'].slice(0, STEPS_LIMITS.maxSteps).forEach((item: unknown, i) => {
    if (!isObject(item) || typeof item['text'] !== 'string' || item['text'].trim() === '') return;
    const image = item['image'];
    const safe = typeof image === 'string' && image.length <= STEPS_LIMITS.maxImageChars && isAttachmentUrl(image) ? image : undefined;
    steps.push(safe === undefined ? { text: item['text'] } : { text: item['text'], image: safe });
    states.push(done[i] === true);
  });
  if (steps.length === 0) return undefined;
  return { v: 1, title: value['title'].slice(0, STEPS_LIMITS.maxTitleChars), steps, done: states };
}

/**
 * A stored checklist body with the states `done` (as long as its steps), or undefined when `body`
 * is no checklist: how a client applies a `steps` frame to the message it already has.
 */
export function checklistWithDone(body: string, done: readonly boolean[]): string | undefined {
  const checklist = readGuidedSteps(body);
  return checklist && JSON.stringify({ ...checklist, done: doneList({ steps: checklist.steps, done: [...done] }) });
}

/** A tick: the conversation, the checklist's seq, a step index in range of any checklist, and its state. */
export function parseStepAction(o: JsonObject): StepAction {
  if (typeof o['done'] !== 'boolean') fail('done must be true or false');
  return {
    kind: 'step',
    conversationId: requireId(o, 'conversationId'),
    seq: requireInt(o, 'seq', 1),
    step: requireInt(o, 'step', 0, STEPS_LIMITS.maxSteps - 1),
    done: o['done'],
  };
}

function parseStepList(value: unknown): StepList {
  const o = asObject(value, 'list');
  const list: StepList = { id: requireId(o, 'id'), title: line(o, 'title', STEPS_LIMITS.maxTitleChars), steps: stepList(o) };
  if (o['sku'] !== undefined) list.sku = line(o, 'sku', STEPS_LIMITS.maxMatchChars);
  if (o['productName'] !== undefined) list.productName = line(o, 'productName', STEPS_LIMITS.maxMatchChars);
  return list;
}

/** Validates a guided steps desk action whose `kind` is one of `STEPS_DESK_KINDS`. */
export function parseStepsDeskAction(kind: StepsDeskAction['kind'], o: JsonObject): StepsDeskAction {
  switch (kind) {
    case 'steps-list':
      return { kind };
    case 'steps-put':
      return { kind, list: parseStepList(o['list']) };
    case 'steps-delete':
      return { kind, id: requireId(o, 'id') };
    case 'step':
      return parseStepAction(o);
  }
}
