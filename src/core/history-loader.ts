import type { HistoryPage, MessagingTransport } from '../transports/types.js';
import type { ConversationStore } from './conversation-store.js';

/** Messages per history page unless asked otherwise. */
export const DEFAULT_PAGE_SIZE = 50;

export interface HistoryLoaderOptions {
  store: ConversationStore;
  /** Resolves once the client is connected (or rejects with a `SupportError`). */
  connected: () => Promise<void>;
  transport: Pick<MessagingTransport, 'history'>;
  /** Timeout of each page request, ms. */
  timeoutMs: number;
  /** Applies a page (`latest`: the newest one, else one before the oldest loaded message). */
  apply: (conversationId: string, page: HistoryPage, latest: boolean) => void;
}

/**
 * A conversation's history on demand: the latest page once per conversation (concurrent openers
 * share one request), then older pages before the oldest loaded message.
 */
export class HistoryLoader {
  private readonly opening = new Map<string, Promise<void>>();

  constructor(private readonly options: HistoryLoaderOptions) {}

  /** Loads the latest page once (waits for the connection if it is being made). */
  open(conversationId: string): Promise<void> {
    if (this.options.store.isLoaded(conversationId)) return Promise.resolve();
    let loading = this.opening.get(conversationId);
    if (!loading) {
      loading = this.load(conversationId, undefined, DEFAULT_PAGE_SIZE).finally(() => this.opening.delete(conversationId));
      this.opening.set(conversationId, loading);
    }
    return loading;
  }

  /** Loads the page before the oldest loaded message (the latest one first, if none is). */
  async older(conversationId: string, limit = DEFAULT_PAGE_SIZE): Promise<void> {
    const { store } = this.options;
    if (!store.isLoaded(conversationId)) {
      await this.open(conversationId);
      return;
    }
    const oldest = store.oldestSeq(conversationId);
    if (!store.hasMore(conversationId) || oldest === undefined) return;
    await this.load(conversationId, oldest, limit);
  }

  private async load(conversationId: string, beforeSeq: number | undefined, limit: number): Promise<void> {
    const { connected, transport, timeoutMs } = this.options;
    await connected();
    const page = await transport.history(conversationId, { ...(beforeSeq === undefined ? {} : { beforeSeq }), limit, timeoutMs });
    this.options.apply(conversationId, page, beforeSeq === undefined);
  }
}
