import { html, type TemplateResult } from 'lit';
import type { LocalizeController } from '../../i18n/localize-controller.js';
import { closeIcon } from '../icons.js';

/** The panel's close button, the same in the header and in the loading/failed panel. */
export function renderCloseButton(i18n: LocalizeController, close: () => void): TemplateResult {
  return html`<button
    part="close-button"
    class="icon-button"
    type="button"
    aria-label=${i18n.term('panel.close')}
    title=${i18n.term('panel.close')}
    @click=${close}
  >
    ${closeIcon}
  </button>`;
}
