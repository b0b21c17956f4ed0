import { html, type nothing, type ReactiveController, type TemplateResult } from 'lit';
import type { ChatMessage, ConversationView } from '../../core/types.js';
import type { AssistantFeedback } from '../../protocol/assistant.js';
import { toSupportError } from '../../protocol/errors.js';
import type { MessageKind, ProductContext } from '../../protocol/model.js';
import type { UploadJob } from '../../uploads/upload-job.js';
import { attachmentsCatalog, type AttachmentTermKey } from '../../i18n/en/attachments.js';
import { callSummaryCatalog, type CallSummaryTermKey } from '../../i18n/en/call-summary.js';
import { errorTerm, threadCatalog, type ThreadTermKey } from '../../i18n/en/thread.js';
import { assistantCatalog, type AssistantTermKey } from '../../i18n/en/assistant.js';
import { stepsCatalog, type StepsTermKey } from '../../i18n/en/steps.js';
import type { LocalizeController, Terms } from '../../i18n/localize-controller.js';
import type { SupportElement } from '../base.js';
import type { SupportClientController } from '../client-controller.js';
import { AttachmentComposer } from '../attachments/attachment-composer.js';
import type { AttachmentViewContext } from '../attachments/attachment-view.js';
import { ImageViewer } from '../attachments/image-viewer.js';
import { originList } from '../attachments/attachment-origins.js';
import { MediaUrlResolver } from '../attachments/media-urls.js';
import { renderMessageFiles } from '../attachments/pending-uploads-view.js';
import { relayServerOf, UploadSource, type AttachmentSettings } from '../attachments/upload-source.js';
import { renderCallButton } from '../call-slot/call-button.js';
import type { CallSlot } from '../call-slot/call-slot.js';
import { ComposerController } from '../composer/composer.js';
import { AssistantDrafts } from './assistant-drafts.js';
import { AssistantReplies } from './assistant-replies.js';
import { renderContextCard } from './context-card.js';
import { StepsCards } from './steps-card.js';
import type { JumpTarget } from './jump-target.js';
import type { DeskMessages, MessageKinds } from './message-item.js';
import { MessageListController } from './message-list.js';
import { filesDetail, sendOrReport, useUploadProvider } from './send-message.js';
import { renderTypingIndicator } from './typing-indicator.js';

/** An element that shows a thread: the support element with its upload settings. */
export type ThreadHost = SupportElement & AttachmentSettings;

/** What a thread needs from the element that shows it. */
export interface ThreadOptions {
  i18n: LocalizeController;
  connection: SupportClientController;
  /** The element's video call (the thread's call button). */
  call: CallSlot;
  /** The conversation shown, once there is one. */
  conversationId(): string | undefined;
  /** Whether the thread is on screen (the chat's panel open or inline); default: always. */
  shown?(): boolean;
  /** An agent's call asks to see the customer's device (the rear camera). */
  askRearCamera?: boolean;
  /** How notes and desk events show (the inbox); without it they read as plain text. */
  desk?: DeskMessages;
  /** Kinds the element draws itself (the chat's satisfaction question). */
  kinds?: MessageKinds;
  /** Sends the customer's tap on an assistant answer (the chat); without it answers show no buttons. */
  assistantFeedback?(message: ChatMessage, feedback: AssistantFeedback): Promise<unknown>;
  /** What the composer sends: `note` in the inbox's private-note mode (no typing goes to the customer then); default `text`. */
  kind?(): Extract<MessageKind, 'text' | 'note'>;
  /** More composer buttons after the attachments' (the chat's serial scan). */
  composerTools?(disabled: boolean): TemplateResult | typeof nothing;
}

/**
 * One conversation on screen, for the chat's panel and the inbox alike: the message list (with
 * photos, players, files and call summaries), the composer (with attachments, recorders, a drop
 * zone and the photo viewer), `support-before-send` and sending, read marking while the newest
 * message is in view, and the call button. The element places the pieces (`render()`,
 * `renderCallButton()`, `dropHandlers`) in its own layout and adopts `threadStyles`.
 */
