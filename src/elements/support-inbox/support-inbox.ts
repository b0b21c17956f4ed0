import type { PropertyDeclarations, TemplateResult } from 'lit';
import type { SupportClient } from '../../core/support-client.js';
import type { SearchHit } from '../../protocol/model.js';
import type { UploadProvider } from '../../uploads/types.js';
import { callSummaryCatalog } from '../../i18n/en/call-summary.js';
import { inboxCatalog } from '../../i18n/en/inbox.js';
import { LocalizeController } from '../../i18n/localize-controller.js';
import { SupportElement } from '../base.js';
import { CallSlot } from '../call-slot/call-slot.js';
import { SupportClientController } from '../client-controller.js';
import { connectionBannerStyles } from '../connection-banner/connection-banner.styles.js';
import { themeStyles } from '../theme/theme.styles.js';
import type { JumpTarget } from '../thread/jump-target.js';
import { ThreadController } from '../thread/thread-controller.js';
import { threadStyles } from '../thread/thread.styles.js';
import { CLOCK_MS, QueuePager } from './conversation-list.js';
import { ConversationWindow } from './conversation-window.js';
import { DeskController } from './desk-controller.js';
import { DeskFollowUps } from './desk-followups.js';
import { deskStyles } from './desk.styles.js';
import { InboxLayout } from './inbox-layout.js';
import { AgentTools } from './agent-tools.js';
import { agentToolsStyles } from './agent-tools.styles.js';
import { InboxSearch } from './inbox-search.js';
import { supportInboxStyles } from './support-inbox.styles.js';

