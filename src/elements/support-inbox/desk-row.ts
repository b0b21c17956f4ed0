import { html, nothing, type TemplateResult } from 'lit';
import type { ConversationView } from '../../core/types.js';
import type { ConversationStatus } from '../../protocol/desk.js';
import type { DeskTermKey } from '../../i18n/en/desk.js';
import type { Terms } from '../../i18n/localize-controller.js';

/** Each status's words. */
export const STATUS_TERMS: Record<ConversationStatus, DeskTermKey> = {
  open: 'desk.status.open',
  pending: 'desk.status.pending',
  snoozed: 'desk.status.snoozed',
  resolved: 'desk.status.resolved',
};

/** The labels as chips (`part="label"`), or nothing. */
export function renderLabelChips(labels: readonly string[] | undefined): TemplateResult | typeof nothing {
  if (!labels?.length) return nothing;
  return html`<ul class="label-chips" role="list">${labels.map((label) => html`<li part="label" class="label-chip">${label}</li>`)}</ul>`;
}

/**
 * A queue row's desk line (`part="desk-line"`): the status (`part="status-badge"`, `data-status`),
 * who it is assigned to (`part="assignee"`, or "Unassigned") and the labels.
 */
export function renderDeskRow(conversation: ConversationView, terms: Terms<DeskTermKey>, selfId: string | undefined): TemplateResult {
  const status = conversation.status ?? 'open';
  const assignee = conversation.assignee;
  const who = assignee === undefined ? terms.term('desk.unassigned') : assignee.id === selfId ? terms.term('desk.you') : assignee.name;
  return html`<span part="desk-line" class="desk-line">
    <span part="status-badge" class="status-badge" data-status=${status}>${terms.term(STATUS_TERMS[status])}</span>
    <span part="assignee" class="assignee" ?data-unassigned=${assignee === undefined}>${who}</span>
    ${renderLabelChips(conversation.labels)}
  </span>`;
}
