import { adoptStyles, html, nothing, supportsAdoptingStyleSheets, type CSSResult, type ReactiveController, type TemplateResult } from 'lit';
import type { ChatMessage } from '../../core/types.js';
import type { AssistantFeedback } from '../../protocol/assistant.js';
import type { ChatTermKey } from '../../i18n/en/chat.js';
import type { LocalizeController, Terms } from '../../i18n/localize-controller.js';
import type { CallSlot } from '../call-slot/call-slot.js';
import type { SupportClientController } from '../client-controller.js';
import { renderConnectionBanner } from '../connection-banner/connection-banner.js';
import { connectionBannerStyles } from '../connection-banner/connection-banner.styles.js';
import type { JumpTarget } from '../thread/jump-target.js';
import { ThreadController, type ThreadHost } from '../thread/thread-controller.js';
import { threadStyles } from '../thread/thread.styles.js';
import { SerialScanControl } from '../scan/serial-scan.js';
import { scanStyles } from '../scan/scan.styles.js';
import { clockIcon } from '../panel-icons.js';
import { AssistantOff } from './assistant-off.js';
import { lastAgentName, renderChatHeader } from './chat-header.js';
import { chatHeaderStyles } from './chat-header.styles.js';
import { ChatRelationship } from './chat-relationship.js';
import { chatRelationshipStyles } from './chat-relationship.styles.js';
import { KeyboardInset } from '../composer/keyboard-inset.js';
import { CallDrawer } from './call-drawer.js';
import { callDrawerStyles } from './call-drawer.styles.js';
import { ConversationPicker } from './conversation-picker.js';
import { FocusTrap } from './focus-trap.js';

/** What the panel needs from `<support-chat>`, which loads this module when the panel is first wanted. */
export interface ChatPanelOptions {
  i18n: LocalizeController;
  /** The chat's own strings (header, empty state). */
  terms: Terms<ChatTermKey>;
  connection: SupportClientController;
  /** The customer's conversation, once known. */
  conversationId(): string | undefined;
  /** Whether the panel is a closable dialog (not inline). */
  closable(): boolean;
  /** Whether the panel is shown (open, or inline). */
  shown(): boolean;
  /** The header's close button. */
  close(): void;
  /** Opens the panel (a reply email's link names a conversation). */
  open(): void;
  /** The video call (the header's call button, `<support-call>` under the header). */
  call: CallSlot;
}

/** Styles of what the panel renders, adopted into the element's shadow root when this module loads. */
const PANEL_STYLES: CSSResult[] = [connectionBannerStyles, ...threadStyles, chatHeaderStyles, chatRelationshipStyles, callDrawerStyles, scanStyles];

/**
 * The inside of `<support-chat>`'s panel, loaded on demand so the launcher works before it arrives:
 * header, connection banner and the thread (`ThreadController`), rendered in the element's own
 * shadow root, with a drop zone over the whole panel and the focus kept inside while it is a dialog.
 */
export class ChatPanel implements ReactiveController {
  private stylesAdopted = false;
  private readonly thread: ThreadController;
  private readonly focusTrap: FocusTrap;
  private readonly relationship: ChatRelationship;
  private readonly picker: ConversationPicker;
  private readonly drawer: CallDrawer;
  /** The composer's serial scan: its serial goes in the conversation's device card. */
  private readonly scan: SerialScanControl;
  /** Keeps the composer above a phone's on-screen keyboard. */
  readonly keyboard: KeyboardInset;

  constructor(
    private readonly host: ThreadHost,
    private readonly options: ChatPanelOptions,
  ) {
    host.addController(this);
    const conversationId = (): string | undefined => this.conversationId;
    this.relationship = new ChatRelationship(host, { ...options, conversationId });
    this.drawer = new CallDrawer(host, {
      i18n: options.i18n,
      client: () => options.connection.client,
      unread: () => (this.conversationId ? (options.connection.client?.conversation(this.conversationId)?.unread ?? 0) : 0),
    });
    // Under a full-screen call the thread is out of sight: nothing is marked read until the drawer opens.
    const shown = (): boolean => options.shown() && !this.drawer.covered;
    const assistantFeedback = (message: ChatMessage, feedback: AssistantFeedback): Promise<unknown> =>
      options.connection.client?.relationship.assistantFeedback(message.conversationId, feedback, message.seq) ?? Promise.resolve();
    const composerTools = (disabled: boolean): TemplateResult | typeof nothing => this.scan.renderButton(disabled);
    this.thread = new ThreadController(host, { ...options, shown, conversationId, kinds: this.relationship.kinds, assistantFeedback, composerTools });
    const report = (error: unknown): void => options.connection.reportError(error);
    const scanShown = (): boolean => shown() && !this.picker.showing;
    this.scan = new SerialScanControl(host, { i18n: options.i18n, strings: this.thread.attachmentTerms, shown: scanShown, report, apply: (serial) => this.applySerial(serial) });
    this.keyboard = new KeyboardInset(host, {
      target: () => host.renderRoot.querySelector<HTMLElement>('.panel'),
      atBottom: () => this.thread.isAtBottom,
      scrollToBottom: () => this.thread.scrollToBottom(),
    });
    this.picker = new ConversationPicker(host, {
      connection: options.connection,
      terms: this.relationship.terms,
      threadTerms: this.thread.terms,
      previewTerms: { summary: this.thread.summaryTerms, attachments: this.thread.attachmentTerms, assistant: this.thread.assistantTerms, steps: this.thread.stepsTerms },
      currentId: conversationId,
      mediaSrc: (url) => this.thread.mediaSrc(url),
      chosen: () => void host.updateComplete.then(() => this.thread.focus()),
      open: () => options.open(),
    });
    this.focusTrap = new FocusTrap(host, () => host.renderRoot.querySelector<HTMLElement>('.panel'));
    new AssistantOff(host, { connection: options.connection, conversationId });
  }

