import type { ConversationSummary } from '../protocol/model.js';
import type { ConversationPage } from '../transports/types.js';

export interface ConversationPagerOptions {
  /** Asks the backend for the page after `cursor`; undefined when the backend has no paging. */
  fetch: ((cursor: string) => Promise<ConversationPage>) | undefined;
  /** Merges one summary into the client's conversations (and tells listeners). */
  apply: (summary: ConversationSummary) => void;
}

/**
 * An agent's queue beyond the welcome: the relay's welcome carries the most recent page and a
 * cursor; `loadMore()` fetches the next page (one request at a time) until there is no cursor.
 * Each welcome (a reconnect) starts again from its own cursor; pages merge by conversation id.
 */
export class ConversationPager {
  private cursor: string | undefined;
  private loading: Promise<void> | undefined;

  constructor(private readonly options: ConversationPagerOptions) {}

  /** A welcome arrived: its cursor (or none) is where the next page starts. */
  reset(cursor: string | undefined): void {
    this.cursor = cursor;
  }

  /** True while the backend has conversations the client was not given yet. */
  get hasMore(): boolean {
    return this.cursor !== undefined && this.options.fetch !== undefined;
  }

  /** Fetches and applies the next page; resolves at once when there is none. Rejects with the backend's `SupportError`. */
  loadMore(): Promise<void> {
    const fetch = this.options.fetch;
    const cursor = this.cursor;
    if (fetch === undefined || cursor === undefined) return Promise.resolve();
    this.loading ??= fetch(cursor)
      .then((page) => {
        // A reconnect meanwhile set a new starting point: keep it, but the page is still news.
        if (this.cursor === cursor) this.cursor = page.nextCursor;
        for (const summary of page.conversations) this.options.apply(summary);
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }
}
