import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { toSupportError } from '../../core/errors.js';
import type { SupportClient } from '../../core/support-client.js';
import type { ProductContext } from '../../protocol/model.js';
import { LocalizeController } from '../../i18n/localize-controller.js';
import { SupportElement } from '../base.js';
import { SupportClientController } from '../client-controller.js';
import { ComposerController } from '../shared/composer.js';
import { renderConnectionBanner } from '../shared/connection-banner.js';
import { connectionBannerStyles } from '../shared/connection-banner.styles.js';
import { composerStyles } from '../shared/composer.styles.js';
import { renderContextCard } from '../shared/context-card.js';
import { contextCardStyles } from '../shared/context-card.styles.js';
import { MessageListController } from '../shared/message-list.js';
import { messageListStyles } from '../shared/message-list.styles.js';
import { themeStyles } from '../shared/theme.styles.js';
import { renderTypingIndicator } from '../shared/typing-indicator.js';
import { sendOrReport } from '../shared/send-message.js';
import { lastAgentName, renderChatHeader } from './chat-header.js';
import { FocusTrap } from './focus-trap.js';
import { renderLauncher } from './launcher.js';
import { supportChatStyles } from './support-chat.styles.js';

/**
 * The customer's support chat: a floating launcher that opens a chat panel, or (with `inline`)
 * the panel alone, placed in the page flow.
 *
 * @tagname support-chat
 * @summary Customer chat with a support agent: launcher, panel, messages, composer.
 *
 * @csspart launcher - The floating button that opens and closes the panel.
 * @csspart unread-badge - The unread count on the launcher.
 * @csspart panel - The chat panel (a dialog, or a region when inline).
 * @csspart header - The panel header with the agent's name and presence.
 * @csspart close-button - The header button that closes the panel.
 * @csspart banner - The connection banner (connecting, reconnecting, offline).
 * @csspart retry-connection-button - The banner's retry button.
 * @csspart context - The product/order context card.
 * @csspart context-image - The product image in the context card.
 * @csspart messages - The scrolling message log.
 * @csspart message - One message; carries `data-from` (me|them|system) and `data-status` (sending|sent|delivered|read|failed).
 * @csspart bubble - The text bubble of a message.
 * @csspart link - A link detected in message text.
 * @csspart message-status - The delivery state of the user's own message.
 * @csspart retry-button - Resends a failed message.
 * @csspart discard-button - Deletes a failed message.
 * @csspart day-separator - The date between messages of different days.
 * @csspart jump-button - "New messages" button shown when scrolled up.
 * @csspart typing-indicator - "… is typing" line.
 * @csspart composer - The message form.
 * @csspart input - The message textarea.
 * @csspart send-button - The send button.
 *
 * @cssprop --support-primary-color - Brand colour: launcher, header, own messages, send button.
 * @cssprop --support-on-primary-color - Text and icons on the primary colour.
 * @cssprop --support-surface-color - Panel background.
 * @cssprop --support-surface-alt-color - Agent message bubbles and banner background.
 * @cssprop --support-text-color - Main text colour.
 * @cssprop --support-muted-color - Secondary text (times, hints).
 * @cssprop --support-border-color - Borders and separators.
 * @cssprop --support-danger-color - Failures and the unread badge.
 * @cssprop --support-success-color - The "online" dot.
 * @cssprop --support-focus-color - Focus ring.
 * @cssprop --support-radius - Corner radius of the panel and bubbles.
 * @cssprop --support-spacing - Base spacing unit.
 * @cssprop --support-font-family - Font stack.
 * @cssprop --support-font-size - Base font size.
 * @cssprop --support-z-index - Stacking order of the floating launcher and panel.
 * @cssprop --support-offset - Distance of the launcher from the viewport corner.
 * @cssprop --support-launcher-size - Diameter of the launcher.
 * @cssprop --support-panel-width - Width of the floating panel.
 * @cssprop --support-panel-height - Height of the panel (floating or inline).
 *
 * @fires support-before-send - Cancelable; `detail: {body, conversationId}`. Cancel to stop the send.
 * @fires support-message - A new message (sent or received); `detail: {conversationId, message}`.
 * @fires support-unread - The unread count changed; `detail: {conversationId, unread, total}`.
 * @fires support-connection - The connection state changed; `detail: {state, error?}`.
 * @fires support-error - Something failed; `detail: {error, code, message}`.
 *
 * @example
 * ```html
 * <support-chat token-endpoint="/support/token" user-id="c-42" user-name="Ada"></support-chat>
 * ```
 */
export class SupportChat extends SupportElement {
  static override styles = [
    themeStyles,
    connectionBannerStyles,
    contextCardStyles,
    messageListStyles,
    composerStyles,
    supportChatStyles,
  ];

  /** Whether the panel is open (ignored when `inline`). */
  @property({ type: Boolean, reflect: true }) accessor open = false;

  /** Show the panel in the page flow, always open, without a launcher. */
  @property({ type: Boolean, reflect: true }) accessor inline = false;

  /** Force a colour scheme; default follows `prefers-color-scheme`. */
  @property({ reflect: true }) accessor theme: 'dark' | 'light' | undefined = undefined;

