import { html, nothing, type TemplateResult } from 'lit';
import type { ConversationView } from '../../core/types.js';
import type { ConversationStatus } from '../../protocol/desk.js';
import { formatMoment } from '../../i18n/date-format.js';
import type { DeskController } from './desk-controller.js';
import { STATUS_TERMS } from './desk-row.js';

const STATUSES: readonly ConversationStatus[] = ['open', 'pending', 'snoozed', 'resolved'];
/** The snooze form's first offer: tomorrow at 9. */
function tomorrowMorning(now = new Date()): string {
  const at = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 9, 0);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T09:00`;
}

function onStatusChange(desk: DeskController, current: ConversationStatus, event: Event): void {
  const select = event.currentTarget as HTMLSelectElement;
  const status = select.value as ConversationStatus;
  // The select shows what the relay says: a choice shows once it is stored.
  select.value = current;
  if (status === 'snoozed') desk.toggle('snoozing');
  else void desk.setStatus(status);
}

function onSnooze(desk: DeskController, event: SubmitEvent): void {
  event.preventDefault();
  const value = new FormData(event.currentTarget as HTMLFormElement).get('until');
  const until = typeof value === 'string' ? new Date(value).getTime() : Number.NaN;
  if (Number.isFinite(until)) void desk.setStatus('snoozed', until);
}

/**
 * The open conversation's status: a menu (`part="status-select"`: Open, Pending, Snooze until…,
 * Resolved), "Snoozed until …" (`part="snoozed-until"`), the snooze form (`part="snooze-form"`,
 * a date and time) and a Resolve button (`part="resolve-button"`) while it is not resolved.
 */
export function renderStatus(conversation: ConversationView, desk: DeskController): TemplateResult {
  const terms = desk.terms;
  const status = conversation.status ?? 'open';
  return html`<div class="desk-group status">
      <label class="desk-field inline">
        <span>${terms.term('desk.status')}</span>
        <select part="status-select" data-status=${status} ?disabled=${desk.busy} @change=${(event: Event) => onStatusChange(desk, status, event)}>
          ${STATUSES.map((value) => html`<option value=${value} ?selected=${value === status}>${terms.term(value === 'snoozed' && status !== 'snoozed' ? 'desk.snooze' : STATUS_TERMS[value])}</option>`)}
        </select>
      </label>
      ${status === 'snoozed' && conversation.snoozedUntil !== undefined
        ? html`<span part="snoozed-until" class="snoozed-until">${terms.term('desk.snoozedUntil', { time: formatMoment(terms.lang, conversation.snoozedUntil) })}</span>`
        : nothing}
      ${status === 'resolved' ? nothing : html`<button part="resolve-button" class="desk-button" type="button" ?disabled=${desk.busy} @click=${() => void desk.resolve()}>${terms.term('desk.resolve')}</button>`}
    </div>
    ${desk.snoozing
      ? html`<form part="snooze-form" class="desk-form" @submit=${(event: SubmitEvent) => onSnooze(desk, event)}>
          <label class="desk-field">
            <span>${terms.term('desk.snoozeUntil')}</span>
            <input part="snooze-input" name="until" type="datetime-local" required .value=${tomorrowMorning()} />
          </label>
          <div class="desk-form-actions">
            <button class="desk-button primary" type="submit" ?disabled=${desk.busy}>${terms.term('desk.snoozeSubmit')}</button>
            <button class="desk-button" type="button" @click=${() => desk.toggle('snoozing')}>${terms.term('desk.cancel')}</button>
          </div>
        </form>`
      : nothing}`;
}
