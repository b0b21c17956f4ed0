import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatMessage, ConversationView } from '../../core/types.js';
import { LIMITS } from '../../protocol/model.js';
import type { ThreadTermKey } from '../../i18n/en/thread.js';
import type { Terms } from '../../i18n/localize-controller.js';
import { arrowDownIcon } from '../panel-icons.js';
import { callSummaryText } from '../support-call/call-summary-text.js';
import { ArrivalAnnouncer } from './arrival-announcer.js';
import { findJumpTarget, type JumpTarget } from './jump-target.js';
import { messageOrigin, type MessageItemActions } from './message-item.js';
import { renderEntry } from './message-entry.js';
import { MessageWindow } from './message-window.js';
import { ENTRY_SELECTOR, ScrollAnchor } from './scroll-anchor.js';

/** How close to the bottom (px) still counts as "at the bottom". */
const BOTTOM_SLACK_PX = 32;
/** How close to the top (px) starts loading older messages. */
const TOP_LOAD_PX = 48;
/** How long a message reached by `jumpTo()` stays highlighted (ms). */
const HIGHLIGHT_MS = 2500;

export interface MessageListOptions extends MessageItemActions {
  terms: Terms<ThreadTermKey>;
  /** Loads the page of messages before the oldest one shown (`limit` messages, or the client's page size). */
  loadOlder(conversationId: string, limit?: number): Promise<unknown>;
  /** The conversation as the client has it now (for `jumpTo()`, between pages). */
  conversation(conversationId: string): ConversationView | undefined;
  /** The user reached the bottom of the list (a chance to mark messages read). */
  reachedBottom?(): void;
}

/**
 * The message log shared by the chat and the inbox: date separators, autoscroll only when the
 * reader is at the bottom, a "new messages" jump button otherwise, loading older messages when
 * scrolled to the top, and `jumpTo()` a message or a date. Only the messages near the view are in
 * the DOM (`MessageWindow`), as `role="article"` entries of a `role="feed"` with their place in the
 * whole conversation (`aria-posinset`/`aria-setsize`); the reader's place is kept when anything
 * above it changes (`ScrollAnchor`); arrivals are announced by the log (`ArrivalAnnouncer`).
 */
export class MessageListController implements ReactiveController {
  private atBottom = true;
  private newBelow = false;
  private loadingOlder = false;
  private jumping = false;
  private conversationId: string | undefined;
  private lastId: string | undefined;
  private lastCount = 0;
  private hasMore = false;
  private messages: readonly ChatMessage[] = [];
  private viewport = 600;
  private spacerHeights = { before: 0, after: 0 };
  private highlighted: string | undefined;
  private readonly window = new MessageWindow();
  private readonly anchor = new ScrollAnchor();
  private readonly announcer = new ArrivalAnnouncer();
  private observer: ResizeObserver | undefined;
  private readonly observed = new Set<Element>();

  constructor(
    private readonly host: ReactiveControllerHost & { readonly renderRoot: ParentNode },
    private readonly options: MessageListOptions,
  ) {
    host.addController(this);
  }

