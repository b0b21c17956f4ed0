import { html, nothing, type TemplateResult } from 'lit';
import type { LocalizeController } from '../../i18n/localize-controller.js';
import { chatIcon, closeIcon } from '../icons.js';

/**
 * The floating launcher (`part="launcher"`) with its unread badge; the accessible name says
 * how many messages are unread, or that a call rings (then it carries `data-ringing`).
 */
export function renderLauncher(options: {
  open: boolean;
  unread: number;
  /** What rings ("Incoming video call"), while a call rings. */
  ringing?: string | undefined;
  i18n: LocalizeController;
  toggle: () => void;
}): TemplateResult {
  const { open, unread, ringing, i18n } = options;
  const label = ringing
    ? ringing
    : unread === 0
      ? i18n.term('launcher.open')
      : unread === 1
        ? i18n.term('launcher.openUnreadOne')
        : i18n.term('launcher.openUnread', { count: unread });
  return html`<button
    part="launcher"
    class="launcher"
    type="button"
    aria-label=${label}
    aria-expanded=${open ? 'true' : 'false'}
    ?data-ringing=${!!ringing}
    @click=${options.toggle}
  >
    ${open ? closeIcon : chatIcon}
    ${unread > 0
      ? html`<span part="unread-badge" class="unread-badge" aria-hidden="true">${unread > 99 ? '99+' : unread}</span>`
      : nothing}
  </button>`;
}
