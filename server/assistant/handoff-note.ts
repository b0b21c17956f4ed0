/**
 * The private staff note the assistant leaves when it hands a conversation over (issue 18): why,
 * the questions the customer asked, the articles shown, and what the customer said did not help.
 * A note (`kind: 'note'`) never reaches the customer. Written in English, the desk's working
 * language; the customer's questions stay in their own words.
 */
import { LIMITS, type HandoffReason, type HandoffTarget } from 'support-widget/protocol';
import type { AssistantTurn } from './assistant-store.js';

const WHY: Record<HandoffReason, string> = {
  'low-confidence': 'the help articles do not answer the question',
  unhelpful: 'two answers did not help',
  asked: 'the customer asked for a person',
  upset: 'the customer sounds upset',
  button: 'the customer tapped "Talk to a person"',
};

/** Longest line quoted from the customer. */
const MAX_QUOTE = 200;

function list(items: readonly string[]): string {
  return items.length === 0 ? ' none' : `\n${items.map((item) => `- ${item.length > MAX_QUOTE ? `${item.slice(0, MAX_QUOTE)}…` : item}`).join('\n')}`;
}

/**
 * The note's body.
 *
 * @example
 * handoffNote(turn, 'unhelpful', 'person')
 * // "Assistant handoff: two answers did not help.\nQuestions asked:\n- how do I pair ..."
 */
export function handoffNote(turn: Pick<AssistantTurn, 'questions' | 'shown' | 'notHelped'>, reason: HandoffReason, to: HandoffTarget): string {
  const after = to === 'leave-message' ? ' Outside office hours: the customer was asked to leave a message.' : '';
  return [
    `Assistant handoff: ${WHY[reason]}.${after}`,
    `Questions asked:${list(turn.questions)}`,
    `Articles shown:${list(turn.shown)}`,
    `Did not help:${list(turn.notHelped)}`,
  ].join('\n').slice(0, LIMITS.maxBodyChars);
}