/**
 * The agent's side: the queue of conversations and the open thread with the customer's
 * product/order context and a composer.
 *
 * @tagname support-inbox
 * @summary Agent inbox: conversation queue, thread, customer context, reply.
 *
 * @csspart banner - The connection banner (connecting, reconnecting, offline).
 * @csspart retry-connection-button - The banner's retry button.
 * @csspart conversation-list - The queue (a listbox; only the rows near the viewport are in the DOM, each with `aria-posinset`/`aria-setsize`).
 * @csspart search - The search box over the queue (customers' names, emails, ids and message text, searched on the relay).
 * @csspart search-results - The search's results (a listbox) shown instead of the queue until Escape or an empty box.
 * @csspart search-hit - One result: the customer and the matching text (matches in `<mark>`); choosing it opens the conversation at that message.
 * @csspart load-more - "Load more conversations" under the queue, while the relay has more than its first page.
 * @csspart conversation - One conversation in the queue (an option); carries `data-ringing` while its customer calls.
 * @csspart queue-views - The queue's views (tabs): Mine, Unassigned, All (relay backend).
 * @csspart queue-view - One view's tab, with its count; carries `data-view` (mine|unassigned|all) and `aria-selected`.
 * @csspart presence-select - My presence (online, away) beside the queue's heading; routing gives new conversations to online agents.
 * @csspart desk-line - A queue row's desk line: status, assignee, labels.
 * @csspart status-badge - A conversation's status; carries `data-status` (open|pending|snoozed|resolved).
 * @csspart assignee - Who has the conversation ("Unassigned" carries `data-unassigned`), in a row and in the open conversation.
 * @csspart label - One label of a conversation (a chip).
 * @csspart desk-bar - The open conversation's desk controls under its header: assignment, status, labels.
 * @csspart take-button - Assigns the open conversation to me.
 * @csspart transfer-button - Opens the transfer form (`aria-expanded`).
 * @csspart transfer-form - Transfer to an agent of the roster (presence and load beside each), with a note only agents read.
 * @csspart unassign-button - Puts the conversation back in the unassigned queue.
 * @csspart status-select - The status menu: Open, Pending, Snooze until…, Resolved (carries `data-status`).
 * @csspart snooze-form - The date and time to snooze until.
 * @csspart snoozed-until - "Snoozed until …" of a snoozed conversation.
 * @csspart resolve-button - Resolves the open conversation.
 * @csspart labels-editor - The open conversation's labels: chips with remove buttons and a box where Enter adds one.
 * @csspart label-remove-button - Removes a label.
 * @csspart label-input - The box that adds a label.
 * @csspart desk-notice - Why a desk action failed (`role="alert"`), e.g. someone took the conversation first.
 * @csspart compose-mode - The composer's mode (a radio group): Reply or Private note.
 * @csspart note-hint - In note mode: only agents see the note.
 * @csspart note-label - "Private note" atop a note in the thread (notes carry `data-kind="note"` and never look like a reply).
 * @csspart desk-event - A desk change in the thread, in words: "Alex resolved the conversation".
 * @csspart ringing - "Incoming video call" (or "Incoming voice call") on the conversation whose customer calls.
 * @csspart unread-badge - Unread count of a conversation.
 * @csspart thread - The open conversation.
 * @csspart call-button - The thread header's button that starts a video call with the customer.
 * @csspart voice-call-button - The thread header's button that starts a voice call with the customer (beside `call-button`).
 * @csspart call - The `<support-call>` atop the thread while a call rings or runs; its parts are exported with a `call-` prefix (`call-region`, `call-hangup-button`...: the manifest lists each).
 * @csspart call-summary - A call's summary line in the thread (video or voice, duration, missed, declined...).
 * @csspart context - The customer's product/order context card.
 * @csspart context-image - The product image in the context card.
 * @csspart messages - The scrolling message log of the thread.
 * @csspart message - One message; carries `data-from` (me|them|system) and `data-status`.
 * @csspart bubble - The text bubble of a message.
 * @csspart link - A link detected in message text.
 * @csspart message-status - The delivery state of the agent's own message.
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
 * @csspart uploads - The files of the agent's queued message still on their way, in its bubble (the message is sent once they are stored).
 * @csspart upload - One of them; carries `data-state` (waiting|preparing|uploading|failed) and `data-kind`.
 * @csspart upload-progress - Its progress bar: a labelled progressbar with `aria-valuenow` (percent).
 * @csspart lightbox - The photo viewer (a modal dialog with zoom).
 * @csspart lightbox-image - The photo in the lightbox; carries `data-zoom`.
 * @csspart lightbox-zoom-in-button - Zooms the photo in (also `+`).
 * @csspart lightbox-zoom-out-button - Zooms the photo out (also `-`).
 * @csspart lightbox-close-button - Closes the lightbox (also Escape).
 * @csspart composer - The reply form.
 * @csspart input - The reply textarea.
 * @csspart send-button - The send button.
 * @csspart attach-button - Opens the file picker.
 * @csspart record-voice-button - Starts and stops a voice message.
 * @csspart record-video-button - Starts and stops a video clip.
 * @csspart recorder - The recording strip: label, timer, stop and cancel.
 * @csspart recorder-preview - The camera's live preview while a clip records.
 * @csspart recorder-timer - Time recorded against the limit.
 * @csspart record-stop-button - Finishes the recording (it joins the attachments).
 * @csspart record-cancel-button - Throws the recording away.
 * @csspart attachment-list - The attachments of the reply being written.
 * @csspart attachment - One of them; carries `data-state` (preparing|uploading|uploaded|failed) and `data-kind`.
 * @csspart attachment-progress - Its upload progress bar.
 * @csspart attachment-retry-button - Uploads a failed attachment again.
 * @csspart attachment-remove-button - Cancels an upload, or removes the attachment.
 * @csspart attachment-error - Why files could not be added (too large, unsupported), with a dismiss button.
 * @csspart drop-zone - Shown over the thread while files are dragged over it.
 * @csspart desk-tools - The desk's buttons under the queue's heading: sound, notifications, shortcuts, canned replies (admins).
 * @csspart sound-button - Turns the beep on new customer messages on and off (`aria-pressed`; off by default).
 * @csspart notifications-button - Asks the browser's permission for desktop notifications (only when clicked).
 * @csspart notifications-state - Says that desktop notifications are on, or blocked by the browser.
 * @csspart shortcuts-button - Opens the keyboard shortcuts (also `?`).
 * @csspart shortcuts-dialog - The keyboard shortcuts (a modal dialog).
 * @csspart shortcuts-close-button - Closes the shortcuts dialog (also Escape).
 * @csspart canned-replies - The canned replies matching what follows `/` at the start of the reply box (a listbox).
 * @csspart canned-reply - One of them (an option).
 * @csspart canned-manage-button - Admins: opens the canned replies dialog.
 * @csspart canned-dialog - Admins: add, edit and delete the shop's canned replies (a modal dialog).
 * @csspart canned-save-button - Of the dialog: adds or saves the reply of the form.
 * @csspart profile - The customer's profile beside the thread (a column on wide screens, a sheet on narrow ones).
 * @csspart profile-button - Narrow screens: shows the profile sheet (`aria-expanded`).
 * @csspart profile-close-button - Narrow screens: closes the profile sheet (also Escape).
 * @csspart profile-products - The devices and orders of the customer's context cards.
 * @csspart profile-conversations - The customer's conversations.
 * @csspart profile-conversation - One of them: opens it.
 * @csspart profile-calls - The customer's calls.
 * @csspart profile-call - One call: its summary and snapshots.
 * @csspart profile-snapshot - A snapshot's thumbnail: opens the lightbox.
 * @csspart followups-button - Staff: opens the "Follow-ups due" view; says how many are due.
 * @csspart followups-dialog - The due follow-ups (a modal dialog), oldest first, live as they fall due.
 * @csspart followup-template - Of the view: the text a follow-up sends (the built-in check-in or a canned reply; placeholders filled).
 * @csspart followup - One due follow-up: customer (a link to the conversation), due time, note, Send and Dismiss.
 * @csspart followup-send-button - Completes the follow-up and sends its message into the conversation.
 * @csspart followup-dismiss-button - Cancels the follow-up.
 * @csspart followup-button - The open conversation's "Follow up…": opens the schedule dialog.
 * @csspart followup-dialog - Schedules a follow-up: in N days or on a date, with a note; the relay's refusal (e.g. a past time) shows in `followup-error` (`data-code`).
 * @csspart csat-button - Staff: opens the satisfaction results.
 * @csspart csat-dialog - The satisfaction results of a period (a modal dialog): `csat-total`, and the tables `csat-by-agent` and `csat-by-week`.
 *
 * @cssprop --support-primary-color - Brand colour: selection, own messages, send button.
 * @cssprop --support-on-primary-color - Text and icons on the primary colour.
 * @cssprop --support-surface-color - Background.
 * @cssprop --support-surface-alt-color - Customer message bubbles, hover.
 * @cssprop --support-text-color - Main text colour.
 * @cssprop --support-muted-color - Secondary text (previews, times).
 * @cssprop --support-border-color - Borders and separators.
 * @cssprop --support-danger-color - Failures.
 * @cssprop --support-focus-color - Focus ring.
 * @cssprop --support-radius - Corner radius.
 * @cssprop --support-spacing - Base spacing unit.
 * @cssprop --support-font-family - Font stack.
 * @cssprop --support-font-size - Base font size.
 * @cssprop --support-inbox-height - Height of the inbox.
 * @cssprop --support-note-color - Background of private notes and of the composer in note mode.
 *
 * @fires support-before-send - Cancelable; `detail: {body, conversationId, attachments, uploading}` (`uploading`: names of files still uploading; the message waits for them). Cancel to stop the send.
 * @fires support-message - A new message (sent or received); `detail: {conversationId, message}`.
 * @fires support-unread - An unread count changed; `detail: {conversationId, unread, total}`.
 * @fires support-connection - The connection state changed; `detail: {state, error?}`.
 * @fires support-error - Something failed; `detail: {error, code, message}`.
 * @fires support-conversation-open - The agent opened a conversation; `detail: {conversationId}`.
 *
 * @example
 * ```html
 * <support-inbox token-endpoint="/support/token" user-id="agent-alex" user-name="Alex"></support-inbox>
 * ```
 */
