import { html, nothing, type TemplateResult } from 'lit';
import { videoIcon } from '../attachments/attachment-icons.js';
import type { CallSlot } from './call-slot.js';

/**
 * The button that starts a video call in a conversation (`part="call-button"`), disabled while a
 * call is under way; nothing until there is a conversation to call in. Loaded with the thread,
 * not the launcher. `askRearCamera` when an agent wants to see the customer's device.
 */
export function renderCallButton(call: CallSlot, conversationId: string | undefined, askRearCamera = false): TemplateResult | typeof nothing {
  if (!conversationId || !call.available) return nothing;
  const label = call.terms.term('call.start');
  return html`<button
    part="call-button"
    class="icon-button"
    type="button"
    aria-label=${label}
    title=${label}
    ?disabled=${call.active}
    @click=${() => call.start(conversationId, askRearCamera)}
  >
    ${videoIcon}
  </button>`;
}
