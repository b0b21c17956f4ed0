import { html, nothing, type TemplateResult } from 'lit';
import type { SupportClient } from '../../core/support-client.js';
import type { ConversationView } from '../../core/types.js';
import { deskToolsCatalog, type DeskToolsTermKey } from '../../i18n/en/desk-tools.js';
import type { AttachmentTermKey } from '../../i18n/en/attachments.js';
import type { CallSummaryTermKey } from '../../i18n/en/call-summary.js';
import type { LocalizeController, Terms } from '../../i18n/localize-controller.js';
import type { Attachment } from '../../protocol/model.js';
import type { SupportElement } from '../base.js';
import type { CannedEditor } from './canned-editor.js';
import { CannedReplies } from './canned-replies.js';
import { CustomerProfilePanel } from './customer-profile.js';
import { DeskKeyboard } from './desk-keyboard.js';
import { DeskNotifications } from './desk-notifications.js';
import { deskOf } from './desk-port.js';
import { placeholderValues } from './placeholders.js';
import type { ShortcutHelp } from './shortcut-help.js';
import type { StepsDialog } from './steps-dialog.js';
import { SupportError } from '../../protocol/errors.js';

/** What the agent tools need from `<support-inbox>`. */
export interface AgentToolsOptions {
  i18n: LocalizeController;
  client(): SupportClient | undefined;
  report(error: unknown): void;
  /** The open conversation. */
  selected(): ConversationView | undefined;
  /** Opens a conversation. */
  select(conversationId: string): void;
  /** The conversations of the queue, in the order shown. */
  queue(): ReadonlyArray<{ id: string }>;
  /** The queue's current conversation (focused or open). */
  active(): string | undefined;
  /** Makes a conversation of the queue current and focuses its row. */
  focusRow(conversationId: string, index: number): void;
  /** Focuses the reply box. */
  focusReply(): void;
  /** The conversation whose customer is calling now. */
  ringing(): string | undefined;
  summaryTerms: Terms<CallSummaryTermKey>;
  attachmentTerms: Terms<AttachmentTermKey>;
  /** The thread's loadable media addresses and its lightbox. */
  mediaSrc(url: string | undefined): string | undefined;
  openImage(attachment: Attachment, src: string, opener: HTMLElement): void;
}

/**
 * The agent's tools around the thread, wired into `<support-inbox>` in a few lines: canned
 * replies (`/` in the reply box, and the admins' dialog), guided steps (the "Send steps" dialog),
 * the customer profile beside the thread,
 * notifications (title count, sound, browser notifications) and the keyboard shortcuts with their
 * `?` help. Each lives in its own controller; this holds them and places their pieces.
 */
export class AgentTools {
  readonly terms: Terms<DeskToolsTermKey>;
  readonly canned: CannedReplies;
  readonly profile: CustomerProfilePanel;
  readonly notifications: DeskNotifications;
  /** The dialogs, fetched when first opened (the `?` help; the admins' canned replies). */
  private editor: CannedEditor | undefined;
  private help: ShortcutHelp | undefined;
  private steps: StepsDialog | undefined;
  /** What the last shortcut did, for screen readers. */
  private said = '';

  constructor(
    private readonly host: SupportElement,
    private readonly options: AgentToolsOptions,
  ) {
    const { i18n, client, report } = options;
    const terms = (this.terms = i18n.use(deskToolsCatalog));
    this.canned = new CannedReplies(host, {
      client,
      terms,
      report,
      values: () => {
        const conversation = options.selected();
        const agentName = client()?.user?.name;
        return conversation ? placeholderValues({ customer: conversation.customer, context: conversation.context, agentName }) : {};
      },
    });
    this.profile = new CustomerProfilePanel(host, {
      client,
      terms,
      summaryTerms: options.summaryTerms,
      attachmentTerms: options.attachmentTerms,
      open: () => {
        const conversation = options.selected();
        return conversation && { id: conversation.id, customerId: conversation.customer.id };
      },
      select: options.select,
      mediaSrc: options.mediaSrc,
      openImage: options.openImage,
    });
    this.notifications = new DeskNotifications(host, { client, terms, open: options.select, ringing: options.ringing });
    new DeskKeyboard(host, {
      next: () => this.move(1),
      previous: () => this.move(-1),
      open: () => {
        const id = options.active();
        if (id !== undefined) options.select(id);
      },
      reply: options.focusReply,
      resolve: () => void this.resolve(),
      help: () => void this.showHelp(),
    });
  }

