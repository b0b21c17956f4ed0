import { html, type TemplateResult } from 'lit';
import type { ChatTermKey } from '../../i18n/en/chat.js';
import type { Terms } from '../../i18n/localize-controller.js';
import { closeIcon } from '../icons.js';

/** The panel's close button, the same in the header and in the loading/failed panel. */
export function renderCloseButton(terms: Terms<ChatTermKey>, close: () => void): TemplateResult {
  return html`<button
    part="close-button"
    class="icon-button"
    type="button"
    aria-label=${terms.term('panel.close')}
    title=${terms.term('panel.close')}
    @click=${close}
  >
    ${closeIcon}
  </button>`;
}
