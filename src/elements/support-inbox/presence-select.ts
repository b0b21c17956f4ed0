import { html, type TemplateResult } from 'lit';
import type { DeskController } from './desk-controller.js';

/** My presence (`part="presence-select"`): online (routing gives me new conversations) or away. */
export function renderPresenceSelect(desk: DeskController): TemplateResult {
  const terms = desk.terms;
  const presence = desk.presence;
  return html`<label class="presence">
    <span class="visually-hidden">${terms.term('desk.presence')}</span>
    <span class="presence-dot" data-presence=${presence} aria-hidden="true"></span>
    <select
      part="presence-select"
      data-presence=${presence}
      @change=${(event: Event) => void desk.setPresence((event.currentTarget as HTMLSelectElement).value === 'away' ? 'away' : 'online')}
    >
      <option value="online" ?selected=${presence === 'online'}>${terms.term('desk.presence.online')}</option>
      <option value="away" ?selected=${presence !== 'online'}>${terms.term('desk.presence.away')}</option>
    </select>
  </label>`;
}