  private readonly i18n = new LocalizeController(this);
  private readonly connection = new SupportClientController(this, { role: 'customer' });
  private readonly messageList = new MessageListController(this, {
    i18n: this.i18n,
    loadOlder: (id) => this.connection.client?.loadOlder(id) ?? Promise.resolve(),
    retry: (message) => this.connection.client?.retry(message.conversationId, message.clientMsgId),
    discard: (message) => this.connection.client?.discard(message.conversationId, message.clientMsgId),
    reachedBottom: () => this.markReadIfSeen(),
  });
  private readonly composer = new ComposerController(this, {
    i18n: this.i18n,
    send: (body) => this.send(body),
    typing: (typing) => {
      const id = this.conversationId;
      if (id) this.connection.client?.setTyping(id, typing);
    },
    disabled: () => !this.conversationId,
  });
  private readonly focusTrap = new FocusTrap(this, () => this.renderRoot.querySelector<HTMLElement>('.panel'));
  private lifecycle: AbortController | undefined;
  /** Which context was last given to the client, per conversation, to send each change once. */
  private sentContext: { client: SupportClient; conversationId: string; context: ProductContext } | undefined;
  /** The client whose history of the conversation was requested. */
  private historyLoaded: { client: SupportClient; conversationId: string } | undefined;
  /** Last seq marked read, so one arrival asks the client once. */
  private markedReadSeq = -1;

  /** The client the element uses (the page's `client`, or its own). */
  get activeClient(): SupportClient | undefined {
    return this.connection.client;
  }

  /** The customer's conversation, once known. */
  get conversationId(): string | undefined {
    return this.connection.client?.primaryConversationId ?? undefined;
  }

  /** Opens the panel and moves focus into it. */
  show(): void {
    this.open = true;
  }

  /** Closes the panel and returns focus to the launcher. */
  hide(): void {
    if (!this.open) return;
    this.open = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.launcher')?.focus());
  }

  /** Opens the panel when closed, closes it when open. */
  toggle(): void {
    if (this.open) this.hide();
    else this.show();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.lifecycle = new AbortController();
    document.addEventListener('visibilitychange', () => this.markReadIfSeen(), { signal: this.lifecycle.signal });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.lifecycle?.abort();
  }

  protected override updated(changed: PropertyValues<this>): void {
    const opened = changed.has('open') && this.open && !this.inline;
    if (opened) this.composer.focus();
    this.focusTrap.active = this.open && !this.inline;
    // The client answers synchronously with events that re-render: act after this update.
    queueMicrotask(() => {
      if (!this.isConnected) return;
      if (opened) this.messageList.scrollToBottom();
      this.loadHistory();
      this.pushContext();
      this.markReadIfSeen();
    });
  }

  protected override render(): TemplateResult {
    const client = this.connection.client;
    const conversation = this.conversationId ? client?.conversation(this.conversationId) : undefined;
    const panelShown = this.inline || this.open;
    return html`<div dir=${this.i18n.dir} class="root">
      ${this.inline
        ? nothing
        : renderLauncher({ open: this.open, unread: this.unreadTotal(), i18n: this.i18n, toggle: () => this.toggle() })}
      <section
        part="panel"
        class="panel"
        role=${this.inline ? 'region' : 'dialog'}
        aria-modal=${this.inline ? nothing : 'true'}
        aria-labelledby="title"
        ?hidden=${!panelShown}
        @keydown=${this.onPanelKeydown}
      >
        ${renderChatHeader({
          agentName: lastAgentName(conversation?.messages ?? []),
          online: (client?.agentsOnline ?? 0) > 0,
          closable: !this.inline,
          i18n: this.i18n,
          close: () => this.hide(),
        })}
        ${renderConnectionBanner(client?.state ?? 'idle', this.connection.error, this.i18n, () =>
          this.connection.reconnect(),
        )}
        ${renderContextCard(this.context, this.i18n)}
        ${this.messageList.render(conversation, { empty: this.i18n.term('messages.empty') })}
        ${renderTypingIndicator(conversation?.typing, this.i18n)} ${this.composer.render()}
      </section>
    </div>`;
  }

  private unreadTotal(): number {
    return (this.connection.client?.conversations() ?? []).reduce((sum, conversation) => sum + conversation.unread, 0);
  }

  private send(body: string): boolean {
    const client = this.connection.client;
    const conversationId = this.conversationId;
    if (!client || !conversationId) return false;
    if (!this.emit('support-before-send', { body, conversationId }, { cancelable: true })) return false;
    return sendOrReport(client, conversationId, body, (error) => this.connection.reportError(error));
  }

  /** Marks the conversation read when the user can see its newest message. */
  private markReadIfSeen(): void {
    const client = this.connection.client;
    const id = this.conversationId;
    if (!client || !id || !(this.inline || this.open)) return;
    if (typeof document !== 'undefined' && document.visibilityState !== 'visible') return;
    if (!this.messageList.isAtBottom) return;
    const conversation = client.conversation(id);
    if (!conversation || conversation.unread === 0 || conversation.lastSeq === this.markedReadSeq) return;
    this.markedReadSeq = conversation.lastSeq;
    client.markRead(id);
  }

  /** Loads the latest page of the conversation once per client (again after a failure). */
  private loadHistory(): void {
    const client = this.connection.client;
    const conversationId = this.conversationId;
    if (!client || !conversationId || this.historyLoaded?.client === client) return;
    const attempt = { client, conversationId };
    this.historyLoaded = attempt;
    client.openConversation(conversationId).catch((error: unknown) => {
      // Not connected is what the banner already says; anything else is reported. Retried on a later update.
      if (this.historyLoaded === attempt) this.historyLoaded = undefined;
      if (toSupportError(error).code !== 'closed') this.connection.reportError(error);
    });
  }

  /** Gives the `context` property to the client (which sends it now or on reconnect) once per change. */
  private pushContext(): void {
    const client = this.connection.client;
    const conversationId = this.conversationId;
    const context = this.context;
    if (!client || !conversationId || !context) return;
    const sent = this.sentContext;
    if (sent?.client === client && sent.conversationId === conversationId && sent.context === context) return;
    this.sentContext = { client, conversationId, context };
    client.setContext(conversationId, context);
  }

  private readonly onPanelKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.open && !this.inline) {
      event.stopPropagation();
      this.hide();
    }
  };
}
