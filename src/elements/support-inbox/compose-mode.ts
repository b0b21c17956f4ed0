import { html, nothing, type TemplateResult } from 'lit';
import type { DeskController } from './desk-controller.js';

/**
 * The composer's mode above it (`part="compose-mode"`, a radio group: Reply, Private note); in note
 * mode a hint says only agents see it (`part="note-hint"`) and the composer takes the note's look.
 */
export function renderComposeMode(desk: DeskController): TemplateResult {
  const terms = desk.terms;
  const option = (mode: 'text' | 'note', key: 'desk.mode.reply' | 'desk.mode.note'): TemplateResult =>
    html`<label class="compose-option" data-mode=${mode}>
      <input type="radio" name="compose-mode" value=${mode} .checked=${desk.mode === mode} @change=${() => desk.setMode(mode)} />
      <span>${terms.term(key)}</span>
    </label>`;
  return html`<div class="compose-bar">
    <div part="compose-mode" class="compose-mode" role="radiogroup" aria-label=${terms.term('desk.mode')}>
      ${option('text', 'desk.mode.reply')} ${option('note', 'desk.mode.note')}
    </div>
    ${desk.mode === 'note' ? html`<p part="note-hint" class="note-hint" id="note-hint">${terms.term('desk.noteHint')}</p>` : nothing}
  </div>`;
}
