/**
 * The built-in offline provider (issue 18): BM25 retrieval (`minisearch`) over the knowledge base,
 * one index per language, with Chinese segmented by `Intl.Segmenter` (`segment.ts`). The product
 * on the conversation's context card boosts the articles tagged for it. It answers with an excerpt
 * of the best article and links to the best three; it never writes words of its own.
 *
 * Confidence is the share of the question's search words the best article holds, weighted by how
 * rare each word is in the knowledge base (a question whose rare words are all found scores high;
 * one that matches only "phone" scores low).
 */
import MiniSearch from 'minisearch';
import type { AssistantSource, ProductContext } from 'support-widget/protocol';
import { excerpt } from './excerpt.js';
import type { KbArticle } from './knowledge-base.js';
import type { AssistantAnswer, AssistantLang, AssistantProvider, AssistantQuestion } from './provider.js';
import { confidenceUnits, searchWords } from './segment.js';

/** Articles linked under one answer. */
const MAX_SOURCES = 3;
/** How much an article tagged for the context card's product counts more. */
const PRODUCT_BOOST = 1.6;

/** One ranked article. */
export interface KbHit {
  article: KbArticle;
  score: number;
}

/** What the index stores of an article. */
interface IndexedArticle {
  id: string;
  title: string;
  body: string;
  tags: string;
}

/** True when the context card's name or SKU mentions one of the article's product tags. */
export function matchesProduct(article: Pick<KbArticle, 'products'>, context: ProductContext | undefined): boolean {
  if (context === undefined) return false;
  const card = `${context.name ?? ''} ${context.sku ?? ''}`.toLowerCase();
  return card.trim() !== '' && article.products.some((tag) => card.includes(tag));
}

export class OfflineProvider implements AssistantProvider {
  private readonly indexes = new Map<AssistantLang, MiniSearch<IndexedArticle>>();
  private readonly byId = new Map<string, KbArticle>();
  /** Articles holding each word, per language: a word's weight in the confidence is its rarity. */
  private readonly documentFrequency = new Map<AssistantLang, Map<string, number>>();
  private readonly counts = new Map<AssistantLang, number>();

  constructor(articles: readonly KbArticle[]) {
    for (const article of articles) {
      this.byId.set(article.id, article);
      let index = this.indexes.get(article.lang);
      if (index === undefined) {
        index = new MiniSearch<IndexedArticle>({
          fields: ['title', 'body', 'tags'],
          tokenize: searchWords,
          processTerm: (term) => term,
          searchOptions: { boost: { title: 1.5, tags: 1.5 }, tokenize: searchWords, processTerm: (term) => term },
        });
        this.indexes.set(article.lang, index);
      }
      index.add({ id: article.id, title: article.title, body: article.body, tags: article.products.join(' ') });
      const frequency = this.documentFrequency.get(article.lang) ?? new Map<string, number>();
      for (const word of new Set(this.units(article.lang, `${article.title}\n${article.body}`))) frequency.set(word, (frequency.get(word) ?? 0) + 1);
      this.documentFrequency.set(article.lang, frequency);
      this.counts.set(article.lang, (this.counts.get(article.lang) ?? 0) + 1);
    }
  }

  /** The articles of the question's language ranked for it, best first. */
  search(question: AssistantQuestion, limit = MAX_SOURCES): KbHit[] {
    const index = this.indexes.get(question.lang);
    if (index === undefined) return [];
    const boosted = (id: string): number => (matchesProduct(this.article(id), question.context) ? PRODUCT_BOOST : 1);
    return index
      .search(question.text, { boostDocument: (id: string) => boosted(id) })
      .slice(0, limit)
      .map((result) => ({ article: this.article(String(result.id)), score: result.score }));
  }

  /** How sure the best article answers: the rarity-weighted share of the question's words it holds (0–1). */
  confidence(question: AssistantQuestion, best: KbArticle): number {
    const frequency = this.documentFrequency.get(question.lang);
    const total = this.counts.get(question.lang) ?? 0;
    if (frequency === undefined || total === 0) return 0;
    const held = new Set(this.units(question.lang, `${best.title}\n${best.body}`));
    let all = 0;
    let found = 0;
    for (const word of new Set(this.units(question.lang, question.text))) {
      const df = frequency.get(word) ?? 0;
      // A word no article holds weighs most: the question is about something the KB does not know.
      const weight = Math.log(1 + total / (df + 0.5));
      all += weight;
      if (held.has(word)) found += weight;
    }
    return all === 0 ? 0 : found / all;
  }

  answer(question: AssistantQuestion): Promise<AssistantAnswer | undefined> {
    const hits = this.search(question);
    const best = hits[0];
    if (best === undefined) return Promise.resolve(undefined);
    const sources: AssistantSource[] = hits.map(({ article }) => ({ id: article.id, title: article.title, url: article.url }));
    return Promise.resolve({ text: excerpt(best.article.body, question.text), sources, confidence: this.confidence(question, best.article) });
  }

  /** What a confidence counts: words, and in Chinese single characters (two segmentations of one phrase still share them). */
  private units(lang: AssistantLang, text: string): string[] {
    return lang === 'zh-CN' ? confidenceUnits(text) : searchWords(text);
  }

  private article(id: string): KbArticle {
    const article = this.byId.get(id);
    if (article === undefined) throw new Error(`the index holds an unknown article ${id}`);
    return article;
  }
}
