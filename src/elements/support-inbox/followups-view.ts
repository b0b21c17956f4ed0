import { html, nothing, type TemplateResult } from 'lit';
import { deskFollowUpsCatalog, type DeskFollowUpsTermKey } from '../../i18n/en/desk-followups.js';
import { formatMoment } from '../../i18n/date-format.js';
import type { Terms } from '../../i18n/localize-controller.js';
import type { CannedReply } from '../../protocol/desk.js';
import { SupportError } from '../../protocol/errors.js';
import type { FollowUp } from '../../protocol/relationship.js';
import type { FollowUpsContext } from './desk-followups.js';
import { adoptFollowUpStyles } from './desk-followups.styles.js';
import { ModalDialog } from './modal-dialog.js';
import { fillPlaceholders, placeholderValues } from './placeholders.js';

/** The select's value for the built-in check-in text (canned replies go by their id). */
const BUILT_IN = '';

/**
 * The desk's "Follow-ups due" view (`part="followups-dialog"`, a modal dialog): the shop's due
 * follow-ups oldest first (customer, note, due time in the agent's language and time zone, who
 * scheduled it), live as `followUpDue` arrives. "Send" completes the follow-up and posts one
 * message into its conversation, built from the chosen text (a canned reply, or the built-in
 * check-in) with its placeholders filled from that conversation; "Dismiss" cancels it. Completing
 * first claims it, so two agents never both send one (the second gets `conflict`).
 */
export class FollowUpsView {
  private readonly dialog: ModalDialog;
  private readonly terms: Terms<DeskFollowUpsTermKey>;
  /** Due follow-ups, oldest first; undefined until loaded. */
  private list: FollowUp[] | undefined;
  private replies: CannedReply[] = [];
  private template = BUILT_IN;
  private failed = false;
  private said = '';
  private readonly busy = new Set<string>();

  constructor(private readonly context: FollowUpsContext) {
    this.dialog = new ModalDialog(context.host, 'dialog.followups-view');
    this.terms = context.i18n.use(deskFollowUpsCatalog);
  }

  /** Opens the view and loads the due list (and the canned replies) afresh. */
  show(opener: HTMLElement): void {
    adoptFollowUpStyles(this.context.host.renderRoot);
    this.said = '';
    this.dialog.show(opener);
    void this.reload();
  }

  /** Asks the relay for the due list again (after a reconnection, or on opening). */
  async reload(): Promise<void> {
    const desk = this.context.client()?.desk;
    if (!desk) return;
    try {
      const [list, replies] = await Promise.all([desk.followUps('due'), desk.cannedReplies().catch(() => this.replies)]);
      [this.list, this.replies, this.failed] = [list, replies, false];
      this.context.setDue(list.length);
    } catch (error) {
      this.failed = true;
      this.context.report(error);
    }
    this.context.host.requestUpdate();
  }

  /** A follow-up fell due (the relay's `followup-due`): it joins the list. */
  arrived(followUp: FollowUp): void {
    if (this.list === undefined) return void this.reload();
    if (this.list.some((known) => known.id === followUp.id)) return;
    this.list = [...this.list, followUp].sort((a, b) => a.dueAt - b.dueAt);
    this.context.setDue(this.list.length);
  }

  render(): TemplateResult | typeof nothing {
    if (!this.dialog.open) return nothing;
    const { terms } = this;
    return html`<dialog part="followups-dialog" class="desk-dialog followups-dialog followups-view" aria-labelledby="followups-title" @cancel=${this.dialog.onCancel} @keydown=${this.dialog.onKeydown}>
      <div class="desk-dialog-bar">
        <h2 id="followups-title">${terms.term('followups.title')}</h2>
        <button class="text-button" type="button" @click=${() => this.dialog.close()}>${terms.term('followups.close')}</button>
      </div>
      <label class="followup-message">
        ${terms.term('followups.message')}
        <select part="followup-template" @change=${(event: Event) => (this.template = (event.target as HTMLSelectElement).value)}>
          <option value=${BUILT_IN} ?selected=${this.template === BUILT_IN}>${terms.term('followups.builtIn')}</option>
          ${this.replies.map((reply) => html`<option value=${reply.id} ?selected=${this.template === reply.id}>/${reply.shortcut} ${reply.title}</option>`)}
        </select>
      </label>
      <p class="desk-muted" role="status">${this.said}</p>
      ${this.renderList()}
    </dialog>`;
  }

