import { SupportError } from '../protocol/errors.js';
import type { ConversationSummary, SearchHit } from '../protocol/model.js';
import { searchQueryProblem } from '../protocol/search-query.js';
import type { MessagingTransport, SearchResults } from '../transports/types.js';

export type { SearchResults };

export interface ConversationSearchOptions {
  transport: Pick<MessagingTransport, 'search'>;
  timeoutMs: number;
  /** Merges one summary into the client's conversations (and tells listeners). */
  apply: (summary: ConversationSummary) => void;
}

/**
 * An agent's search over the shop's conversations, answered by the backend (the relay's FTS5
 * index over customers and message text; see docs/server.md). Results are not merged into the
 * client's conversations until one is opened (`reveal`), so the queue stays in activity order.
 *
 * @example
 * const { hits } = await client.search.find('屏幕 闪烁');
 * client.search.reveal(hits[0]);
 * await client.openConversation(hits[0].conversation.id);
 */
export class ConversationSearch {
  constructor(private readonly options: ConversationSearchOptions) {}

  /** True when the backend searches on the server (the relay does; Agora has no server to ask). */
  get available(): boolean {
    return this.options.transport.search !== undefined;
  }

  /**
   * Conversations whose customer (name, email, id) or message text holds every word of `query`.
   * Rejects with a `SupportError`: `bad-frame` for a query the backend would refuse
   * (`searchQueryProblem`), `config` without server search, else the backend's (`rate-limited`...).
   */
  find(query: string, options: { limit?: number } = {}): Promise<SearchResults> {
    const problem = searchQueryProblem(query);
    if (problem !== undefined) return Promise.reject(new SupportError('bad-frame', problem, { retryable: false }));
    const { transport, timeoutMs } = this.options;
    if (transport.search === undefined) return Promise.reject(new SupportError('config', 'this backend has no server search', { retryable: false }));
    return transport.search(query.trim(), { ...options, timeoutMs });
  }

  /** Makes a hit's conversation known to the client (merged like any summary), so it can be opened. */
  reveal(hit: SearchHit): void {
    this.options.apply(hit.conversation);
  }
}
