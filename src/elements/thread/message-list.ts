import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatMessage, ConversationView } from '../../core/types.js';
import { formatDay } from '../../i18n/date-format.js';
import type { ThreadTermKey } from '../../i18n/en/thread.js';
import type { Terms } from '../../i18n/localize-controller.js';
import { arrowDownIcon } from '../panel-icons.js';
import { messageOrigin, renderMessageItem, type MessageItemActions } from './message-item.js';

/** How close to the bottom (px) still counts as "at the bottom". */
const BOTTOM_SLACK_PX = 32;
/** How close to the top (px) starts loading older messages. */
const TOP_LOAD_PX = 48;

export interface MessageListOptions extends MessageItemActions {
  terms: Terms<ThreadTermKey>;
  /** Loads the page of messages before the oldest one shown. */
  loadOlder(conversationId: string): Promise<unknown>;
  /** The user reached the bottom of the list (a chance to mark messages read). */
  reachedBottom?(): void;
}

/**
 * The message log shared by the chat and the inbox: date separators, autoscroll only when the
 * reader is at the bottom, a "new messages" jump button otherwise, and loading older messages
 * when scrolled to the top (keeping the reader's place).
 */
export class MessageListController implements ReactiveController {
  private atBottom = true;
  private newBelow = false;
  private loadingOlder = false;
  /** Distance from the bottom to restore after older messages are inserted above. */
  private anchorFromBottom: number | undefined;
  private conversationId: string | undefined;
  private lastKey = '';
  private hasMore = false;

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

  hostUpdated(): void {
    const element = this.scroller();
    if (!element) return;
    if (this.anchorFromBottom !== undefined) {
      element.scrollTop = element.scrollHeight - this.anchorFromBottom;
      if (!this.loadingOlder) this.anchorFromBottom = undefined;
    } else if (this.atBottom) {
      element.scrollTop = element.scrollHeight;
    }
  }

  /** Scrolls to the newest message. */
  scrollToBottom(): void {
    const element = this.scroller();
    const changed = !this.atBottom || this.newBelow;
    this.atBottom = true;
    this.newBelow = false;
    if (element) element.scrollTop = element.scrollHeight;
    if (changed) this.host.requestUpdate();
    this.options.reachedBottom?.();
  }

  render(conversation: ConversationView | undefined, extra?: { empty?: TemplateResult | string }): TemplateResult {
    this.track(conversation);
    const terms = this.options.terms;
    const messages = conversation?.messages ?? [];
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
        ${this.loadingOlder ? html`<p class="loading-older" role="status">${terms.term('messages.loadingOlder')}</p>` : nothing}
        ${messages.length === 0 && extra?.empty ? html`<p class="empty">${extra.empty}</p>` : nothing}
        ${repeat(
          messages,
          (message) => message.clientMsgId,
          (message, index) => this.renderEntry(message, messages[index - 1]),
        )}
      </div>
      ${this.newBelow
        ? html`<button type="button" part="jump-button" class="jump" @click=${() => this.scrollToBottom()}>
            ${arrowDownIcon}<span>${terms.term('messages.newMessages')}</span>
          </button>`
        : nothing}
    </div>`;
  }

  private renderEntry(message: ChatMessage, previous: ChatMessage | undefined): TemplateResult {
    const terms = this.options.terms;
    const newDay = !previous || dayKey(previous.at) !== dayKey(message.at);
    const showSender = newDay || !previous || previous.from.id !== message.from.id || previous.kind !== message.kind;
    return html`${newDay
      ? html`<div class="day-separator" part="day-separator" role="separator"><span>${formatDay(terms.lang, message.at)}</span></div>`
      : nothing}${renderMessageItem(message, { terms, showSender, actions: this.options })}`;
  }

  /** Notices a switch of conversation and new messages, to decide between autoscroll and the jump button. */
  private track(conversation: ConversationView | undefined): void {
    if (conversation?.id !== this.conversationId) {
      this.conversationId = conversation?.id;
      this.atBottom = true;
      this.newBelow = false;
      this.anchorFromBottom = undefined;
      this.lastKey = '';
    }
    this.hasMore = conversation?.hasMore ?? false;
    const last = conversation?.messages.at(-1);
    const key = last ? `${last.clientMsgId}:${conversation?.messages.length ?? 0}` : '';
    if (key === this.lastKey) return;
    const grewAtEnd = this.lastKey !== '' && last !== undefined && !this.lastKey.startsWith(`${last.clientMsgId}:`);
    this.lastKey = key;
    if (!grewAtEnd || !last) return;
    // Sending a message always shows it; someone else's message while scrolled up shows the jump button.
    if (messageOrigin(last) === 'me') {
      this.atBottom = true;
      this.newBelow = false;
    } else if (!this.atBottom) {
      this.newBelow = true;
    }
  }

  private readonly onScroll = (): void => {
    const element = this.scroller();
    if (!element) return;
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight <= BOTTOM_SLACK_PX;
    const changed = atBottom !== this.atBottom;
    this.atBottom = atBottom;
    if (atBottom && this.newBelow) this.newBelow = false;
    if (changed) {
      this.host.requestUpdate();
      if (atBottom) this.options.reachedBottom?.();
    }
    if (element.scrollTop <= TOP_LOAD_PX) this.loadOlder(element);
  };

  private loadOlder(element: HTMLElement): void {
    const id = this.conversationId;
    if (!id || this.loadingOlder || !this.hasMore) return;
    this.loadingOlder = true;
    this.anchorFromBottom = element.scrollHeight - element.scrollTop;
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

function dayKey(ms: number): string {
  const date = new Date(ms);
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
}
