import { html, nothing, type TemplateResult } from 'lit';
import type { ChatTermKey } from '../../i18n/en/chat.js';
import type { Terms } from '../../i18n/localize-controller.js';
import type { SupportClient } from '../../core/support-client.js';
import { chatIcon, closeIcon } from '../icons.js';

/** Agent replies unread in all the customer's conversations (from the relay's read marks, so across page loads). */
export function totalUnread(client: SupportClient | undefined): number {
  return (client?.conversations() ?? []).reduce((sum, conversation) => sum + conversation.unread, 0);
}

/**
 * The floating launcher (`part="launcher"`) with its unread badge; the accessible name says
 * how many messages are unread, or that a call rings (then it carries `data-ringing`). The page's
 * `slot="launcher-icon"` child replaces the chat icon (the close icon shows while open).
 */
export function renderLauncher(options: {
  open: boolean;
  unread: number;
  /** What rings ("Incoming video call"), while a call rings. */
  ringing?: string | undefined;
  terms: Terms<ChatTermKey>;
  toggle: () => void;
}): TemplateResult {
  const { open, unread, ringing, terms } = options;
  const label = ringing
    ? ringing
    : unread === 0
      ? terms.term('launcher.open')
      : unread === 1
        ? terms.term('launcher.openUnreadOne')
        : terms.term('launcher.openUnread', { count: unread });
  return html`<button
    part="launcher"
    class="launcher"
    type="button"
    aria-label=${label}
    aria-expanded=${open ? 'true' : 'false'}
    ?data-ringing=${!!ringing}
    @click=${options.toggle}
  >
    ${open ? closeIcon : html`<slot name="launcher-icon">${chatIcon}</slot>`}
    ${unread > 0
      ? html`<span part="unread-badge" class="unread-badge" aria-hidden="true">${unread > 99 ? '99+' : unread}</span>`
      : nothing}
  </button>`;
}