export class ThreadController implements ReactiveController {
  /** The thread's strings (connection, context, messages, composer, errors). */
  readonly terms: Terms<ThreadTermKey>;
  /** The attachments' strings (also for previews, as in the inbox's queue). */
  readonly attachmentTerms: Terms<AttachmentTermKey>;
  /** Call summaries' words ("Video call · 4:12"). */
  readonly summaryTerms: Terms<CallSummaryTermKey>;
  /** The assistant's words (its label, a handoff). */
  readonly assistantTerms: Terms<AssistantTermKey>;
  /** Guided steps' words (a checklist's progress, its preview). */
  readonly stepsTerms: Terms<StepsTermKey>;
  private readonly messageList: MessageListController;
  /** The assistant's answer while a model writes it. */
  private readonly drafts: AssistantDrafts;
  private readonly composer: ComposerController;
  private readonly attachments: AttachmentComposer;
  private readonly viewer: ImageViewer;
  /** Loadable addresses of attachments and the product image (relay, or an allowed origin). */
  readonly mediaSrc: (url: string | undefined) => string | undefined;
  /** Last seq marked read per conversation, so one arrival asks the client once. */
  private readonly markedReadSeq = new Map<string, number>();
  private lifecycle: AbortController | undefined;

  constructor(
    private readonly host: ThreadHost,
    private readonly options: ThreadOptions,
  ) {
    const { i18n, connection } = options;
    host.addController(this);
    this.terms = i18n.use(threadCatalog);
    this.attachmentTerms = i18n.use(attachmentsCatalog);
    this.summaryTerms = i18n.use(callSummaryCatalog);
    const strings = this.attachmentTerms;
    const report = (error: unknown): void => connection.reportError(error);
    const media = new MediaUrlResolver(host, { server: () => relayServerOf(host), tokens: () => connection.tokenProvider, attachmentOrigins: () => originList(host.attachmentOrigins) });
    this.mediaSrc = (url) => media.resolve(url);
    this.viewer = new ImageViewer(host, strings, report);
    const view: AttachmentViewContext = { strings, src: (url) => media.resolve(url), failed: media.failed, openImage: this.viewer.open };
    const assistantTerms = (this.assistantTerms = i18n.use(assistantCatalog));
    const errorText = (error: unknown): string => this.terms.term(errorTerm(toSupportError(error).code));
    const steps = new StepsCards(host, { terms: (this.stepsTerms = i18n.use(stepsCatalog)), client: () => connection.client, mediaSrc: this.mediaSrc, errorText });
    this.drafts = new AssistantDrafts(host, { terms: assistantTerms, client: () => connection.client });
    this.messageList = new MessageListController(host, {
      terms: this.terms,
      summaryTerms: this.summaryTerms,
      loadOlder: (id, limit) => connection.client?.loadOlder(id, limit) ?? Promise.resolve(),
      conversation: (id) => connection.client?.conversation(id),
      retry: (message) => connection.client?.retry(message.conversationId, message.clientMsgId),
      discard: (message) => connection.client?.discard(message.conversationId, message.clientMsgId),
      reachedBottom: () => this.markReadIfSeen(),
      renderAttachments: (message) => renderMessageFiles(message, view),
      selfId: () => connection.client?.user?.id,
      ...(options.desk ? { desk: options.desk } : {}),
      kinds: steps.kinds(new AssistantReplies(host, {
        terms: assistantTerms,
        errorText,
        ...(options.assistantFeedback ? { feedback: (message: ChatMessage, feedback: AssistantFeedback) => options.assistantFeedback?.(message, feedback) ?? Promise.resolve() } : {}),
      }).kinds(options.kinds)),
    });
    this.attachments = new AttachmentComposer(host, {
      strings,
      uploads: new UploadSource(host, () => connection.tokenProvider),
      conversationId: () => options.conversationId(),
      report,
    });
    this.composer = new ComposerController(host, {
      terms: this.terms,
      send: (body, files) => this.send(body, files),
      typing: (typing) => {
        const id = options.conversationId();
        if (id && options.kind?.() !== 'note') connection.client?.setTyping(id, typing);
      },
      disabled: () => !options.conversationId(),
      attachments: this.attachments,
      ...(options.composerTools ? { tools: options.composerTools } : {}),
    });
  }

