/**
 * Assistant benchmark (issue 18): the offline provider on the demo knowledge base (`demo/kb/`)
 * and the question set (`questions.json`, each question with its expected article or
 * "handover"), per language: top-1 and top-3 accuracy of the ranking over the answerable
 * questions, handoff precision and recall, and p50 answer latency (the relay's whole decision:
 * words, retrieval, confidence, excerpt). Then the same latency with the knowledge base grown to
 * BENCH_ASSISTANT_ARTICLES articles per language (synthetic articles built from the real ones'
 * sentences, shuffled), as a shop with a large manual would have.
 *
 * Knobs: BENCH_ASSISTANT_ARTICLES (1000; quick 1000), BENCH_ASSISTANT_ROUNDS (5; quick 2).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKnowledgeBase, type KbArticle } from '../../server/assistant/knowledge-base.js';
import { OfflineProvider } from '../../server/assistant/offline-provider.js';
import type { AssistantLang } from '../../server/assistant/provider.js';
import { knob } from '../lib/config.js';
import { emitReport, figure, progress, type Figure } from '../lib/figures.js';
import { evaluate, loadQuestions, type LangScores } from './evaluate.js';

const started = performance.now();
const here = dirname(fileURLToPath(import.meta.url));
const articlesPerLang = knob('ASSISTANT_ARTICLES', 1000, 1000);
const rounds = knob('ASSISTANT_ROUNDS', 5, 2);
const kb = loadKnowledgeBase(join(here, '../../demo/kb'));
const questions = loadQuestions(here);
const LANGS: readonly AssistantLang[] = ['en', 'zh-CN'];

/** A deterministic shuffle (the run is repeatable). */
function* random(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    yield x / 2 ** 31;
  }
}

/** `count` articles per language: the real ones plus synthetic ones of their shuffled sentences. */
function grown(base: readonly KbArticle[], count: number): KbArticle[] {
  const out = [...base];
  const rnd = random(18);
  const next = (): number => rnd.next().value as number;
  for (const lang of LANGS) {
    const mine = base.filter((a) => a.lang === lang);
    const sentences = mine.flatMap((a) => a.body.split(/(?<=[.。！？])\s*/)).filter((s) => s.length > 10);
    for (let i = mine.length; i < count; i++) {
      const body = Array.from({ length: 8 }, () => sentences[Math.floor(next() * sentences.length)]).join(' ');
      const title = `${mine[Math.floor(next() * mine.length)]?.title ?? ''} (${i})`;
      out.push({ id: `synthetic-${lang}-${i}`, lang, title, products: [], url: `/help/synthetic-${i}`, body });
    }
  }
  return out;
}

const pct = (n: number, d: number): number => (d === 0 ? 1 : n / d) * 100;
const figures: Figure[] = [];
const details: Record<string, unknown> = {};
const runs = new Map<AssistantLang, LangScores[]>();
const small = new OfflineProvider(kb);
const large = new OfflineProvider(grown(kb, articlesPerLang));
const largeLatency = new Map<AssistantLang, number[]>();
for (let round = 0; round < rounds; round++) {
  for (const lang of LANGS) {
    runs.set(lang, [...(runs.get(lang) ?? []), await evaluate(small, questions, lang)]);
    const big = await evaluate(large, questions, lang);
    largeLatency.set(lang, [...(largeLatency.get(lang) ?? []), ...big.latenciesMs]);
  }
}
for (const lang of LANGS) {
  const all = runs.get(lang) ?? [];
  const first = all[0];
  if (first === undefined) continue;
  const latencies = all.flatMap((s) => s.latenciesMs);
  const questionsNote = `${first.answerable} answerable and ${first.shouldHandOver} hand-over questions`;
  figures.push(
    figure({ section: 'assistant', name: `${lang}: top-1 accuracy`, unit: '%', better: 'higher', ours: [pct(first.top1, first.answerable)], target: (o) => ({ text: '>= 75 %', met: o.median >= 75 }), note: questionsNote }),
    figure({ section: 'assistant', name: `${lang}: top-3 accuracy`, unit: '%', better: 'higher', ours: [pct(first.top3, first.answerable)], target: (o) => ({ text: '>= 90 %', met: o.median >= 90 }) }),
    figure({ section: 'assistant', name: `${lang}: answered with the right article (not handed over)`, unit: '%', better: 'higher', ours: [pct(first.answeredRight, first.answerable)] }),
    figure({ section: 'assistant', name: `${lang}: handoff recall`, unit: '%', better: 'higher', ours: [first.recall * 100], target: (o) => ({ text: '>= 95 %', met: o.median >= 95 }) }),
    figure({ section: 'assistant', name: `${lang}: handoff precision`, unit: '%', better: 'higher', ours: [first.precision * 100], note: `${first.handedOver} handed over` }),
    figure({ section: 'assistant', name: `${lang}: answer latency, ${kb.filter((a) => a.lang === lang).length} articles`, unit: 'ms', ours: latencies }),
    figure({ section: 'assistant', name: `${lang}: answer latency, ${articlesPerLang} articles`, unit: 'ms', ours: largeLatency.get(lang) ?? [], target: (o) => ({ text: '< 20 ms', met: o.median < 20 }) }),
  );
  details[lang] = { misses: first.misses };
  progress(`assistant ${lang}: top-1 ${pct(first.top1, first.answerable).toFixed(1)} %, top-3 ${pct(first.top3, first.answerable).toFixed(1)} %, handoff P ${(first.precision * 100).toFixed(0)} % R ${(first.recall * 100).toFixed(0)} %`);
}

emitReport({ benchmark: 'assistant', config: { articlesPerLang, rounds, questions: questions.length, kbArticles: kb.length }, figures, details, wallMs: performance.now() - started });
