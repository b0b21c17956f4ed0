/**
 * What an agent's search finds in their shop, newest first: conversations whose customer's name,
 * id or email holds the query (a substring match over the shop's conversations, so two-character
 * Chinese names are found too), then conversations with a message holding every word of it (the
 * FTS5 trigram index, `search-schema.ts`). A query whose words are all shorter than three
 * characters cannot use the index: it is matched against the relay's most recent
 * `SHORT_QUERY_WINDOW` indexed messages instead, and the answer says it is `partial`.
 */
import type Database from 'better-sqlite3';
import type { SearchSnippet, UserRef } from 'support-widget/protocol';
import type { SearchIndexer } from './search-indexer.js';
import { holdsAll, matchExpression, searchTerms, snippetOf } from './search-terms.js';
import type { SearchTerms } from './search-terms.js';
import type { StoredConversation } from './store.js';
import { toConversation } from './store-rows.js';
import type { ConversationRow } from './store-rows.js';

/** Messages a short (unindexed) query looks through: the relay's most recent ones. */
export const SHORT_QUERY_WINDOW = 20_000;
/** Index hits read for one query at most; more means the answer is `partial`. */
const MAX_SCANNED_HITS = 5_000;
/** Time a search may spend indexing what is still queued first, ms. */
const CATCH_UP_MS = 200;

export interface DeskSearchHit {
  conversation: StoredConversation;
  message?: { seq: number; at: number; from: UserRef; snippet: SearchSnippet };
}

export interface DeskSearchResult {
  hits: DeskSearchHit[];
  /** True when the search did not look at every message (short query, or too many hits to read). */
  partial: boolean;
}

interface HitRow {
  conversation_id: string;
  seq: number;
  body: string;
  at: number;
  from_user: string;
}

const QUEUE = 'c.shop = @shop AND c.id NOT IN (SELECT from_id FROM conversation_merges WHERE shop = @shop)';
const MESSAGE = 'JOIN messages m ON m.shop = d.shop AND m.conversation_id = d.conversation_id AND m.seq = d.seq';

function prepare(db: Database.Database) {
  return {
    customers: db.prepare<[{ shop: string; needle: string; limit: number }], ConversationRow>(
      `SELECT c.* FROM conversations c WHERE ${QUEUE}
       AND instr(lower(c.customer_name || char(10) || c.customer_id || char(10) || coalesce(c.customer_email, '')), @needle) > 0
       ORDER BY c.updated_at DESC, c.id LIMIT @limit`,
    ),
    indexed: db.prepare<[{ shop: string; match: string }], HitRow>(
      `SELECT d.conversation_id, d.seq, m.body, m.at, m.from_user FROM message_search s
       JOIN message_search_docs d ON d.id = s.rowid ${MESSAGE}
       WHERE message_search MATCH @match AND d.shop = @shop ORDER BY s.rowid DESC`,
    ),
    // `+d.shop`: walk the docs newest first (their rowid), not the shop's docs by key and sorted after.
    recent: db.prepare<[{ shop: string; needle: string; floor: number }], HitRow>(
      `SELECT d.conversation_id, d.seq, m.body, m.at, m.from_user FROM message_search_docs d ${MESSAGE}
       WHERE d.id > @floor AND +d.shop = @shop AND instr(lower(m.body), @needle) > 0 ORDER BY d.id DESC`,
    ),
    lastDoc: db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM message_search_docs'),
    conversation: db.prepare<[string, string], ConversationRow>('SELECT * FROM conversations WHERE shop = ? AND id = ?'),
  };
}

export class DeskSearch {
  private readonly stmt: ReturnType<typeof prepare>;

  constructor(
    db: Database.Database,
    private readonly indexer: SearchIndexer,
  ) {
    this.stmt = prepare(db);
  }

  /** Up to `limit` conversations of `shop` matching `query`, customers first, then by their newest matching message. */
  search(shop: string, query: string, limit: number): DeskSearchResult {
    const terms = searchTerms(query);
    const hits: DeskSearchHit[] = [];
    const seen = new Set<string>();
    for (const row of this.stmt.customers.all({ shop, needle: terms.phrase, limit })) {
      seen.add(row.id);
      hits.push({ conversation: toConversation(row) });
    }
    if (hits.length >= limit || terms.all.length === 0) return { hits, partial: false };
    // Not while the indexer waits after a failed write: the search answers from the index as it is (`partial`).
    const caughtUp = !this.indexer.waiting && this.indexer.tryDrain(CATCH_UP_MS);
    // Read first, look conversations up after: better-sqlite3 runs nothing else while a statement iterates.
    const found: HitRow[] = [];
    const scan = this.messages(shop, terms);
    let scanned = 0;
    let partial = scan.partial || !caughtUp;
    for (const row of scan.rows) {
      if (hits.length + found.length >= limit) break;
      if ((scanned += 1) > MAX_SCANNED_HITS) {
        partial = true;
        break;
      }
      if (seen.has(row.conversation_id) || !holdsAll(row.body, terms.short)) continue;
      seen.add(row.conversation_id);
      found.push(row);
    }
    for (const row of found) {
      const conversation = this.stmt.conversation.get(shop, row.conversation_id);
      if (conversation === undefined) continue;
      const message = { seq: row.seq, at: row.at, from: JSON.parse(row.from_user) as UserRef, snippet: snippetOf(row.body, terms.all) };
      hits.push({ conversation: toConversation(conversation), message });
    }
    return { hits, partial };
  }

  /** Candidate messages, newest first: from the index, or the recent window for a short query. */
  private messages(shop: string, terms: SearchTerms): { rows: Iterable<HitRow>; partial: boolean } {
    if (terms.indexed.length > 0) return { rows: this.stmt.indexed.iterate({ shop, match: matchExpression(terms.indexed) }), partial: false };
    const last = this.stmt.lastDoc.get()?.id ?? 0;
    const floor = Math.max(0, last - SHORT_QUERY_WINDOW);
    return { rows: this.stmt.recent.iterate({ shop, needle: terms.short[0] ?? '', floor }), partial: floor > 0 };
  }
}