  hostConnected(): void {
    this.lifecycle = new AbortController();
    document.addEventListener('visibilitychange', () => this.markReadIfSeen(), { signal: this.lifecycle.signal });
  }

  hostDisconnected(): void {
    this.lifecycle?.abort();
  }

  /** A hidden thread records nothing: the microphone and camera go off with it (before the render that hides it). */
  hostUpdate(): void {
    if (!this.shown) this.attachments.recorder.cancel();
    const client = this.options.connection.client;
    if (!client) return;
    useUploadProvider(client, this.host.uploadProvider);
    client.prepareToSend(); // the thread is here: a send may come at any moment
  }

  /** The client answers synchronously with events that re-render: act after this update. */
  hostUpdated(): void {
    queueMicrotask(() => {
      if (this.host.isConnected) this.markReadIfSeen();
    });
  }

  /** True when the reader sees the newest message. */
  get isAtBottom(): boolean {
    return this.messageList.isAtBottom;
  }

  /** The drag and drop listeners of the area that takes dropped files. */
  get dropHandlers(): AttachmentComposer['dropHandlers'] {
    return this.attachments.dropHandlers;
  }

  /** Opens a photo in the thread's lightbox (e.g. a snapshot shown beside the thread); focus returns to `opener`. */
  get openImage(): ImageViewer['open'] {
    return this.viewer.open;
  }

  /** Moves focus to the message input. */
  focus(): void {
    this.composer.focus();
  }

  /** Scrolls to the newest message. */
  scrollToBottom(): void {
    this.messageList.scrollToBottom();
  }

  /**
   * Shows a message of the conversation (`{ messageId }` or `{ seq }`, e.g. a search hit) or the
   * first message of a moment (`{ date }`), loading older pages as needed; focuses and highlights
   * it. Resolves false when there is no such message; rejects when a page cannot be loaded.
   */
  jumpTo(target: JumpTarget): Promise<boolean> {
    return this.messageList.jumpTo(target);
  }

  /** Marks the conversation read when the user can see its newest message. */
  markReadIfSeen(): void {
    const client = this.options.connection.client;
    const id = this.options.conversationId();
    if (!client || !id || !this.shown) return;
    if (typeof document !== 'undefined' && document.visibilityState !== 'visible') return;
    if (!this.messageList.isAtBottom) return;
    const conversation = client.conversation(id);
    if (!conversation || conversation.unread === 0 || this.markedReadSeq.get(id) === conversation.lastSeq) return;
    this.markedReadSeq.set(id, conversation.lastSeq);
    client.markRead(id);
  }

  /** The button that calls in this conversation (nothing until there is one). */
  renderCallButton(): TemplateResult | typeof nothing {
    return renderCallButton(this.options.call, this.options.conversationId(), this.options.askRearCamera);
  }

  /**
   * The conversation: context card, messages (`empty` while there are none), typing indicator,
   * composer (with `aboveComposer` atop it: the inbox's reply/note switch), drop zone and photo viewer.
   */
  render(conversation: ConversationView | undefined, context: ProductContext | undefined, empty?: string, aboveComposer?: TemplateResult | typeof nothing): TemplateResult {
    const terms = this.terms;
    return html`${renderContextCard(context, terms, this.mediaSrc)} ${this.messageList.render(conversation, empty ? { empty } : undefined)}
      ${this.drafts.render(conversation?.id)}
      ${renderTypingIndicator(conversation?.typing, terms)} ${aboveComposer} ${this.composer.render()} ${this.attachments.renderDropZone()}
      ${this.viewer.render()}`;
  }

  private get shown(): boolean {
    return this.options.shown?.() ?? true;
  }

  private send(body: string, files: UploadJob[]): boolean {
    const client = this.options.connection.client;
    const conversationId = this.options.conversationId();
    if (!client || !conversationId) return false;
    if (!this.host.emit('support-before-send', { body, conversationId, ...filesDetail(files) }, { cancelable: true })) return false;
    useUploadProvider(client, this.host.uploadProvider);
    return sendOrReport(client, conversationId, body, (error) => this.options.connection.reportError(error), files, this.options.kind?.());
  }
}
