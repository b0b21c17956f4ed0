import { adoptStyles, html, supportsAdoptingStyleSheets, type CSSResult, type ReactiveController, type TemplateResult } from 'lit';
import type { UploadJob } from '../../uploads/upload-job.js';
import type { LocalizeController } from '../../i18n/localize-controller.js';
import type { SupportElement } from '../base.js';
import type { SupportClientController } from '../client-controller.js';
import type { CallSlot } from '../call-slot/call-slot.js';
import { AttachmentComposer } from '../attachments/attachment-composer.js';
import { AttachmentStrings } from '../attachments/attachment-strings.js';
import type { AttachmentViewContext } from '../attachments/attachment-view.js';
import { renderMessageFiles } from '../attachments/pending-uploads-view.js';
import { attachmentStyles } from '../attachments/attachments.styles.js';
import { draftStyles } from '../attachments/draft.styles.js';
import { ImageViewer } from '../attachments/image-viewer.js';
import { MediaUrlResolver } from '../attachments/media-urls.js';
import { relayServerOf, UploadSource, type AttachmentSettings } from '../attachments/upload-source.js';
import { ComposerController } from '../composer/composer.js';
import { composerStyles } from '../composer/composer.styles.js';
import { renderConnectionBanner } from '../connection-banner/connection-banner.js';
import { connectionBannerStyles } from '../connection-banner/connection-banner.styles.js';
import { renderContextCard } from '../thread/context-card.js';
import { contextCardStyles } from '../thread/context-card.styles.js';
import { MessageListController } from '../thread/message-list.js';
import { messageListStyles } from '../thread/message-list.styles.js';
import { filesDetail, sendOrReport, useUploadProvider } from '../thread/send-message.js';
import { renderTypingIndicator } from '../thread/typing-indicator.js';
import { lastAgentName, renderChatHeader } from './chat-header.js';
import { chatHeaderStyles } from './chat-header.styles.js';
import { FocusTrap } from './focus-trap.js';

/** What the panel needs from `<support-chat>`, which loads this module when the panel is first wanted. */
export interface ChatPanelOptions {
  i18n: LocalizeController;
  connection: SupportClientController;
  /** The customer's conversation, once known. */
  conversationId(): string | undefined;
  /** Whether the panel is a closable dialog (not inline). */
  closable(): boolean;
  /** Whether the panel is shown (open, or inline). */
  shown(): boolean;
  /** The header's close button. */
  close(): void;
  /** The reader reached the newest message (a chance to mark it read). */
  reachedBottom(): void;
  /** The video call (the header's call button, `<support-call>` under the header). */
  call: CallSlot;
}

/** Styles of what the panel renders, adopted into the element's shadow root when this module loads. */
const PANEL_STYLES: CSSResult[] = [
  connectionBannerStyles,
  contextCardStyles,
  messageListStyles,
  composerStyles,
  attachmentStyles,
  draftStyles,
  chatHeaderStyles,
];

/**
 * The inside of `<support-chat>`'s panel, loaded on demand so the launcher works before it arrives:
 * header, connection banner, context card, message list (with photos, players and files),
 * typing indicator and composer (with attachments, recorders and a drop zone over the panel),
 * with their controllers and styles, rendered in the element's own shadow root.
 */
export class ChatPanel implements ReactiveController {
  private stylesAdopted = false;
  private readonly messageList: MessageListController;
  private readonly composer: ComposerController;
  private readonly attachments: AttachmentComposer;
  private readonly viewer: ImageViewer;
  private readonly focusTrap: FocusTrap;

