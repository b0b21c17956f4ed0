/**
 * The desk's search, measured in this process on a seeded store with the relay's own code and
 * settings (`SupportStore`, `DeskSearch`): p50 per query over English and Chinese words, the
 * short-word fallback and a customer name, against a same-run scan of the messages with LIKE (the
 * search a relay without the index would do). Also what the index costs a durable send: one
 * message per transaction with the search queue trigger, and with it dropped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeskSearch } from '../../server/desk-search.js';
import { SearchIndexer } from '../../server/search-indexer.js';
import { SupportStore } from '../../server/store.js';
import { figure, type Figure } from '../lib/figures.js';
import { percentile } from '../lib/stats.js';
import { SHOP } from './seed.js';

const EN = ['flickers', 'repair courier', 'warranty', 'humming noise'];
const ZH = ['屏幕一直闪烁', '维修订单', '快递员', '嗡嗡声'];
const HITS = 50;

function timed(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

/** p50 of each round's queries (every query of the set, once per round). */
function perQuery(rounds: number, queries: readonly string[], run: (query: string) => unknown): number[] {
  const samples: number[] = [];
  for (let round = 0; round < rounds; round += 1) for (const query of queries) samples.push(timed(() => run(query)));
  return samples;
}

export function searchFigures(dataDir: string, messages: number, rounds: number, likeRounds: number): { figures: Figure[]; details: Record<string, unknown> } {
  const store = new SupportStore(dataDir);
  try {
    const db = store.database;
    const search = new DeskSearch(db, new SearchIndexer(db));
    const like = db.prepare<[string, string], unknown>(
      `SELECT conversation_id, seq, body FROM messages WHERE shop = ? AND body LIKE ? ESCAPE '\\' ORDER BY at DESC LIMIT ${HITS}`,
    );
    const scan = (query: string): unknown => like.all(SHOP, `%${query.split(' ')[0] ?? ''}%`);
    const hitCounts: Record<string, number> = {};
    for (const query of [...EN, ...ZH, '电池', '王芳']) hitCounts[query] = search.search(SHOP, query, HITS).hits.length;
    const en = perQuery(rounds, EN, (q) => search.search(SHOP, q, HITS));
    const zh = perQuery(rounds, ZH, (q) => search.search(SHOP, q, HITS));
    const short = perQuery(rounds, ['电池', '充电'], (q) => search.search(SHOP, q, HITS));
    const customer = perQuery(rounds, ['王芳', 'Customer 99'], (q) => search.search(SHOP, q, HITS));
    const likeEn = perQuery(likeRounds, EN, scan);
    const likeZh = perQuery(likeRounds, ZH, scan);
    const p = (samples: number[]): string => `p95 ${percentile([...samples].sort((a, b) => a - b), 95).toFixed(1)} ms`;
    const n = messages.toLocaleString('en');
    const target = (ours: { median: number }): { text: string; met: boolean } => ({ text: 'p50 < 50 ms', met: ours.median < 50 });
    const figures: Figure[] = [
      figure({ section: 'desk', name: `full-text search over ${n} messages, English (p50 per query)`, unit: 'ms', ours: en, baseline: { name: 'LIKE scan of the messages', samples: likeEn }, target, note: `${EN.join(', ')}; up to ${HITS} conversations; ${p(en)}` }),
      figure({ section: 'desk', name: `full-text search over ${n} messages, Chinese (p50 per query)`, unit: 'ms', ours: zh, baseline: { name: 'LIKE scan of the messages', samples: likeZh }, target, note: `${ZH.join(', ')}; ${p(zh)}` }),
      figure({ section: 'desk', name: 'two-character query (电池, 充电): recent-messages fallback', unit: 'ms', ours: short, baseline: { name: 'LIKE scan of the messages', samples: likeZh }, note: `${p(short)}; searches the relay's 20,000 most recent messages (answer marked partial)` }),
      figure({ section: 'desk', name: 'customer search by name (王芳, Customer 99)', unit: 'ms', ours: customer, note: `substring match over the shop's conversations; ${p(customer)}` }),
    ];
    return { figures, details: { hitCounts } };
  } finally {
    store.close();
  }
}

/** Per-message time of `count` durable sends (one transaction each, synchronous=FULL), with the index queue trigger or without it. */
function sendCost(count: number, withIndex: boolean): number[] {
  const dir = mkdtempSync(join(tmpdir(), 'support-bench-desk-send-'));
  const store = new SupportStore(dir);
  try {
    if (!withIndex) store.database.exec('DROP TRIGGER message_search_enqueue');
    store.ensureConversation('c-send', SHOP, { id: 'cu', name: 'Cu' }, 1);
    const from = { id: 'cu', name: 'Cu', role: 'customer' as const };
    const samples: number[] = [];
    for (let i = 0; i < count; i += 1) {
      samples.push(timed(() => store.send({ shop: SHOP, conversationId: 'c-send', clientMsgId: `m${i}`, kind: 'text', body: `the screen flickers again, attempt ${i}`, from }, 1000 + i)));
    }
    return samples;
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What queueing each message for the index adds to a durable send (interleaved rounds, so disk noise falls on both). */
export function sendCostFigure(count: number, rounds: number): Figure {
  const withIndex: number[] = [];
  const without: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    withIndex.push(percentile(sendCost(count, true).sort((a, b) => a - b), 50));
    without.push(percentile(sendCost(count, false).sort((a, b) => a - b), 50));
  }
  return figure({
    section: 'desk',
    name: 'durable send (one message per transaction): p50 with the search queue trigger',
    unit: 'ms',
    ours: withIndex,
    baseline: { name: 'same store without the trigger', samples: without },
    note: `${count} sends x ${rounds} rounds; indexing itself runs later, in 4 ms slices off the send path`,
  });
}