export class SupportInbox extends SupportElement {
  static override styles = [themeStyles, connectionBannerStyles, ...threadStyles, supportInboxStyles, agentToolsStyles, deskStyles];

  static override properties: PropertyDeclarations = {
    theme: { reflect: true },
    uploadProvider: { attribute: false },
    maxUploadBytes: { attribute: 'max-upload-bytes', type: Number },
    attachmentOrigins: { attribute: 'attachment-origins' },
    selectedId: { state: true, attribute: false },
    activeId: { state: true, attribute: false },
  };

  /** Force a colour scheme; default follows `prefers-color-scheme`. */
  declare theme: 'dark' | 'light' | undefined;

  /** Where the agent's attachments are stored; default: the relay server's `/uploads` (relay backend). */
  declare uploadProvider: UploadProvider | undefined;

  /** Largest file the agent can attach, in bytes; default 25 MiB (keep it at most the server's limit). */
  declare maxUploadBytes: number | undefined;

  /** Origins besides the relay that attachments and customers' product images load from (a shop's storage or CDN, as in `SUPPORT_ATTACHMENT_ORIGINS`): a list, or a space- or comma-separated string. Default: none. */
  declare attachmentOrigins: readonly string[] | string | undefined;

  /** The open conversation. */
  declare selectedId: string | undefined;

  /** The queue item that takes Tab focus. */
  private declare activeId: string | undefined;

