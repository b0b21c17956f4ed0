import { html, nothing, svg, type TemplateResult } from 'lit';
import { videoIcon } from '../attachments/attachment-icons.js';
import { icon } from '../icons.js';
import type { CallSlot } from './call-slot.js';

const voiceIcon = icon(svg`<path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2" />`);

/**
 * The buttons that start a call in a conversation: voice (`part="voice-call-button"`: no camera is
 * opened) and video (`part="call-button"`), both disabled while a call is under way; nothing until
 * there is a conversation to call in. Loaded with the thread, not the launcher. `askRearCamera`
 * when an agent wants to see the customer's device (video calls).
 */
export function renderCallButton(call: CallSlot, conversationId: string | undefined, askRearCamera = false): TemplateResult | typeof nothing {
  if (!conversationId || !call.available) return nothing;
  const button = (part: string, label: string, glyph: TemplateResult, video: boolean): TemplateResult => html`<button
    part=${part}
    class="icon-button call-start"
    type="button"
    aria-label=${label}
    title=${label}
    ?disabled=${call.active}
    @click=${() => call.start(conversationId, askRearCamera, video)}
  >
    ${glyph}
  </button>`;
  return html`${button('voice-call-button', call.terms.term('call.startVoice'), voiceIcon, false)}${button('call-button', call.terms.term('call.start'), videoIcon, true)}`;
}
