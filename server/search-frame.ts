/**
 * Answers agents' `search` frames: scoped to the agent's shop (the shop comes from the token,
 * never from the frame), refused for customers, and limited per agent beyond the connection's
 * frame rate (a search reads far more than a send). Owns the search indexer's timer, and keeps
 * the customer's email from their token (`hello`) so agents can find them by it.
 */
import type Database from 'better-sqlite3';
import { isStaff, LIMITS } from 'support-widget/protocol';
import type { ConversationSummary, SearchHit, SearchRequestFrame } from 'support-widget/protocol';
import type { Connection } from './connection.js';
import { DeskSearch } from './desk-search.js';
import type { Member } from './hub.js';
import { TokenBucket } from './rate-limit.js';
import { SearchIndexer } from './search-indexer.js';
import type { StoredConversation } from './store.js';

/** Searches per second one agent may run, and the burst allowed. */
export const SEARCH_RATE = { perSecond: 2, burst: 6 } as const;
/** Agents whose buckets are kept before full (forgotten) ones are dropped. */
const MAX_BUCKETS = 1000;

export class SearchRequests {
  /** Moves stored messages into the index (started here: the relay needs nothing else). */
  readonly indexer: SearchIndexer;
  private readonly search: DeskSearch;
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly setEmail: Database.Statement<[{ email: string; shop: string; customerId: string }]>;

  constructor(db: Database.Database) {
    this.setEmail = db.prepare('UPDATE conversations SET customer_email = @email WHERE shop = @shop AND customer_id = @customerId AND customer_email IS NOT @email');
    this.indexer = new SearchIndexer(db);
    this.search = new DeskSearch(db, this.indexer);
    this.indexer.start();
  }

  /** Keeps the email the shop's token gives a customer (searched by agents; changed only when it differs). */
  rememberEmail(shop: string, customerId: string, email: string): void {
    this.setEmail.run({ email, shop, customerId });
  }

  /** Answers a `search` frame with the hits of the member's shop. */
  answer(connection: Connection, member: Member, frame: SearchRequestFrame, summary: (c: StoredConversation) => ConversationSummary): void {
    if (!isStaff(member.user.role)) {
      connection.reject('forbidden', "only agents search the shop's conversations", frame.requestId);
      return;
    }
    if (!this.take(`${member.shop}/${member.user.id}`)) {
      connection.error('rate-limited', `at most ${SEARCH_RATE.perSecond} searches per second`, frame.requestId);
      return;
    }
    const result = this.search.search(member.shop, frame.query, frame.limit ?? LIMITS.maxSearchHits);
    const hits = result.hits.map(({ conversation, message }): SearchHit => (message === undefined ? { conversation: summary(conversation) } : { conversation: summary(conversation), message }));
    connection.send({ type: 'search', requestId: frame.requestId, hits, ...(result.partial ? { partial: true } : {}) });
  }

  private take(key: string): boolean {
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      if (this.buckets.size >= MAX_BUCKETS) for (const [k, b] of this.buckets) if (b.full()) this.buckets.delete(k);
      bucket = new TokenBucket(SEARCH_RATE.perSecond, SEARCH_RATE.burst);
      this.buckets.set(key, bucket);
    }
    return bucket.take();
  }
}
