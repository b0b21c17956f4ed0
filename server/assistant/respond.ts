/**
 * The assistant's response to one customer message, shared by the relay and the evaluation
 * (`bench/assistant/`): the customer's words may hand over at once; otherwise the provider
 * answers, and an answer below the confidence threshold (or none) hands over.
 */
import type { HandoffReason } from 'support-widget/protocol';
import { answerHandoff, DEFAULT_CONFIDENCE_THRESHOLD, wordsHandoff } from './handoff-rules.js';
import type { AnswerOptions, AssistantAnswer, AssistantProvider, AssistantQuestion } from './provider.js';

/** An answer to show, or a handoff (with the provider's best guess when it had one, for the staff's note). */
export type AssistantResponse =
  | { kind: 'answer'; answer: AssistantAnswer }
  | { kind: 'handoff'; reason: HandoffReason; answer?: AssistantAnswer };

/**
 * Decides what the assistant does with `question`.
 *
 * @example
 * const response = await respond(provider, { text: 'how do I pair my earbuds', lang: 'en' });
 */
export async function respond(
  provider: AssistantProvider,
  question: AssistantQuestion,
  options: AnswerOptions & { threshold?: number } = {},
): Promise<AssistantResponse> {
  const asked = wordsHandoff(question.text);
  if (asked !== undefined) return { kind: 'handoff', reason: asked };
  const { threshold = DEFAULT_CONFIDENCE_THRESHOLD, ...answerOptions } = options;
  const answer = await provider.answer(question, answerOptions);
  const low = answerHandoff(answer?.confidence, threshold);
  if (low !== undefined) return answer === undefined ? { kind: 'handoff', reason: low } : { kind: 'handoff', reason: low, answer };
  return { kind: 'answer', answer: answer as AssistantAnswer };
}
