import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { SupportClient } from '../../core/support-client.js';
import { chatCatalog } from '../../i18n/en/chat.js';
import type { UploadProvider } from '../../uploads/types.js';
import { LocalizeController } from '../../i18n/localize-controller.js';
import { SupportElement } from '../base.js';
import { SupportClientController } from '../client-controller.js';
import { CallSlot } from '../call-slot/call-slot.js';
import { ConversationSync } from './conversation-sync.js';
import { focusIsOursOrNowhere } from './focus-trap.js';
import { themeStyles } from '../theme/theme.styles.js';
import type { JumpTarget } from '../thread/jump-target.js';
import { chatPanelLoader } from './chat-panel-loader.js';
import { renderLauncher, totalUnread } from './launcher.js';
import { renderPanelStatus } from './panel-status.js';
import { supportChatStyles } from './support-chat.styles.js';

/**
 * The customer's support chat: a floating launcher that opens a chat panel, or (with `inline`)
 * the panel alone, placed in the page flow.
 *
 * The launcher works as soon as this element's module has loaded; the panel's inside (messages,
 * composer, header...) is a separate module, fetched when the panel is first shown, when `inline`
 * is set, or when the browser is idle after the element connects (see `loadPanel()`).
 *
 * @tagname support-chat
 * @summary Customer chat with a support agent: launcher, panel, messages, composer.
 *
 * @slot launcher-icon - Replaces the launcher's chat icon (an `<img>` or `<svg>`, about 28 px; decorative: the launcher keeps its label).
 * @csspart launcher - The floating button that opens and closes the panel; carries `data-ringing` while a call rings.
 * @csspart unread-badge - The unread count on the launcher.
 * @csspart panel - The chat panel (a dialog, or a region when inline).
 * @csspart header - The panel header with the agent's name and presence.
 * @csspart close-button - The header button that closes the panel.
 * @csspart call-button - The header button that starts a video call with the agent.
 * @csspart voice-call-button - The header button that starts a voice call with the agent (beside `call-button`).
 * @csspart call - The `<support-call>` inside the panel while a call rings or runs; its parts are exported with a `call-` prefix (`call-region`, `call-hangup-button`...: the manifest lists each).
 * @csspart drawer-bar - On a phone during a call: the top of the chat drawer over the call (swipe it down to close).
 * @csspart drawer-back-button - The drawer's "Back to the call" button.
 * @csspart call-summary - A call's summary line in the thread (video or voice, duration, missed, declined...).
 * @attr assistant - `off`: people answer on this page, not the relay's assistant (docs/assistant.md). Default: the relay decides.
 * @csspart assistant-label - The "Assistant" label atop the assistant's messages (`data-from="bot"`; docs/assistant.md lists its other parts).
 * @csspart assistant-sources - The help articles an assistant answer comes from (links).
 * @csspart assistant-feedback - Under an answer: `helped-button`, `not-helped-button`, `person-button` ("Talk to a person").
 * @csspart panel-retry-button - Loads the panel again after its module failed to load.
 * @csspart banner - The connection banner (connecting, reconnecting, offline).
 * @csspart retry-connection-button - The banner's retry button.
 * @csspart context - The product/order context card.
 * @csspart context-image - The product image in the context card.
 * @csspart messages - The scrolling message log.
 * @csspart message - One message; carries `data-from` (me|them|system|bot: the assistant) and `data-status` (sending|sent|delivered|read|failed).
 * @csspart bubble - The text bubble of a message.
 * @csspart link - A link detected in message text.
 * @csspart message-status - The delivery state of the user's own message.
 * @csspart retry-button - Resends a failed message.
 * @csspart discard-button - Deletes a failed message.
 * @csspart day-separator - The date between messages of different days.
 * @csspart jump-button - "New messages" button shown when scrolled up.
 * @csspart typing-indicator - "… is typing" line.
 * @csspart attachments - The attachments of a message.
 * @csspart attachment-image - A photo's thumbnail (a button that opens the lightbox).
 * @csspart attachment-audio - A voice note or audio file: player and duration.
 * @csspart attachment-video - A video clip: player (with poster frame) and duration.
 * @csspart attachment-file - A file: icon, name and size, a download link.
 * @csspart uploads - The files of my queued message still on their way, in its bubble (the message is sent once they are stored).
 * @csspart upload - One of them; carries `data-state` (waiting|preparing|uploading|failed) and `data-kind`.
 * @csspart upload-progress - Its progress bar: a labelled progressbar with `aria-valuenow` (percent).
 * @csspart lightbox - The photo viewer (a modal dialog with zoom).
 * @csspart lightbox-image - The photo in the lightbox; carries `data-zoom`.
 * @csspart lightbox-zoom-in-button - Zooms the photo in (also `+`).
 * @csspart lightbox-zoom-out-button - Zooms the photo out (also `-`).
 * @csspart lightbox-close-button - Closes the lightbox (also Escape).
 * @csspart composer - The message form.
 * @csspart input - The message textarea.
 * @csspart send-button - The send button.
 * @csspart attach-button - Opens the file picker (photos, videos, audio, PDFs, any file).
 * @csspart record-voice-button - Starts and stops a voice message (at most 2 minutes).
 * @csspart record-video-button - Starts and stops a video clip with the (rear) camera (at most 60 s).
 * @csspart recorder - The recording strip: label, timer, stop and cancel.
 * @csspart recorder-preview - The camera's live preview while a clip records.
 * @csspart recorder-timer - Time recorded against the limit.
 * @csspart record-stop-button - Finishes the recording (it joins the attachments).
 * @csspart record-cancel-button - Throws the recording away.
 * @csspart scan-button - Opens the serial scan: the rear camera reads a barcode, QR or Data Matrix code into the device card's serial (`aria-expanded` while open).
 * @csspart scan-sheet - The serial scan above the composer; carries `data-step` (starting|scanning|found|failed). See docs/scan.md.
 * @csspart scan-preview - The scan's live camera preview.
 * @csspart scan-status - The scan's live region: opening the camera, looking, or what it read.
 * @csspart scan-result - The value read, to confirm; carries `data-format` (code_128, ean_13, qr_code, data_matrix...).
 * @csspart scan-imei - For a 15-digit value: whether its IMEI check digit is right (carries `data-valid`).
 * @csspart scan-error - Why the scan cannot go on (camera blocked, no camera, the page forbids the reader...); carries `data-code`.
 * @csspart scan-confirm-button - Puts the value read in the device card (`context.serial`).
 * @csspart scan-retry-button - Scans again.
 * @csspart scan-cancel-button - Closes the scan; nothing changes (also Escape).
 * @csspart attachment-list - The attachments of the message being written.
 * @csspart attachment - One of them; carries `data-state` (preparing|uploading|uploaded|failed) and `data-kind`.
 * @csspart attachment-progress - Its upload progress bar.
 * @csspart attachment-retry-button - Uploads a failed attachment again.
 * @csspart attachment-remove-button - Cancels an upload, or removes the attachment.
 * @csspart attachment-error - Why files could not be added (too large, unsupported), with a dismiss button.
 * @csspart drop-zone - Shown over the panel while files are dragged over it.
 * @csspart presence - The header's line under the name: online, offline, or outside office hours when a person will answer ("We're back Monday at 9:00"; carries `data-closed`).
 * @csspart history-button - The header button to the signed-in customer's own conversations (`aria-pressed` while shown).
 * @csspart my-conversations - The customer's conversations, newest first (replaces the thread while shown).
 * @csspart my-conversation - One of them: a button with its product card, last message and time (`aria-current` on the one shown).
 * @csspart my-conversations-back-button - Back to the thread.
 * @csspart my-conversations-error - Why the list could not be loaded, with a retry.
 * @csspart new-conversation-button - Starts a new conversation about the page's product (another device).
 * @csspart contact-email - The "leave your email" form shown when nobody can answer now (asked once per browser).
 * @csspart contact-email-input - Its email field (optional).
 * @csspart contact-email-consent - The consent wording, stored with the email.
 * @csspart contact-email-error - Why the email was refused (announced).
 * @csspart contact-email-save-button - Saves the email.
 * @csspart contact-email-skip-button - Declines (never asked again in this browser).
 * @csspart contact-email-answer - The line after answering ("We'll email replies to …").
 * @csspart contact-email-change-button - Changes or adds the email later.
 * @csspart csat - "How did we do?" in the thread after a conversation is resolved (a message with `data-kind="csat"`).
 * @csspart csat-scores - Its radio group of scores 1–5.
 * @csspart csat-score - One score (carries `data-checked`).
 * @csspart csat-comment - The optional comment.
 * @csspart csat-error - Why the answer could not be sent (announced; the score and comment stay).
 * @csspart csat-submit-button - Sends the answer.
 * @csspart csat-thanks - The thank-you once answered.
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
 * @fires support-before-send - Cancelable; `detail: {body, conversationId, attachments, uploading}` (`uploading`: names of files still uploading; the message waits for them). Cancel to stop the send.
 * @fires support-message - A new message (sent or received); `detail: {conversationId, message}`.
 * @fires support-unread - The unread count changed; `detail: {conversationId, unread, total}`.
 * @fires support-connection - The connection state changed; `detail: {state, error?}`.
 * @fires support-error - Something failed; `detail: {error, code, message}` (code `network` too when the panel's module cannot be loaded).
 *
 * @example
 * ```html
 * <support-chat token-endpoint="/support/token" user-id="c-42" user-name="Ada"></support-chat>
 * ```
 */