  private renderList(): TemplateResult {
    const { terms } = this;
    if (this.failed) return html`<p class="desk-alert" role="alert">${terms.term('followups.failed')}</p>`;
    if (this.list === undefined) return html`<p class="desk-muted">${terms.term('followups.loading')}</p>`;
    if (this.list.length === 0) return html`<p class="desk-muted">${terms.term('followups.empty')}</p>`;
    const lang = terms.lang;
    return html`<ul part="followups" class="followup-list" aria-label=${terms.term('followups.count', { count: this.list.length })}>
      ${this.list.map((followUp) => {
        const name = followUp.customer.name || followUp.customer.id;
        const busy = this.busy.has(followUp.id);
        return html`<li part="followup" class="followup" data-id=${followUp.id}>
          <div class="followup-head">
            <a part="followup-conversation" href="#" @click=${(event: Event) => this.open(event, followUp)} aria-label=${terms.term('followups.open', { name })}><strong>${name}</strong></a>
            <span class="desk-muted">${terms.term('followups.due', { time: formatMoment(lang, followUp.dueAt) })}</span>
          </div>
          <p class="followup-note">${followUp.note}</p>
          <div class="desk-dialog-actions">
            <span class="desk-muted">${terms.term('followups.scheduledBy', { name: followUp.createdBy.name })}</span>
            <button part="followup-dismiss-button" class="text-button" type="button" ?disabled=${busy} aria-label=${terms.term('followups.dismissLabel', { name })} @click=${() => void this.close(followUp, 'dismiss')}>
              ${terms.term('followups.dismiss')}
            </button>
            <button part="followup-send-button" class="text-button" type="button" ?disabled=${busy} aria-label=${terms.term('followups.sendLabel', { name })} @click=${() => void this.close(followUp, 'send')}>
              ${terms.term('followups.send')}
            </button>
          </div>
        </li>`;
      })}
    </ul>`;
  }

  /** The text to send for a follow-up: the chosen template, its placeholders filled from the conversation. */
  private text(followUp: FollowUp): string {
    const client = this.context.client();
    const chosen = this.replies.find((reply) => reply.id === this.template)?.body ?? this.terms.term('followups.defaultText');
    const conversation = client?.conversation(followUp.conversationId);
    const customer = conversation?.customer ?? followUp.customer;
    return fillPlaceholders(chosen, placeholderValues({ customer, context: conversation?.context, agentName: client?.user?.name }));
  }

  private async close(followUp: FollowUp, how: 'send' | 'dismiss'): Promise<void> {
    const client = this.context.client();
    if (!client || this.busy.has(followUp.id)) return;
    const name = followUp.customer.name || followUp.customer.id;
    this.busy.add(followUp.id);
    this.context.host.requestUpdate();
    try {
      if (how === 'send') {
        const body = this.text(followUp);
        await client.desk.completeFollowUp(followUp.id);
        client.send(followUp.conversationId, { body });
      } else await client.desk.cancelFollowUp(followUp.id);
      this.said = this.terms.term(how === 'send' ? 'followups.sent' : 'followups.dismissed', { name });
      this.remove(followUp.id);
    } catch (error) {
      const conflict = error instanceof SupportError && error.code === 'conflict';
      this.said = this.terms.term(conflict ? 'followups.conflict' : 'followups.failed');
      if (conflict) this.remove(followUp.id);
      this.context.report(error);
    } finally {
      this.busy.delete(followUp.id);
      this.context.host.requestUpdate();
    }
  }

  private remove(id: string): void {
    this.list = this.list?.filter((known) => known.id !== id);
    this.context.setDue(this.list?.length ?? 0);
    // Focus stays in the dialog when the button that had it goes away.
    void Promise.resolve().then(() => this.context.host.renderRoot.querySelector<HTMLElement>('dialog.followups-view [part~="followup-send-button"], dialog.followups-view button')?.focus());
  }

  private open(event: Event, followUp: FollowUp): void {
    event.preventDefault();
    this.dialog.close();
    this.context.select(followUp.conversationId);
  }
}
