import { html, nothing, type TemplateResult } from 'lit';
import type { ConversationView } from '../../core/types.js';
import { deskFollowUpsCatalog, type DeskFollowUpsTermKey } from '../../i18n/en/desk-followups.js';
import { formatMoment } from '../../i18n/date-format.js';
import type { Terms } from '../../i18n/localize-controller.js';
import { SupportError } from '../../protocol/errors.js';
import { RELATIONSHIP_LIMITS } from '../../protocol/relationship.js';
import type { FollowUpsContext } from './desk-followups.js';
import { adoptFollowUpStyles } from './desk-followups.styles.js';
import { ModalDialog } from './modal-dialog.js';

const DAY_MS = 86_400_000;
/** The relay takes follow-ups up to two years ahead. */
const MAX_DAYS = 730;

/** `YYYY-MM-DDTHH:MM` of the agent's own clock, for a `datetime-local` input. */
function localInputValue(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * The dialog that schedules a follow-up on the open conversation (`part="followup-dialog"`): in N
 * days, or on a date and time of the agent's clock, with a note. The relay judges the time: a past
 * one comes back as `in-the-past` and is shown (`role="alert"`) with the form kept.
 */
export class FollowUpSchedule {
  private readonly dialog: ModalDialog;
  private readonly terms: Terms<DeskFollowUpsTermKey>;
  private conversation: ConversationView | undefined;
  private mode: 'days' | 'date' = 'days';
  private problem = '';
  /** The relay's code of the last refusal (`in-the-past`, `bad-frame`, …), on the alert as `data-code`. */
  private code = '';
  private busy = false;

  constructor(private readonly context: FollowUpsContext) {
    this.dialog = new ModalDialog(context.host, 'dialog.followup-schedule');
    this.terms = context.i18n.use(deskFollowUpsCatalog);
  }

  /** Opens the dialog for a conversation. */
  show(conversation: ConversationView, opener: HTMLElement): void {
    adoptFollowUpStyles(this.context.host.renderRoot);
    [this.conversation, this.mode, this.problem, this.code, this.busy] = [conversation, 'days', '', '', false];
    this.dialog.show(opener);
  }

  render(): TemplateResult | typeof nothing {
    if (!this.dialog.open || !this.conversation) return nothing;
    const { terms } = this;
    const setMode = (mode: 'days' | 'date'): void => {
      this.mode = mode;
      this.context.host.requestUpdate();
    };
    return html`<dialog part="followup-dialog" class="desk-dialog followups-dialog followup-schedule" aria-labelledby="followup-schedule-title" @cancel=${this.dialog.onCancel} @keydown=${this.dialog.onKeydown}>
      <div class="desk-dialog-bar"><h2 id="followup-schedule-title">${terms.term('schedule.title')}</h2></div>
      <form class="canned-form" @submit=${this.onSubmit} aria-busy=${this.busy ? 'true' : 'false'}>
        <fieldset class="followup-when">
          <legend>${terms.term('schedule.when')}</legend>
          <label><input type="radio" name="followup-mode" value="days" .checked=${this.mode === 'days'} @change=${() => setMode('days')} />${terms.term('schedule.inDays')}</label>
          <label><input type="radio" name="followup-mode" value="date" .checked=${this.mode === 'date'} @change=${() => setMode('date')} />${terms.term('schedule.onDate')}</label>
          ${this.mode === 'days'
            ? html`<label>${terms.term('schedule.days')} <input part="followup-days" name="days" type="number" min="1" max=${MAX_DAYS} step="1" value="7" required /></label>`
            : html`<label>${terms.term('schedule.date')} <input part="followup-date" name="date" type="datetime-local" value=${localInputValue(Date.now() + DAY_MS)} required /></label>`}
        </fieldset>
        <label>${terms.term('schedule.note')}<textarea part="followup-note" name="note" rows="3" required maxlength=${RELATIONSHIP_LIMITS.maxFollowUpNoteChars}></textarea></label>
        ${this.problem ? html`<p part="followup-error" class="desk-alert" role="alert" data-code=${this.code}>${this.problem}</p>` : nothing}
        <div class="desk-dialog-actions">
          <button class="text-button" type="button" @click=${() => this.dialog.close()}>${terms.term('schedule.cancel')}</button>
          <button part="followup-submit-button" class="text-button" type="submit" ?disabled=${this.busy}>${terms.term('schedule.submit')}</button>
        </div>
      </form>
    </dialog>`;
  }

  private readonly onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const note = String(form.get('note') ?? '').trim();
    const dueAt = this.mode === 'days' ? Date.now() + Number(form.get('days')) * DAY_MS : new Date(String(form.get('date') ?? '')).getTime();
    void this.schedule(dueAt, note);
  };

  private async schedule(dueAt: number, note: string): Promise<void> {
    const client = this.context.client();
    const conversation = this.conversation;
    if (!client || !conversation || this.busy) return;
    if (!Number.isFinite(dueAt) || note === '') return this.fail(this.terms.term('schedule.invalid'), 'bad-frame');
    this.busy = true;
    this.context.host.requestUpdate();
    try {
      const followUp = await client.desk.scheduleFollowUp(conversation.id, dueAt, note);
      const lang = this.terms.lang;
      this.dialog.close();
      this.context.announce(this.terms.term('schedule.done', { time: formatMoment(lang, followUp.dueAt) }));
    } catch (error) {
      const code = error instanceof SupportError ? error.code : undefined;
      this.fail(this.terms.term(code === 'in-the-past' ? 'schedule.inThePast' : code === 'bad-frame' ? 'schedule.invalid' : 'schedule.failed'), code);
      this.context.report(error);
    } finally {
      this.busy = false;
      this.context.host.requestUpdate();
    }
  }

  private fail(problem: string, code = ''): void {
    [this.problem, this.code] = [problem, code];
    this.context.host.requestUpdate();
  }
}
