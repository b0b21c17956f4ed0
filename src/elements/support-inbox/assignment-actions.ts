import { html, nothing, type TemplateResult } from 'lit';
import type { ConversationView } from '../../core/types.js';
import { DESK_LIMITS } from '../../protocol/desk.js';
import type { DeskController } from './desk-controller.js';

function onTransfer(desk: DeskController, event: SubmitEvent): void {
  event.preventDefault();
  const form = event.currentTarget as HTMLFormElement;
  const data = new FormData(form);
  const agentId = data.get('agent');
  if (typeof agentId !== 'string' || agentId === '') return;
  void desk.transfer(agentId, String(data.get('note') ?? ''));
}

/** The transfer form: an agent from the roster (presence and load beside each name) and a note for them. */
function renderTransferForm(conversation: ConversationView, desk: DeskController): TemplateResult {
  const terms = desk.terms;
  const agents = desk.agents.filter((agent) => agent.id !== conversation.assignee?.id);
  if (agents.length === 0) return html`<p part="transfer-form" class="desk-form desk-empty">${terms.term('desk.noAgents')}</p>`;
  return html`<form part="transfer-form" class="desk-form" @submit=${(event: SubmitEvent) => onTransfer(desk, event)}>
    <label class="desk-field">
      <span>${terms.term('desk.transferTo')}</span>
      <select part="transfer-agent" name="agent" required>
        ${agents.map(
          (agent) =>
            html`<option value=${agent.id}>
              ${terms.term('desk.agentOption', { name: agent.name, presence: terms.term(`desk.presence.${agent.presence}`), load: agent.load, capacity: agent.capacity })}
            </option>`,
        )}
      </select>
    </label>
    <label class="desk-field">
      <span>${terms.term('desk.transferNote')}</span>
      <textarea part="transfer-note" name="note" rows="2" maxlength=${DESK_LIMITS.maxNoteChars}></textarea>
    </label>
    <div class="desk-form-actions">
      <button part="transfer-submit" class="desk-button primary" type="submit" ?disabled=${desk.busy}>${terms.term('desk.transferSubmit')}</button>
      <button class="desk-button" type="button" @click=${() => desk.toggle('transferring')}>${terms.term('desk.cancel')}</button>
    </div>
  </form>`;
}

/**
 * Who has the open conversation (`part="assignee"`) and what the agent can do about it: Take
 * (`part="take-button"`, unless it is theirs), Transfer (`part="transfer-button"`, opens the
 * transfer form) and Unassign (`part="unassign-button"`, when someone has it).
 */
export function renderAssignment(conversation: ConversationView, desk: DeskController, selfId: string | undefined): TemplateResult {
  const terms = desk.terms;
  const assignee = conversation.assignee;
  const mine = assignee !== undefined && assignee.id === selfId;
  return html`<div class="desk-group assignment">
      <span part="assignee" class="assignee" ?data-unassigned=${assignee === undefined}
        >${assignee === undefined ? terms.term('desk.unassigned') : terms.term('desk.assignee', { name: mine ? terms.term('desk.you') : assignee.name })}</span
      >
      ${mine ? nothing : html`<button part="take-button" class="desk-button primary" type="button" ?disabled=${desk.busy} @click=${() => void desk.take()}>${terms.term('desk.take')}</button>`}
      <button part="transfer-button" class="desk-button" type="button" aria-expanded=${desk.transferring ? 'true' : 'false'} ?disabled=${desk.busy} @click=${() => desk.toggle('transferring')}>
        ${terms.term('desk.transfer')}
      </button>
      ${assignee === undefined ? nothing : html`<button part="unassign-button" class="desk-button" type="button" ?disabled=${desk.busy} @click=${() => void desk.unassign()}>${terms.term('desk.unassign')}</button>`}
    </div>
    ${desk.transferring ? renderTransferForm(conversation, desk) : nothing}`;
}
