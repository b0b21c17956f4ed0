/**
 * The assistant's provider interface (issue 18): a question and its conversation's context in,
 * an answer with its sources and a confidence out (or nothing found). Pluggable like the token
 * providers: the relay runs one server side, so the knowledge base and any model key stay there.
 */
import type { AssistantSource, ProductContext } from 'support-widget/protocol';

/** The languages the assistant answers in; a question is in the one its script says. */
export type AssistantLang = 'en' | 'zh-CN';

/** What a provider is asked. */
export interface AssistantQuestion {
  /** The customer's words. */
  text: string;
  lang: AssistantLang;
  /** The conversation's context card: its product boosts the articles tagged for it. */
  context?: ProductContext;
  /** What the customer asked before in this conversation, oldest first (a model may use it). */
  earlier?: readonly string[];
}

/** A provider's answer: its text, the articles it comes from (best first), and how sure it is (0–1). */
export interface AssistantAnswer {
  text: string;
  sources: AssistantSource[];
  confidence: number;
}

/** Options of one `answer` call. */
export interface AnswerOptions {
  /** Told the text written so far while a model streams it (the offline provider never calls it). */
  onText?: (textSoFar: string) => void;
  /** Aborts the call (the relay is closing). */
  signal?: AbortSignal;
}

/**
 * Answers customers' questions. `undefined`: nothing in the knowledge base fits (the relay hands
 * over). A provider must never invent what its sources do not say.
 *
 * @example
 * const answer = await provider.answer({ text: 'how do I pair my earbuds', lang: 'en' });
 * if (answer === undefined || answer.confidence < threshold) handOver();
 */
export interface AssistantProvider {
  answer(question: AssistantQuestion, options?: AnswerOptions): Promise<AssistantAnswer | undefined>;
}

/** The language of a question: zh-CN when it holds Han characters, else English. */
export function questionLang(text: string): AssistantLang {
  return /\p{Script=Han}/u.test(text) ? 'zh-CN' : 'en';
}
