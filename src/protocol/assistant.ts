/**
 * The assistant's shared shapes (issue 18): the relay runs an `AssistantProvider` that answers a
 * customer's question from the shop's knowledge base before a person joins, and hands the
 * conversation over to a person when it cannot help.
 *
 * On the wire an answer is an ordinary message of kind `assistant` (written by the relay alone,
 * customer-visible, stored in history like any other) from `ASSISTANT_USER`; its body is an
 * `AssistantReply` as JSON: the text and its sources as fields, never HTML. While a model writes
 * an answer the customer's sockets get `assistant-delta` frames with the text so far; the stored
 * message replaces them. The customer's "That helped" / "That didn't help" / "Talk to a person"
 * taps are a `customer` frame whose action is an `AssistantAction`.
 */
import type { UserRef } from './model.js';

/** The sender of every assistant message (`from`): the id marks it; the role keeps old readers working. */
export const ASSISTANT_USER: UserRef = { id: 'assistant', name: 'Assistant', role: 'agent' };

/** An article an answer comes from: the widget shows its title as a link. */
export interface AssistantSource {
  /** The article's id in the knowledge base. */
  id: string;
  title: string;
  /** Absolute http(s) URL or a path on the shop's site (`/help/...`). */
  url: string;
}

/** Why the assistant stepped aside. */
export type HandoffReason =
  /** Nothing in the knowledge base answers the question well enough. */
  | 'low-confidence'
  /** The customer said twice that an answer did not help. */
  | 'unhelpful'
  /** The customer asked for a person in words ("human", "agent", "人工", "转人工"...). */
  | 'asked'
  /** The customer sounds upset. */
  | 'upset'
  /** The customer tapped "Talk to a person". */
  | 'button';

/** Where the conversation went: to a person now, or (outside office hours) a message left for later. */
export type HandoffTarget = 'person' | 'leave-message';

/** The body (JSON) of a message of kind `assistant`. */
export interface AssistantReply {
  v: 1;
  /** The seq of the customer's message this answers. */
  replyTo: number;
  /**
   * The answer: an excerpt of the first source (offline provider, never invented) or a model's
   * text citing its sources as `[1]`, `[2]`... Empty on a handoff: the widget says it in the
   * customer's language.
   */
  text: string;
  /** The articles the answer comes from, best first (at most `ASSISTANT_LIMITS.maxSources`). */
  sources: AssistantSource[];
  /** Present when the assistant handed the conversation over with this message. */
  handoff?: { to: HandoffTarget; reason: HandoffReason };
}

/**
 * What the customer's tap says about the assistant, or `off`: the page has the assistant switched
 * off (`<support-chat assistant="off">`), so people answer this conversation from now on (until an
 * agent hands it back), without a handoff note.
 */
export type AssistantFeedback = 'helped' | 'not-helped' | 'person' | 'off';

/**
 * A `customer` frame's action (part of `CustomerAction`): feedback on the assistant message `seq`
 * ("That helped", "That didn't help"), or "Talk to a person" and `off` (`seq` optional). Answered with the
 * conversation (`{ kind: 'conversation' }`). Refused with `not-found` when `seq` is no assistant
 * message of the conversation.
 */
export interface AssistantAction {
  kind: 'assistant';
  conversationId: string;
  feedback: AssistantFeedback;
  seq?: number;
}

/** Relay → the customer's sockets: a model's answer so far (`text`: everything written yet), before its message is stored. */
export interface AssistantDeltaFrame {
  type: 'assistant-delta';
  conversationId: string;
  /** The seq of the customer's message being answered. */
  replyTo: number;
  text: string;
}

/** An `assistant-delta` frame's content, as the client's `assistantDelta` event carries it. */
export type AssistantDelta = Omit<AssistantDeltaFrame, 'type'>;

export const ASSISTANT_LIMITS = {
  maxSources: 5,
  maxTitleChars: 200,
  maxUrlChars: 2048,
} as const;

/** True when `message` is an assistant answer (kind `assistant` from `ASSISTANT_USER`). */
export function isAssistantMessage(message: { kind: string; from: UserRef }): boolean {
  return message.kind === 'assistant' && message.from.id === ASSISTANT_USER.id;
}
