import type { DeskView } from '../protocol/desk.js';
import type { ConversationSummary } from '../protocol/model.js';
import type { ConversationPage } from '../transports/types.js';
import type { ConversationPager } from './conversation-pager.js';

export interface DeskQueuesOptions {
  /** Asks the backend for a page of a view (`cursor` absent: its first page); undefined when the backend has no paging. */
  fetch: ((cursor: string | undefined, view: DeskView) => Promise<ConversationPage>) | undefined;
  /** Merges one summary into the client's conversations (and tells listeners). */
  apply: (summary: ConversationSummary) => void;
  /** The `all` view: the welcome's first page and its cursor. */
  all: Pick<ConversationPager, 'hasMore' | 'loadMore'>;
}

interface ViewPaging {
  /** Its first page came. */
  started: boolean;
  /** Where the next page starts; undefined once started and listed to its end. */
  cursor: string | undefined;
  loading: Promise<void> | undefined;
}

/**
 * The desk's queue views beyond what the client knows: `all` pages on from the welcome; `mine`
 * and `unassigned` start from their own first page when first asked, then page on. Pages merge
 * into the client's conversations by id (the views are filters over them, see `inDeskView`).
 * A new connection starts `mine` and `unassigned` again (`reset()`).
 */
export class DeskQueues {
  private readonly paging = new Map<DeskView, ViewPaging>();

  constructor(private readonly options: DeskQueuesOptions) {}

  /** True while the view has conversations the client may not know yet (a view never loaded has). */
  hasMore(view: DeskView): boolean {
    if (view === 'all') return this.options.all.hasMore;
    if (this.options.fetch === undefined) return false;
    const paging = this.paging.get(view);
    return paging === undefined || !paging.started || paging.cursor !== undefined;
  }

  /** Fetches and applies the view's next page (one request per view at a time); resolves at once when there is none. */
  loadMore(view: DeskView): Promise<void> {
    if (view === 'all') return this.options.all.loadMore();
    const fetch = this.options.fetch;
    if (fetch === undefined) return Promise.resolve();
    let paging = this.paging.get(view);
    if (paging === undefined) this.paging.set(view, (paging = { started: false, cursor: undefined, loading: undefined }));
    const state = paging;
    if (state.started && state.cursor === undefined) return Promise.resolve();
    state.loading ??= fetch(state.started ? state.cursor : undefined, view)
      .then((page) => {
        // A reconnect meanwhile started the view again (`reset`): the page is still news.
        state.started = true;
        state.cursor = page.nextCursor;
        for (const summary of page.conversations) this.options.apply(summary);
      })
      .finally(() => {
        state.loading = undefined;
      });
    return state.loading;
  }

  /** A new connection: `mine` and `unassigned` start again from their first page. */
  reset(): void {
    this.paging.clear();
  }
}