  constructor(
    private readonly host: SupportElement & AttachmentSettings,
    private readonly options: ChatPanelOptions,
  ) {
    const { i18n, connection } = options;
    host.addController(this);
    const strings = new AttachmentStrings(i18n);
    const report = (error: unknown): void => connection.reportError(error);
    const media = new MediaUrlResolver(host, { server: () => relayServerOf(host), tokens: () => connection.tokenProvider });
    this.viewer = new ImageViewer(host, strings, report);
    const view: AttachmentViewContext = {
      strings,
      src: (url) => media.resolve(url),
      failed: media.failed,
      openImage: this.viewer.open,
    };
    this.messageList = new MessageListController(host, {
      i18n,
      loadOlder: (id) => connection.client?.loadOlder(id) ?? Promise.resolve(),
      retry: (message) => connection.client?.retry(message.conversationId, message.clientMsgId),
      discard: (message) => connection.client?.discard(message.conversationId, message.clientMsgId),
      reachedBottom: () => options.reachedBottom(),
      renderAttachments: (message) => renderMessageFiles(message, view),
      selfId: () => connection.client?.user?.id,
    });
    this.attachments = new AttachmentComposer(host, {
      strings,
      uploads: new UploadSource(host, () => connection.tokenProvider),
      conversationId: () => options.conversationId(),
      report,
    });
    this.composer = new ComposerController(host, {
      i18n,
      send: (body, files) => this.send(body, files),
      typing: (typing) => {
        const id = options.conversationId();
        if (id) connection.client?.setTyping(id, typing);
      },
      disabled: () => !options.conversationId(),
      attachments: this.attachments,
    });
    this.focusTrap = new FocusTrap(host, () => host.renderRoot.querySelector<HTMLElement>('.panel'));
  }

  /** The shadow root exists once the host has connected: the panel's styles join the element's there. */
  hostConnected(): void {
    if (this.stylesAdopted) return;
    this.stylesAdopted = adoptPanelStyles(this.host.renderRoot, PANEL_STYLES);
  }

  /** A closed panel records nothing: the microphone and camera go off with it (before the render that hides it). */
  hostUpdate(): void {
    if (!this.options.shown()) this.attachments.recorder.cancel();
    const client = this.options.connection.client;
    if (!client) return;
    useUploadProvider(client, this.host.uploadProvider);
    client.prepareToSend(); // the panel is open: a send may come at any moment
  }

  /** True when the reader sees the newest message. */
  get isAtBottom(): boolean {
    return this.messageList.isAtBottom;
  }

  /** Keeps Tab inside the panel (while it is an open dialog). */
  set trapFocus(active: boolean) {
    this.focusTrap.active = active;
  }

  /** Moves focus to the message input. */
  focus(): void {
    this.composer.focus();
  }

  /** Scrolls to the newest message. */
  scrollToBottom(): void {
    this.messageList.scrollToBottom();
  }

  /** The panel's content, inside the element's `part="panel"` section. */
  render(): TemplateResult {
    const { i18n, connection } = this.options;
    const client = connection.client;
    const conversationId = this.options.conversationId();
    const conversation = conversationId ? client?.conversation(conversationId) : undefined;
    const drop = this.attachments.dropHandlers;
    const call = this.options.call;
    return html`<div
      class="drop-target"
      @dragenter=${drop.dragenter}
      @dragover=${drop.dragover}
      @dragleave=${drop.dragleave}
      @drop=${drop.drop}
    >${renderChatHeader({
      agentName: lastAgentName(conversation?.messages ?? []),
      online: (client?.agentsOnline ?? 0) > 0,
      closable: this.options.closable(),
      i18n,
      close: () => this.options.close(),
      call: client && conversationId ? { start: () => call.start(conversationId), busy: call.active } : undefined,
    })}
    ${call.render()}
    ${renderConnectionBanner(client?.state ?? 'idle', connection.error, i18n, () => connection.reconnect())}
    ${renderContextCard(this.host.context, i18n)}
    ${this.messageList.render(conversation, { empty: i18n.term('messages.empty') })}
    ${renderTypingIndicator(conversation?.typing, i18n)} ${this.composer.render()} ${this.attachments.renderDropZone()}
    ${this.viewer.render()}</div>`;
  }

  private send(body: string, files: UploadJob[]): boolean {
    const client = this.options.connection.client;
    const conversationId = this.options.conversationId();
    if (!client || !conversationId) return false;
    if (!this.host.emit('support-before-send', { body, conversationId, ...filesDetail(files) }, { cancelable: true })) return false;
    useUploadProvider(client, this.host.uploadProvider);
    const report = (error: unknown): void => this.options.connection.reportError(error);
    return sendOrReport(client, conversationId, body, report, files);
  }
}

/** Adds styles to a shadow root that already has the element's own (which stay first). */
function adoptPanelStyles(root: HTMLElement | DocumentFragment | undefined, styles: CSSResult[]): boolean {
  if (!(root instanceof ShadowRoot)) return false;
  if (supportsAdoptingStyleSheets) {
    const sheets = styles.map((style) => style.styleSheet).filter((sheet): sheet is CSSStyleSheet => !!sheet);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...sheets];
  } else {
    adoptStyles(root, styles); // appends <style> elements after the element's own
  }
  return true;
}
