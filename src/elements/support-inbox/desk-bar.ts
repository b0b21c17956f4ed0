import { html, nothing, type TemplateResult } from 'lit';
import type { ConversationView } from '../../core/types.js';
import { renderAssignment } from './assignment-actions.js';
import type { DeskController } from './desk-controller.js';
import { renderLabelsEditor } from './labels-editor.js';
import { renderStatus } from './status-actions.js';

/**
 * The open conversation's desk controls under its header (`part="desk-bar"`): assignment, status
 * and labels (then `more`: the follow-up button), and the notice of a failed action (`part="desk-notice"`, `role="alert"`). Nothing on
 * a backend without a desk.
 */
export function renderDeskBar(conversation: ConversationView, desk: DeskController, selfId: string | undefined, more: TemplateResult | typeof nothing = nothing): TemplateResult | typeof nothing {
  if (!desk.available) return nothing;
  return html`<div part="desk-bar" class="desk-bar" aria-busy=${desk.busy ? 'true' : 'false'}>
    ${renderAssignment(conversation, desk, selfId)} ${renderStatus(conversation, desk)} ${renderLabelsEditor(conversation, desk)} ${more}
    ${desk.notice ? html`<p part="desk-notice" class="desk-notice" role="alert">${desk.notice}</p>` : nothing}
  </div>`;
}