  private readonly i18n = new LocalizeController(this);
  private readonly terms = this.i18n.use(inboxCatalog);
  private readonly summaryTerms = this.i18n.use(callSummaryCatalog);
  private readonly connection = new SupportClientController(this, { role: 'agent' });
  /** The video call: loads `<support-call>` when the agent calls or a customer's call rings. */
  private readonly call = new CallSlot(
    this,
    () => this.connection.client,
    () => this.connection.tokenProvider,
    (error) => this.connection.reportError(error),
    this.i18n,
  );
  /** The desk: queue views, assignment, states, labels, the reply/note switch, my presence (`desk-controller.ts`). */
  private readonly desk = new DeskController(this, { i18n: this.i18n, client: () => this.connection.client, selectedId: () => this.selectedId, report: (error) => this.connection.reportError(error) });
  /** Follow-ups and satisfaction (`desk-followups.ts`; the views load when first opened). */
  private readonly followUps = new DeskFollowUps(this, {
    i18n: this.i18n, terms: this.desk.terms, client: () => this.connection.client, report: (error) => this.connection.reportError(error),
    selected: () => (this.selectedId ? this.connection.client?.conversation(this.selectedId) : undefined),
    select: (id) => void this.select(id),
  });
  private readonly thread = new ThreadController(this, {
    i18n: this.i18n,
    connection: this.connection,
    call: this.call,
    conversationId: () => this.selectedId,
    askRearCamera: true,
    desk: this.desk.messages,
    kind: () => (this.desk.available ? this.desk.mode : 'text'),
  });
  private readonly queuePager = new QueuePager(this, () => this.connection.client, (error) => this.connection.reportError(error), () => this.desk.view);
  private readonly rows = new ConversationWindow(this, () => this.renderRoot.querySelector<HTMLElement>('[part~="conversation-list"]'));
  private readonly search = new InboxSearch(this, () => this.connection.client, this.terms, (hit) => void this.openHit(hit), (error) => this.connection.reportError(error));
  /** Canned replies, the customer profile, notifications, keyboard shortcuts (`agent-tools.ts`). */
  private readonly tools = new AgentTools(this, {
    i18n: this.i18n,
    client: () => this.connection.client,
    report: (error) => this.connection.reportError(error),
    selected: () => (this.selectedId ? this.connection.client?.conversation(this.selectedId) : undefined),
    select: (id) => void this.select(id),
    queue: () => this.desk.queue(),
    active: () => this.activeId ?? this.selectedId,
    focusRow: (id, index) => this.rows.focus((this.activeId = id), index),
    focusReply: () => this.thread.focus(),
    ringing: () => this.call.ringing,
    summaryTerms: this.summaryTerms,
    attachmentTerms: this.thread.attachmentTerms,
    mediaSrc: (url) => this.thread.mediaSrc(url),
    openImage: (attachment, src, opener) => this.thread.openImage(attachment, src, opener),
  });
  private readonly layout = new InboxLayout({
    i18n: this.i18n, terms: this.terms, summaryTerms: this.summaryTerms, connection: this.connection, call: this.call, thread: this.thread,
    queuePager: this.queuePager, rows: this.rows, search: this.search, tools: this.tools, desk: this.desk, followUps: this.followUps,
    selectedId: () => this.selectedId,
    activeId: () => this.activeId,
    setActiveId: (id) => (this.activeId = id),
    select: (id) => void this.select(id),
    root: () => this.shadowRoot,
  });
  private clock: ReturnType<typeof setInterval> | undefined;

  /** The client the element uses (the page's `client`, or its own). */
  get activeClient(): SupportClient | undefined {
    return this.connection.client;
  }

  /** Opens a conversation: loads its history and marks it read. */
  async select(conversationId: string): Promise<void> {
    this.selectedId = conversationId;
    this.activeId = conversationId;
    this.emit('support-conversation-open', { conversationId });
    const client = this.connection.client;
    if (!client) return;
    try {
      await client.openConversation(conversationId);
    } catch (error) {
      this.connection.reportError(error);
    }
    if (this.selectedId === conversationId) this.thread.markReadIfSeen();
  }

  /**
   * Shows a message of the open conversation (`{ messageId }`, or `{ seq }` as a search hit has it)
   * or the first message of a moment (`{ date }`), loading older pages as needed, and focuses and
   * highlights it. Resolves false when there is no such message; rejects when a page cannot load.
   *
   * @example
   * ```ts
   * await inbox.select(hit.conversationId);
   * await inbox.jumpTo({ seq: hit.seq });
   * ```
   */
  jumpTo(target: JumpTarget): Promise<boolean> {
    return this.thread.jumpTo(target);
  }

  /** Opens a search result at its message (the customer's conversation when the customer matched). */
  private async openHit(hit: SearchHit): Promise<void> {
    this.connection.client?.search.reveal(hit);
    await this.select(hit.conversation.id);
    if (hit.message !== undefined && this.selectedId === hit.conversation.id) await this.jumpTo({ seq: hit.message.seq }).catch((error: unknown) => this.connection.reportError(error));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.clock = setInterval(() => this.requestUpdate(), CLOCK_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.clock);
  }

  /** Strings still being fetched (a language other than English). */
  protected override pendingRender(): Promise<unknown> | undefined {
    return this.i18n.loading;
  }

  protected override render(): TemplateResult {
    return this.layout.render();
  }
}