export class SupportChat extends SupportElement {
  static override styles = [themeStyles, supportChatStyles];

  static override properties: PropertyDeclarations = {
    open: { type: Boolean, reflect: true },
    inline: { type: Boolean, reflect: true },
    theme: { reflect: true },
    uploadProvider: { attribute: false },
    maxUploadBytes: { attribute: 'max-upload-bytes', type: Number },
    attachmentOrigins: { attribute: 'attachment-origins' },
    noTitleBadge: { attribute: 'no-title-badge', type: Boolean },
  };

  /** Whether the panel is open (ignored when `inline`). */
  declare open: boolean;
  /** Show the panel in the page flow, always open, without a launcher. */
  declare inline: boolean;
  /** Force a colour scheme; default follows `prefers-color-scheme`. */
  declare theme: 'dark' | 'light' | undefined;
  /** Where attachments are stored; default: the relay server's `/uploads` (relay backend). */
  declare uploadProvider: UploadProvider | undefined;
  /** Largest file a customer can attach, in bytes; default 25 MiB (keep it at most the server's limit). */
  declare maxUploadBytes: number | undefined;
  /** Origins besides the relay that attachments and product images load from (a shop's storage or CDN, as in `SUPPORT_ATTACHMENT_ORIGINS`): a list, or a space- or comma-separated string. Default: none. */
  declare attachmentOrigins: readonly string[] | string | undefined;
  /** Leave the page title alone: no "(1) …" while the page is in the background and a reply is unread. */
  declare noTitleBadge: boolean;

