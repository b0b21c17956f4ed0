/**
 * The customer's taps on the assistant (issue 18), a `customer` frame whose action is an
 * `AssistantAction`: "That helped", "That didn't help" (the second one hands over) and "Talk to a
 * person" (hands over at once); `off` from a page with the assistant switched off (people answer,
 * no note). Answered with the conversation, as other customer actions are.
 */
import type { AssistantAction, ConversationSummary, CustomerRequestFrame } from 'support-widget/protocol';
import { parseAssistantReply } from 'support-widget/protocol';
import { accessConversation } from '../access.js';
import type { Connection } from '../connection.js';
import type { Member } from '../hub.js';
import type { StoredConversation, SupportStore } from '../store.js';
import { unhelpfulHandoff } from './handoff-rules.js';
import type { RelayAssistant } from './relay-assistant.js';

export interface AssistantFeedbackDeps {
  store: SupportStore;
  assistant: RelayAssistant;
  /** The conversation as the customer may see it. */
  summary: (conversation: StoredConversation) => ConversationSummary;
}

/** Applies one tap; `undefined` when done, else the refusal. */
function apply(deps: AssistantFeedbackDeps, member: Member, action: AssistantAction): { code: 'not-found'; message: string } | undefined {
  const { store, assistant } = deps;
  const conversation = store.getConversation(member.shop, action.conversationId);
  if (conversation === undefined) return { code: 'not-found', message: 'no such conversation' };
  const reply = action.seq === undefined ? undefined : store.history(member.shop, conversation.id, action.seq + 1, 1).messages.find((m) => m.seq === action.seq);
  const body = reply?.kind === 'assistant' ? parseAssistantReply(reply.body) : undefined;
  if (action.seq !== undefined && body === undefined) return { code: 'not-found', message: 'that message is no answer of the assistant' };
  const turn = assistant.turns.turn(member.shop, conversation.id);
  // A person has the conversation already: the tap changes nothing.
  if (turn.mode === 'human' || conversation.assignee !== undefined) return undefined;
  const replyTo = action.seq ?? conversation.lastSeq;
  if (action.feedback === 'off') {
    // The page has the assistant off: people answer, and the desk routes the customer's next message.
    assistant.turns.save(member.shop, conversation.id, { ...turn, mode: 'human' });
    return undefined;
  }
  if (action.feedback === 'person') {
    assistant.handOver(conversation, 'button', replyTo);
    return undefined;
  }
  if (action.feedback === 'helped') return undefined;
  const title = body?.sources[0]?.title;
  const next = assistant.turns.update(member.shop, conversation.id, (t) => ({
    ...t,
    unhelpful: t.unhelpful + 1,
    notHelped: title === undefined || t.notHelped.includes(title) ? t.notHelped : [...t.notHelped, title],
  }));
  if (unhelpfulHandoff(next.unhelpful)) assistant.handOver(conversation, 'unhelpful', replyTo);
  return undefined;
}

/** Answers a customer's assistant action: access checked like any other customer action. */
export function answerAssistantFeedback(deps: AssistantFeedbackDeps, connection: Connection, member: Member, frame: CustomerRequestFrame & { action: AssistantAction }): void {
  if (member.user.role !== 'customer') {
    connection.reject('forbidden', 'customer requests are for customers', frame.requestId);
    return;
  }
  const access = accessConversation(deps.store, member, frame.action.conversationId);
  if (!access.ok) {
    connection.reject(access.code, access.message, frame.requestId);
    return;
  }
  const refused = apply(deps, member, frame.action);
  if (refused !== undefined) {
    connection.error(refused.code, refused.message, frame.requestId);
    return;
  }
  const conversation = deps.store.getConversation(member.shop, frame.action.conversationId) ?? access.conversation;
  connection.send({ type: 'customer', requestId: frame.requestId, result: { kind: 'conversation', conversation: deps.summary(conversation) } });
}