  /** The desk's buttons (sound, notifications, shortcuts, and for admins the canned replies, then `more`), under the queue's heading. */
  renderToolbar(more: TemplateResult | typeof nothing = nothing): TemplateResult {
    const admin = this.options.client()?.user?.role === 'admin' && deskOf(this.options.client());
    return html`<div part="desk-tools" class="desk-tools">
      ${this.notifications.renderControls()}
      <button part="shortcuts-button" class="text-button desk-tool" type="button" aria-keyshortcuts="?" @click=${(event: Event) => void this.showHelp(event.currentTarget as HTMLElement)}>
        ${this.terms.term('keys.help')}
      </button>
      ${admin
        ? html`<button part="canned-manage-button" class="text-button desk-tool" type="button" @click=${(event: Event) => void this.showEditor(event.currentTarget as HTMLElement)}>
            ${this.terms.term('canned.manage')}
          </button>`
        : nothing}
      ${more}
      <span class="visually-hidden" role="status">${this.said}</span>
    </div>`;
  }

  /** The `/` list; inside the thread (it sits above the reply box). */
  renderPopup(): TemplateResult {
    return this.canned.render();
  }

  /** The dialogs (help, canned replies, guided steps), anywhere in the shadow root. */
  renderDialogs(): TemplateResult {
    return html`${this.help?.render() ?? nothing} ${this.editor?.render() ?? nothing} ${this.steps?.render() ?? nothing}`;
  }

  /** The thread header's "Send steps" button (issue 20), with a conversation open. */
  renderStepsButton(): TemplateResult | typeof nothing {
    if (!this.options.selected()) return nothing;
    return html`<button part="steps-button" class="text-button" type="button" aria-haspopup="dialog" @click=${(event: Event) => void this.showSteps(event.currentTarget as HTMLElement)}>
      ${this.terms.term('steps.send')}
    </button>`;
  }

  /** Opens the guided steps dialog for the open conversation (its code arrives with the first opening). */
  private async showSteps(opener: HTMLElement): Promise<void> {
    const conversation = this.options.selected();
    if (!conversation) return;
    try {
      const { StepsDialog } = await import('./steps-dialog.js');
      this.steps ??= new StepsDialog(this.host, this.options.i18n, this.options.client, this.options.report);
      this.steps.show(conversation, opener);
    } catch (error) {
      this.options.report(new SupportError('network', 'Could not load the guided steps.', { cause: error }));
    }
  }

  /** Opens the shortcuts dialog (its code arrives with the first opening); focus returns to `opener`. */
  private async showHelp(opener?: HTMLElement): Promise<void> {
    try {
      const { ShortcutHelp } = await import('./shortcut-help.js');
      this.help ??= new ShortcutHelp(this.host, this.terms);
      this.help.show(opener);
    } catch (error) {
      this.options.report(new SupportError('network', 'Could not load the keyboard shortcuts.', { cause: error }));
    }
  }

  /** Opens the admins' canned replies dialog (its code arrives with the first opening). */
  private async showEditor(opener: HTMLElement): Promise<void> {
    try {
      const { CannedEditor } = await import('./canned-editor.js');
      this.editor ??= new CannedEditor(this.host, this.canned, this.terms, this.options.report);
      this.editor.show(opener);
    } catch (error) {
      this.options.report(new SupportError('network', 'Could not load the canned replies editor.', { cause: error }));
    }
  }

  /** j/k: focus moves to the next or previous conversation of the queue (the first when none is current). */
  private move(by: 1 | -1): void {
    const queue = this.options.queue();
    const current = queue.findIndex((conversation) => conversation.id === this.options.active());
    const next = current < 0 ? 0 : Math.max(0, Math.min(queue.length - 1, current + by));
    const id = queue[next]?.id;
    if (id !== undefined) this.options.focusRow(id, next);
  }

  /** `e`: resolves the open conversation. */
  private async resolve(): Promise<void> {
    const id = this.options.selected()?.id;
    const desk = deskOf(this.options.client());
    if (!id || !desk) return;
    try {
      await desk.setStatus(id, 'resolved');
      this.said = this.terms.term('keys.resolved');
      this.host.requestUpdate();
    } catch (error) {
      this.options.report(error);
    }
  }
}