  /** The shadow root exists once the host has connected: the panel's styles join the element's there. */
  hostConnected(): void {
    if (this.stylesAdopted) return;
    this.stylesAdopted = adoptPanelStyles(this.host.renderRoot, PANEL_STYLES);
  }

  /** Keeps Tab inside the panel (while it is an open dialog). */
  set trapFocus(active: boolean) {
    this.focusTrap.active = active;
  }

  /** The conversation shown: the one picked or started in the panel, else the customer's own. */
  get conversationId(): string | undefined {
    return this.picker?.selectedId ?? this.options.conversationId();
  }

  /** Moves focus to the message input. */
  focus(): void {
    this.thread.focus();
  }

  /** Scrolls to the newest message. */
  scrollToBottom(): void {
    this.thread.scrollToBottom();
  }

  /** Shows a message or the first message of a date (`ThreadController.jumpTo`). */
  jumpTo(target: JumpTarget): Promise<boolean> {
    return this.thread.jumpTo(target);
  }

  /** The panel's content, inside the element's `part="panel"` section. */
  render(): TemplateResult {
    const { terms, connection, call } = this.options;
    const client = connection.client;
    const conversationId = this.conversationId;
    const conversation = conversationId ? client?.conversation(conversationId) : undefined;
    const drop = this.thread.dropHandlers;
    const picker = this.picker;
    const relationship = this.relationship;
    const drawer = this.drawer;
    return html`<div
      class="drop-target"
      @dragenter=${drop.dragenter}
      @dragover=${drop.dragover}
      @dragleave=${drop.dragleave}
      @drop=${drop.drop}
    ><div class="under-call" ?inert=${drawer.fullscreen}>${renderChatHeader({
      agentName: lastAgentName(conversation?.messages ?? []),
      online: (client?.agentsOnline ?? 0) > 0,
      closable: this.options.closable(),
      terms,
      close: () => this.options.close(),
      callButton: this.thread.renderCallButton(),
      backAt: relationship.statusLine(),
      historyButton: picker.available
        ? html`<button part="history-button" class="icon-button" type="button" aria-label=${relationship.terms.term('history.open')}
            title=${relationship.terms.term('history.open')} aria-pressed=${picker.showing ? 'true' : 'false'}
            @click=${() => (picker.showing ? picker.hide() : picker.show())}>${clockIcon}</button>`
        : nothing,
    })}</div>
    ${call.render()}
    <div
      class="thread-area"
      ?data-drawer=${drawer.drawerOpen}
      ?inert=${drawer.covered}
      role=${drawer.drawerOpen ? 'region' : nothing}
      aria-labelledby=${drawer.drawerOpen ? 'drawer-title' : nothing}
      @keydown=${drawer.keydown}
    >${drawer.renderBar()}
    ${renderConnectionBanner(client?.state ?? 'idle', connection.error, this.thread.terms, () => connection.reconnect())}
    ${picker.showing
      ? picker.render()
      : this.thread.render(conversation, picker.selectedId ? conversation?.context : this.host.context, terms.term('messages.empty'), html`${relationship.renderAboveComposer(conversation)}${this.scan.renderSheet()}`)}</div></div>`;
  }

  /**
   * A scanned serial into the shown conversation's device card: the customer's own conversation
   * takes it in the element's `context` (which the page can read, and which is sent as every
   * change of it is), an earlier one the customer picked in its own context.
   */
  private applySerial(serial: string): void {
    const id = this.conversationId;
    const client = this.options.connection.client;
    if (!this.picker.selectedId) this.host.context = { ...this.host.context, serial };
    else if (id && client) client.setContext(id, { ...client.conversation(id)?.context, serial });
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
