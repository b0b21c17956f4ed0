import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SupportClient } from '../../core/support-client.js';
import type { DeskView } from '../../protocol/desk.js';

/**
 * The rest of the agent's queue: the relay's welcome lists the most recent conversations only;
 * this loads the next page of the view shown (the desk's `mine`, `unassigned` or `all`) when the
 * list is scrolled to its end or "Load more" is pressed.
 */
export class QueuePager implements ReactiveController {
  /** A page is being fetched. */
  loading = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly client: () => SupportClient | undefined,
    private readonly report: (error: unknown) => void,
    /** The queue view shown (on a backend with a desk). */
    private readonly view: () => DeskView = () => 'all',
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The queue has conversations the list does not show yet. */
  get hasMore(): boolean {
    const client = this.client();
    return (client?.desk.available ? client.desk.hasMore(this.view()) : client?.hasMoreConversations()) ?? false;
  }

  /** Loads the next page (once at a time); a failure is reported and can be retried. */
  readonly load = (): void => {
    const client = this.client();
    if (this.loading || client === undefined || !this.hasMore) return;
    this.loading = true;
    this.host.requestUpdate();
    (client.desk.available ? client.desk.loadMore(this.view()) : client.loadMoreConversations())
      .catch((error: unknown) => this.report(error))
      .finally(() => {
        this.loading = false;
        this.host.requestUpdate();
      });
  };

  /** Scrolled within a few rows of the list's end: time for the next page. */
  readonly onScroll = (event: Event): void => {
    const list = event.currentTarget as HTMLElement;
    if (list.scrollTop + list.clientHeight >= list.scrollHeight - NEAR_END_PX) this.load();
  };
}

const NEAR_END_PX = 120;
