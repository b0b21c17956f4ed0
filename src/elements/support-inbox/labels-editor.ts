import { html, type TemplateResult } from 'lit';
import type { ConversationView } from '../../core/types.js';
import { DESK_LIMITS } from '../../protocol/desk.js';
import { normalizeLabel } from '../../protocol/validate-desk.js';
import type { DeskController } from './desk-controller.js';

function onLabelKeydown(desk: DeskController, event: KeyboardEvent): void {
  if (event.key !== 'Enter' || event.isComposing) return;
  event.preventDefault();
  const input = event.currentTarget as HTMLInputElement;
  const label = normalizeLabel(input.value);
  if (label === undefined) {
    input.setCustomValidity(desk.terms.term('desk.labelInvalid'));
    input.reportValidity();
    return;
  }
  input.setCustomValidity('');
  input.value = '';
  void desk.setLabels({ add: [label] });
}

/**
 * The open conversation's labels (`part="labels-editor"`): each a chip (`part="label"`) with a
 * remove button (`part="label-remove-button"`), and a box (`part="label-input"`) where Enter adds
 * one (one spelling: lower case, spaces as `-`).
 */
export function renderLabelsEditor(conversation: ConversationView, desk: DeskController): TemplateResult {
  const terms = desk.terms;
  const labels = conversation.labels ?? [];
  return html`<div part="labels-editor" class="desk-group labels-editor" role="group" aria-label=${terms.term('desk.labels')}>
    <ul class="label-chips" role="list">
      ${labels.map(
        (label) =>
          html`<li part="label" class="label-chip">
            <span>${label}</span
            ><button part="label-remove-button" class="label-remove" type="button" aria-label=${terms.term('desk.removeLabel', { label })} ?disabled=${desk.busy} @click=${() => void desk.setLabels({ remove: [label] })}>
              <span aria-hidden="true">×</span>
            </button>
          </li>`,
      )}
    </ul>
    <input
      part="label-input"
      class="label-input"
      type="text"
      maxlength=${DESK_LIMITS.maxLabelChars}
      aria-label=${terms.term('desk.addLabel')}
      placeholder=${terms.term('desk.addLabel')}
      ?disabled=${desk.busy || labels.length >= DESK_LIMITS.maxLabels}
      @input=${(event: Event) => (event.currentTarget as HTMLInputElement).setCustomValidity('')}
      @keydown=${(event: KeyboardEvent) => onLabelKeydown(desk, event)}
    />
  </div>`;
}