  private scroller(): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>('.messages');
  }

  /** True when the reader sees the newest message. */
  get isAtBottom(): boolean {
    return this.atBottom;
  }

  hostConnected(): void {
    if (typeof ResizeObserver !== 'undefined') this.observer = new ResizeObserver(this.onResize);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observed.clear();
  }

  hostUpdated(): void {
    const element = this.scroller();
    if (!element) return;
    element.querySelector<HTMLElement>('.spacer-before')?.style.setProperty('block-size', `${this.spacerHeights.before}px`);
    element.querySelector<HTMLElement>('.spacer-after')?.style.setProperty('block-size', `${this.spacerHeights.after}px`);
    this.observeEntries(element);
    this.keepPlace(element);
  }

  /** Scrolls to the newest message. */
  scrollToBottom(): void {
    const element = this.scroller();
    this.atBottom = true;
    this.newBelow = false;
    this.anchor.clear();
    if (element) element.scrollTop = element.scrollHeight;
    this.host.requestUpdate(); // the window moves to the newest messages
    this.options.reachedBottom?.();
  }

  /**
   * Shows a message (by id or seq) or the first message of a date, loading older pages as needed;
   * focuses and highlights it. Resolves false when the conversation has no such message.
   */
  async jumpTo(target: JumpTarget): Promise<boolean> {
    await this.host.updateComplete; // a conversation just selected is the one shown
    const id = this.conversationId;
    if (!id) return false;
    this.jumping = true;
    this.host.requestUpdate();
    try {
      for (;;) {
        const conversation = this.options.conversation(id);
        if (!conversation || this.conversationId !== id) return false;
        const found = findJumpTarget(conversation, target);
        if (found === 'none') return false;
        if (found !== 'older') return await this.reveal((conversation.messages[found] as ChatMessage).clientMsgId, 'center');
        const before = conversation.messages.length;
        await this.options.loadOlder(id, LIMITS.maxHistoryPage);
        if ((this.options.conversation(id)?.messages.length ?? 0) <= before) return false; // nothing older came
      }
    } finally {
      this.jumping = false;
      this.host.requestUpdate();
    }
  }

  render(conversation: ConversationView | undefined, extra?: { empty?: TemplateResult | string }): TemplateResult {
    this.track(conversation);
    const terms = this.options.terms;
    const messages = (this.messages = conversation?.messages ?? []);
    if (this.atBottom) this.window.showNewest(messages, this.viewport);
    const range = this.window.range(messages);
    this.spacerHeights = this.window.spacers(messages, range);
    // Messages not loaded yet count in the set (seqs are dense), so positions do not change as pages arrive.
    const unloaded = conversation?.hasMore ? Math.max(0, (messages[0]?.seq ?? 1) - 1) : 0;
    const busy = this.loadingOlder || this.jumping;
    return html`<div class="message-list">
      <div
        part="messages"
        class="messages"
        role="log"
        aria-live="polite"
        aria-relevant="additions"
        aria-label=${terms.term('messages.label')}
        tabindex="0"
        @scroll=${this.onScroll}
      >
        ${busy ? html`<p class="loading-older" role="status">${terms.term('messages.loadingOlder')}</p>` : nothing}
        ${messages.length === 0 && extra?.empty ? html`<p class="empty">${extra.empty}</p>` : nothing}
        <div class="spacer spacer-before" aria-hidden="true"></div>
        <div class="feed" role="feed" aria-live="off" aria-busy=${busy ? 'true' : 'false'} @keydown=${this.onFeedKeydown}>
          ${repeat(
            messages.slice(range.start, range.end),
            (message) => message.clientMsgId,
            (message, i) =>
              renderEntry(message, messages[range.start + i - 1], {
                terms,
                actions: this.options,
                position: unloaded + range.start + i + 1,
                setSize: unloaded + messages.length,
                highlighted: this.highlighted === message.clientMsgId,
              }),
          )}
        </div>
        <div class="spacer spacer-after" aria-hidden="true"></div>
        ${this.announcer.render((message) => this.describe(message))}
      </div>
      ${this.newBelow
        ? html`<button type="button" part="jump-button" class="jump" @click=${() => this.scrollToBottom()}>
            ${arrowDownIcon}<span>${terms.term('messages.newMessages')}</span>
          </button>`
        : nothing}
    </div>`;
  }

  /** The announced words of an arrival: the sender, then the text, the call summary or the files. */
  private describe(message: ChatMessage): string {
    const summary = message.kind === 'call-summary' ? callSummaryText(message.body, this.options.summaryTerms, this.options.selfId?.()) : undefined;
    const text = this.options.desk?.words(message) ?? this.options.kinds?.words(message) ?? (summary ? `${summary.title}. ${summary.detail}` : message.body || (message.attachments ?? []).map((a) => a.name).join(', '));
    return this.options.terms.term('messages.from', { name: message.from.name, text });
  }

  /** Notices a switch of conversation and new messages, to decide between autoscroll and the jump button. */
  private track(conversation: ConversationView | undefined): void {
    if (conversation?.id !== this.conversationId) {
      this.conversationId = conversation?.id;
      this.atBottom = true;
      this.newBelow = false;
      this.anchor.clear();
      this.announcer.clear();
      this.lastId = undefined;
    }
    this.hasMore = conversation?.hasMore ?? false;
    const messages = conversation?.messages ?? [];
    const last = messages.at(-1);
    if (last?.clientMsgId === this.lastId && messages.length === this.lastCount) return;
    const previousLastId = this.lastId;
    this.lastId = last?.clientMsgId;
    this.lastCount = messages.length;
    const grewAtEnd = previousLastId !== undefined && last !== undefined && last.clientMsgId !== previousLastId;
    if (!grewAtEnd) return;
    this.announcer.arrived(messages, previousLastId);
    // Sending a message always shows it; someone else's message while scrolled up shows the jump button.
    if (messageOrigin(last) === 'me') {
      this.atBottom = true;
      this.newBelow = false;
    } else if (!this.atBottom) {
      this.newBelow = true;
    }
  }

  /**
   * At the bottom: stay there; else the entry at the top of the view stays where it was. When that
   * entry left the DOM (the window followed a jump of the scroll position), what is in view now is
   * the place to keep from here on.
   */
  private keepPlace(element: HTMLElement): void {
    if (this.atBottom) element.scrollTop = element.scrollHeight;
    else if (!this.anchor.restore(element)) this.anchor.capture(element);
  }

  private observeEntries(element: HTMLElement): void {
    const observer = this.observer;
    if (!observer) return;
    for (const entry of this.observed) {
      if (entry.isConnected) continue;
      observer.unobserve(entry);
      this.observed.delete(entry);
    }
    for (const entry of element.querySelectorAll(ENTRY_SELECTOR)) {
      if (this.observed.has(entry)) continue;
      this.observed.add(entry);
      observer.observe(entry);
    }
  }

  /** A message got its size (first shown, a photo loaded): note it, and keep the reader's place. */
  private readonly onResize = (entries: ResizeObserverEntry[]): void => {
    let changed = false;
    for (const entry of entries) {
      const target = entry.target as HTMLElement;
      const id = target.dataset['entry'];
      if (!id || !target.isConnected) continue;
      if (this.window.measure(id, entry.borderBoxSize[0]?.blockSize ?? target.offsetHeight)) changed = true;
    }
    const element = this.scroller();
    if (changed && element) this.keepPlace(element);
  };

  private readonly onScroll = (): void => {
    const element = this.scroller();
    if (!element) return;
    this.viewport = element.clientHeight;
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight <= BOTTOM_SLACK_PX;
    const changed = atBottom !== this.atBottom;
    this.atBottom = atBottom;
    if (atBottom && this.newBelow) this.newBelow = false;
    if (changed) {
      this.host.requestUpdate();
      if (atBottom) this.options.reachedBottom?.();
    }
    this.anchor.capture(element);
    if (!atBottom) this.follow(element);
    if (element.scrollTop <= TOP_LOAD_PX) this.loadOlder();
  };

  /**
   * Moves the window to what is in view now. Positions are counted from the first rendered message
   * (where the DOM says it is), not from the spacer, whose height was estimated when it was rendered.
   */
  private follow(element: HTMLElement): void {
    const messages = this.messages;
    const first = element.querySelector<HTMLElement>(ENTRY_SELECTOR);
    const firstTop = first ? first.getBoundingClientRect().top - element.getBoundingClientRect().top : 0;
    const origin = firstTop - this.window.spacers(messages, this.window.range(messages)).before; // where message 0 would start
    if (this.window.follow(messages, this.window.visible(messages, -origin, element.clientHeight - origin))) {
      this.keepFocusIn(element);
      this.host.requestUpdate();
    }
  }

  /** A focused message the window is about to drop hands focus to the list, not to the page's body. */
  private keepFocusIn(element: HTMLElement): void {
    const id = (element.getRootNode() as ShadowRoot).activeElement?.closest<HTMLElement>(ENTRY_SELECTOR)?.dataset['entry'];
    const [index, range] = [this.window.indexOf(this.messages, id ?? ''), this.window.range(this.messages)];
    if (id !== undefined && (index < range.start || index >= range.end)) element.focus({ preventScroll: true });
  }

  /** Page Down / Page Up on a message move focus to the next / previous one (the feed pattern). */
  private readonly onFeedKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'PageDown' && event.key !== 'PageUp') return;
    const entry = (event.target as HTMLElement).closest<HTMLElement>(ENTRY_SELECTOR);
    const index = entry ? this.window.indexOf(this.messages, entry.dataset['entry'] ?? '') + (event.key === 'PageDown' ? 1 : -1) : -1;
    const next = this.messages[index];
    if (!next) return;
    event.preventDefault();
    void this.reveal(next.clientMsgId, 'nearest');
  }

  /** Renders the window around a message, scrolls it into view and focuses it (`center`: highlighted too). */
  private async reveal(id: string, block: 'center' | 'nearest'): Promise<boolean> {
    await this.host.updateComplete; // the messages just loaded are rendered
    const index = this.window.indexOf(this.messages, id);
    if (index < 0) return false;
    this.window.centre(this.messages, index);
    this.atBottom = false;
    if (block === 'center') {
      this.highlighted = id;
      setTimeout(() => {
        if (this.highlighted !== id) return;
        this.highlighted = undefined;
        this.host.requestUpdate();
      }, HIGHLIGHT_MS);
    }
    this.host.requestUpdate();
    await this.host.updateComplete;
    const element = this.scroller();
    const entry = element?.querySelector<HTMLElement>(`${ENTRY_SELECTOR}[data-entry="${CSS.escape(id)}"]`);
    if (!element || !entry) return false;
    const view = element.getBoundingClientRect();
    const rect = entry.getBoundingClientRect();
    const below = rect.bottom - view.bottom;
    const above = rect.top - view.top;
    if (block === 'center') element.scrollTop += above - (view.height - rect.height) / 2;
    else if (above < 0) element.scrollTop += above;
    else if (below > 0) element.scrollTop += Math.min(below, above);
    this.anchor.capture(element);
    entry.focus({ preventScroll: true });
    return true;
  }

  private loadOlder(): void {
    const id = this.conversationId;
    if (!id || this.loadingOlder || !this.hasMore) return;
    this.loadingOlder = true;
    this.host.requestUpdate();
    this.options
      .loadOlder(id)
      .catch(() => undefined) // the client reports failures through its `error` event
      .finally(() => {
        this.loadingOlder = false;
        this.host.requestUpdate();
      });
  }
}
