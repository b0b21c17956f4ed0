/**
 * The assistant's evaluation (issue 18), apart from the benchmark's report so a test can run it:
 * each question of `questions.json` through the relay's own decision (`respond`) on the offline
 * provider, scored against its expected article or "handover".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProductContext } from 'support-widget/protocol';
import type { KbArticle } from '../../server/assistant/knowledge-base.js';
import { OfflineProvider } from '../../server/assistant/offline-provider.js';
import type { AssistantLang } from '../../server/assistant/provider.js';
import { respond } from '../../server/assistant/respond.js';
import { wordsHandoff } from '../../server/assistant/handoff-rules.js';

/** One question of the set: the article that answers it, or `handover`. */
export interface EvalQuestion {
  lang: AssistantLang;
  question: string;
  expect: string;
  /** A product tag the context card would show (the product page the customer is on). */
  product?: string;
}

/** Scores of one language. */
export interface LangScores {
  lang: AssistantLang;
  answerable: number;
  top1: number;
  top3: number;
  /** Answerable questions answered (not handed over) with the expected article first. */
  answeredRight: number;
  shouldHandOver: number;
  handedOver: number;
  handedOverRightly: number;
  precision: number;
  recall: number;
  latenciesMs: number[];
  misses: Array<{ question: string; expect: string; got: string[]; handedOver: boolean }>;
}

const CARDS: Record<string, ProductContext> = {
  x12: { sku: 'VX12P-256-GR', name: 'Volta X12 Pro (256 GB, graphite)' },
  buds: { sku: 'VBP-WH', name: 'Volta Buds Pro (white)' },
  watch: { sku: 'VW3-46-BK', name: 'Volta Watch 3 (46 mm)' },
  book: { sku: 'VB14-16-512', name: 'Volta Book 14 (16 GB, 512 GB)' },
};

export function loadQuestions(dir: string): EvalQuestion[] {
  return JSON.parse(readFileSync(join(dir, 'questions.json'), 'utf8')) as EvalQuestion[];
}

/** Runs every question of `lang` once; latency is the whole decision (words, retrieval, excerpt). */
export async function evaluate(articles: readonly KbArticle[] | OfflineProvider, questions: readonly EvalQuestion[], lang: AssistantLang): Promise<LangScores> {
  const provider = articles instanceof OfflineProvider ? articles : new OfflineProvider(articles);
  const scores: LangScores = { lang, answerable: 0, top1: 0, top3: 0, answeredRight: 0, shouldHandOver: 0, handedOver: 0, handedOverRightly: 0, precision: 0, recall: 0, latenciesMs: [], misses: [] };
  for (const q of questions.filter((item) => item.lang === lang)) {
    const context = q.product === undefined ? undefined : CARDS[q.product];
    const started = performance.now();
    const response = await respond(provider, { text: q.question, lang, ...(context && { context }) });
    // Latency of the questions that reach retrieval (a "human!" hands over before it, in no time).
    if (wordsHandoff(q.question) === undefined) scores.latenciesMs.push(performance.now() - started);
    const handedOver = response.kind === 'handoff';
    const ranked = (response.answer?.sources ?? provider.search({ text: q.question, lang }).map((hit) => hit.article)).map((s) => s.id);
    if (handedOver) scores.handedOver++;
    if (q.expect === 'handover') {
      scores.shouldHandOver++;
      if (handedOver) scores.handedOverRightly++;
      else scores.misses.push({ question: q.question, expect: q.expect, got: ranked, handedOver });
      continue;
    }
    scores.answerable++;
    if (ranked[0] === q.expect) scores.top1++;
    if (ranked.slice(0, 3).includes(q.expect)) scores.top3++;
    if (!handedOver && ranked[0] === q.expect) scores.answeredRight++;
    else scores.misses.push({ question: q.question, expect: q.expect, got: ranked, handedOver });
  }
  scores.precision = scores.handedOver === 0 ? 1 : scores.handedOverRightly / scores.handedOver;
  scores.recall = scores.shouldHandOver === 0 ? 1 : scores.handedOverRightly / scores.shouldHandOver;
  return scores;
}
