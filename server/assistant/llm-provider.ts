/**
 * The LLM provider (issue 18): any OpenAI-compatible chat-completions endpoint, grounded on the
 * knowledge base. The offline provider retrieves the best articles; the model is told to answer
 * from them alone and to cite them as `[1]`, `[2]`...; the answer streams (`stream: true`) to the
 * widget as it is written. An answer that cites nothing, says `NO_ANSWER`, fails or runs past the
 * timeout falls back to the offline provider's excerpt: the customer never waits on a dead model.
 */
import type { AssistantSource } from 'support-widget/protocol';
import type { OfflineProvider } from './offline-provider.js';
import type { AnswerOptions, AssistantAnswer, AssistantProvider, AssistantQuestion } from './provider.js';
import { sseData } from './sse.js';

export interface LlmProviderOptions {
  /** The API's base URL (`https://api.openai.com/v1`) or its full `/chat/completions` URL. */
  url: string;
  /** Sent as `Authorization: Bearer <key>` when set. */
  key?: string | undefined;
  model: string;
  /** Retrieval, and the answer when the model cannot give one. */
  retrieval: OfflineProvider;
  /** Whole answer, first byte to last. Default 15 s. */
  timeoutMs?: number;
  /** Articles given to the model. Default 3. */
  articles?: number;
}

/** What the model says when the articles do not answer. */
export const NO_ANSWER = 'NO_ANSWER';
/** Longest article text given to the model, characters. */
const MAX_ARTICLE_CHARS = 3000;

const SYSTEM = [
  "You are the shop's after-sales support assistant.",
  'Answer the customer only from the numbered help articles below, in the language of the question, in at most 120 words.',
  'Cite every article you use as [n] right after the sentence it supports.',
  `If the articles do not answer the question, reply exactly ${NO_ANSWER}. Never invent facts, prices, dates or promises.`,
].join(' ');

/** The chat-completions URL of a base URL. */
export function completionsUrl(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return trimmed.endsWith('/chat/completions') ? trimmed : `${trimmed}/chat/completions`;
}

/** The articles `[n]` that `text` cites, in order of first citation, without repeats. */
export function citedIndexes(text: string, count: number): number[] {
  const cited: number[] = [];
  for (const match of text.matchAll(/\[(\d{1,2})\]/g)) {
    const n = Number(match[1]);
    if (n >= 1 && n <= count && !cited.includes(n)) cited.push(n);
  }
  return cited;
}

export class LlmProvider implements AssistantProvider {
  constructor(private readonly options: LlmProviderOptions) {}

  async answer(question: AssistantQuestion, options: AnswerOptions = {}): Promise<AssistantAnswer | undefined> {
    const { retrieval } = this.options;
    const hits = retrieval.search(question, this.options.articles ?? 3);
    const best = hits[0];
    if (best === undefined) return undefined;
    const confidence = retrieval.confidence(question, best.article);
    const deadline = AbortSignal.timeout(this.options.timeoutMs ?? 15_000);
    const signal = options.signal === undefined ? deadline : AbortSignal.any([deadline, options.signal]);
    let text: string;
    try {
      text = await this.complete(question, hits.map((h) => h.article), signal, options.onText);
    } catch (error) {
      if (options.signal?.aborted === true) throw error;
      return retrieval.answer(question);
    }
    const cited = citedIndexes(text, hits.length);
    if (text.includes(NO_ANSWER) || cited.length === 0) return retrieval.answer(question);
    const sources: AssistantSource[] = cited.flatMap((n) => {
      const article = hits[n - 1]?.article;
      return article === undefined ? [] : [{ id: article.id, title: article.title, url: article.url }];
    });
    // The citations stay numbered as the model wrote them; the widget lists the sources in the order cited.
    return { text: text.trim(), sources, confidence };
  }

  /** Streams one completion; resolves with the whole text. */
  private async complete(question: AssistantQuestion, articles: readonly { title: string; body: string }[], signal: AbortSignal, onText?: (soFar: string) => void): Promise<string> {
    const context = articles.map((a, i) => `[${i + 1}] ${a.title}\n${a.body.slice(0, MAX_ARTICLE_CHARS)}`).join('\n\n');
    const earlier = question.earlier?.length ? `\n\nThe customer asked before: ${question.earlier.slice(-3).join(' | ')}` : '';
    const response = await fetch(completionsUrl(this.options.url), {
      method: 'POST',
      signal,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(this.options.key ? { authorization: `Bearer ${this.options.key}` } : {}) },
      body: JSON.stringify({
        model: this.options.model,
        stream: true,
        temperature: 0,
        messages: [
          { role: 'system', content: `${SYSTEM}\n\n${context}${earlier}` },
          { role: 'user', content: question.text },
        ],
      }),
    });
    if (!response.ok || response.body === null) throw new Error(`chat completions answered ${response.status}`);
    let text = '';
    for await (const data of sseData(response.body)) {
      const delta = (JSON.parse(data) as { choices?: Array<{ delta?: { content?: string | null } }> }).choices?.[0]?.delta?.content;
      if (typeof delta !== 'string' || delta === '') continue;
      text += delta;
      // NO_ANSWER is not shown while it is being written.
      if (!NO_ANSWER.startsWith(text.trim().slice(0, NO_ANSWER.length))) onText?.(text);
    }
    return text;
  }
}
