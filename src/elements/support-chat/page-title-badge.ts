import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatRelationshipTermKey } from '../../i18n/en/chat-relationship.js';
import type { Terms } from '../../i18n/localize-controller.js';

/** What the title badge reads from the chat. */
export interface PageTitleBadgeOptions {
  /** Agent replies the customer has not read (across page loads: the relay's read marks). */
  unread(): number;
  /** False when the page opted out (`no-title-badge`). */
  enabled(): boolean;
  terms: Terms<ChatRelationshipTermKey>;
}

/**
 * Shows "(1) Page title" in the tab while the shop's page is in the background and an agent's reply
 * is unread, and puts the page's own title back when the page is seen again (or the chat leaves the
 * page, or the page opts out). A title the page sets meanwhile becomes the one restored.
 */
export class PageTitleBadge implements ReactiveController {
  /** The page's own title while ours shows. */
  private original: string | undefined;
  /** The title we set, to tell it apart from one the page set since. */
  private shown: string | undefined;
  private listening: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: PageTitleBadgeOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (typeof document === 'undefined' || this.listening) return;
    this.listening = new AbortController();
    document.addEventListener('visibilitychange', () => this.sync(), { signal: this.listening.signal });
    this.sync();
  }

  hostDisconnected(): void {
    this.listening?.abort();
    this.listening = undefined;
    this.restore();
  }

  hostUpdated(): void {
    this.sync();
  }

  private sync(): void {
    if (typeof document === 'undefined') return;
    const unread = this.options.unread();
    if (!this.options.enabled() || unread === 0 || document.visibilityState !== 'hidden') {
      this.restore();
      return;
    }
    if (this.shown === undefined || document.title !== this.shown) this.original = document.title;
    const title = this.original ?? '';
    const next = unread === 1 ? this.options.terms.term('title.unreadOne', { title }) : this.options.terms.term('title.unread', { count: unread, title });
    if (document.title !== next) document.title = next;
    this.shown = next;
  }

  private restore(): void {
    if (this.shown === undefined) return;
    // The page may have set a title of its own meanwhile: keep that one.
    if (document.title === this.shown && this.original !== undefined) document.title = this.original;
    this.shown = undefined;
    this.original = undefined;
  }
}
