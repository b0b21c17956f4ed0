/**
 * Validation of the assistant's shapes (issue 18): the customer's feedback action (part of the
 * `customer` frame) and the body of an `assistant` message, read back by the widget and the desk.
 * Like every validator it rebuilds what it accepts from known fields only.
 */
import type { AssistantAction, AssistantFeedback, AssistantReply, AssistantSource, HandoffReason, HandoffTarget } from './assistant.js';
import { ASSISTANT_LIMITS } from './assistant.js';
import { isHttpUrl } from './attachment-url.js';
import { fail, isObject, optionalInt, requireId, requireOneOf, type JsonObject } from './validate-fields.js';

const FEEDBACK: readonly AssistantFeedback[] = ['helped', 'not-helped', 'person', 'off'];
const TARGETS: readonly HandoffTarget[] = ['person', 'leave-message'];
const REASONS: readonly HandoffReason[] = ['low-confidence', 'unhelpful', 'asked', 'upset', 'button'];

/** Validates an assistant feedback action: `seq` is required but for "Talk to a person" and `off`. */
export function parseAssistantAction(o: JsonObject): AssistantAction {
  const conversationId = requireId(o, 'conversationId');
  const feedback = requireOneOf(o, 'feedback', FEEDBACK);
  const seq = optionalInt(o, 'seq', 1);
  if (seq === undefined && (feedback === 'helped' || feedback === 'not-helped')) fail('seq must name the assistant message the feedback is about');
  return seq === undefined ? { kind: 'assistant', conversationId, feedback } : { kind: 'assistant', conversationId, feedback, seq };
}

/** True for a link a source may carry: absolute http(s) or a path on the shop's own site. */
export function isSourceUrl(value: string): boolean {
  if (value.length > ASSISTANT_LIMITS.maxUrlChars) return false;
  if (value.startsWith('/')) return !value.startsWith('//') && !/[\s\\]/.test(value);
  return isHttpUrl(value);
}

function source(value: unknown): AssistantSource | undefined {
  if (!isObject(value)) return undefined;
  const { id, title, url } = value;
  if (typeof id !== 'string' || typeof title !== 'string' || typeof url !== 'string' || !isSourceUrl(url)) return undefined;
  return { id, title: title.slice(0, ASSISTANT_LIMITS.maxTitleChars), url };
}

/**
 * The `AssistantReply` in an `assistant` message's body, or undefined when it is not one (the
 * reader then shows nothing of it rather than raw JSON). Sources with unsafe links are dropped.
 *
 * @example
 * const reply = parseAssistantReply(message.body);
 * if (reply?.handoff) showHandoff(reply.handoff.to);
 */
export function parseAssistantReply(body: string): AssistantReply | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!isObject(value) || value['v'] !== 1 || typeof value['text'] !== 'string' || !Array.isArray(value['sources'])) return undefined;
  const replyTo = value['replyTo'];
  const sources = value['sources'].slice(0, ASSISTANT_LIMITS.maxSources).map(source).filter((s): s is AssistantSource => s !== undefined);
  const reply: AssistantReply = { v: 1, replyTo: typeof replyTo === 'number' ? replyTo : 0, text: value['text'], sources };
  const handoff = value['handoff'];
  if (isObject(handoff)) {
    const to = TARGETS.find((t) => t === handoff['to']);
    const reason = REASONS.find((r) => r === handoff['reason']);
    if (to !== undefined && reason !== undefined) reply.handoff = { to, reason };
  }
  return reply;
}