  private readonly i18n = new LocalizeController(this);
  private readonly terms = this.i18n.use(chatCatalog);
  private readonly connection = new SupportClientController(this, { role: 'customer' });
  /** The conversation's history and the page's `context`, given to the client. */
  private readonly sync = new ConversationSync(this, this.connection, () => this.conversationId);
  /** The video call: rings the launcher, loads `<support-call>` only when a call starts or rings. */
  private readonly call = new CallSlot(
    this,
    () => this.connection.client,
    () => this.connection.tokenProvider,
    (error) => this.connection.reportError(error),
    this.i18n,
  );
  /** The panel's inside: a module of its own, so a page downloads it only when it is needed. */
  private readonly panel = chatPanelLoader(this, {
    i18n: this.i18n,
    terms: this.terms,
    connection: this.connection,
    conversationId: () => this.connection.client?.primaryConversationId ?? undefined,
    closable: () => !this.inline,
    shown: () => this.panelShown,
    close: () => this.hide(),
    open: () => this.show(),
    call: this.call,
  });
  /** The panel was opened and its content has not had focus yet. */
  private focusPending = false;

  constructor() {
    super();
    this.open = false;
    this.inline = false;
  }

  /** The client the element uses (the page's `client`, or its own). */
  get activeClient(): SupportClient | undefined {
    return this.connection.client;
  }

  /** The conversation shown: the customer's own once known, or the one they picked or started in the panel. */
  get conversationId(): string | undefined {
    return this.panel.value?.conversationId ?? this.connection.client?.primaryConversationId ?? undefined;
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

  /** Loads the panel's module now (rarely needed: it loads when first shown or the browser is idle); resolves once rendered, rejects when it cannot be loaded. */
  async loadPanel(): Promise<void> {
    await this.panel.load();
    if (this.isConnected) await this.updateComplete;
  }

  /** Opens the panel and shows a message (`{ messageId }`, `{ seq }`) or a moment's first (`{ date }`), loading older pages; focuses and highlights it. False when there is none. */
  async jumpTo(target: JumpTarget): Promise<boolean> {
    this.show();
    await this.loadPanel();
    return (await this.panel.value?.jumpTo(target)) ?? false;
  }

  /** Strings being fetched, or the panel's module while the panel is shown. */
  protected override pendingRender(): Promise<unknown> | undefined {
    return this.i18n.loading ?? (this.panelShown ? this.panel.settling : undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('open') || changed.has('inline')) && this.panelShown && this.panel.state !== 'ready') {
      this.panel.load().catch(() => undefined); // the failure shows in the panel
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    const dialog = this.open && !this.inline;
    if (changed.has('open')) this.focusPending = dialog;
    const panel = this.panel.value;
    let opened = false;
    if (panel) {
      panel.trapFocus = dialog;
      if (this.focusPending) {
        this.focusPending = false;
        opened = true;
        // Focus goes in at once, or when the module arrives unless the user has moved on meanwhile.
        if (changed.has('open') || focusIsOursOrNowhere(this)) panel.focus();
      }
    } else if (dialog && changed.has('open')) {
      this.renderRoot.querySelector<HTMLElement>('.panel')?.focus(); // until the content arrives
    }
    // The client answers synchronously with events that re-render: act after this update.
    if (opened) queueMicrotask(() => this.isConnected && panel?.scrollToBottom());
  }

  protected override render(): TemplateResult {
    const panel = this.panel.value;
    const shown = this.panelShown;
    const terms = this.terms;
    const ringing = this.call.ringingLabel;
    return html`<div dir=${this.i18n.dir} class="root">
      ${this.inline
        ? nothing
        : renderLauncher({ open: this.open, unread: totalUnread(this.connection.client), ringing, terms, toggle: () => this.toggle() })}
      <span class="visually-hidden" role="status" aria-live="assertive">${ringing ?? ''}</span>
      <section
        part="panel"
        class="panel"
        role=${this.inline ? 'region' : 'dialog'}
        aria-modal=${this.inline ? nothing : 'true'}
        aria-labelledby=${panel ? 'title' : nothing}
        aria-label=${panel ? nothing : terms.term('header.support')}
        aria-busy=${panel || this.panel.state === 'failed' ? nothing : 'true'}
        tabindex=${panel ? nothing : '-1'}
        ?hidden=${!shown}
        @keydown=${this.onPanelKeydown}
      >
        ${panel
          ? panel.render()
          : shown
            ? html`${this.call.render()}${renderPanelStatus({
                failed: this.panel.state === 'failed',
                closable: !this.inline,
                terms,
                close: () => this.hide(),
                retry: () => this.panel.load().catch(() => undefined),
              })}`
            : nothing}
      </section>
    </div>`;
  }

  private get panelShown(): boolean {
    return this.inline || this.open;
  }

  private readonly onPanelKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.open && !this.inline) {
      event.stopPropagation();
      this.hide();
    }
  };
}
