import { html, nothing, type TemplateResult } from 'lit';
import type { ChatTermKey } from '../../i18n/en/chat.js';
import type { Terms } from '../../i18n/localize-controller.js';
import { renderCloseButton } from './close-button.js';

/**
 * What the chat panel shows until its module has arrived: a loading line (shown only when the
 * wait is noticeable), or, when the module could not be loaded, the reason and a retry button.
 * A dialog keeps its close button meanwhile (under 480 px it covers the launcher).
 */
export function renderPanelStatus(options: {
  failed: boolean;
  closable: boolean;
  terms: Terms<ChatTermKey>;
  close: () => void;
  retry: () => void;
}): TemplateResult {
  const { failed, terms } = options;
  return html`<div class="panel-status" role=${failed ? 'alert' : 'status'} ?data-failed=${failed}>
    ${options.closable
      ? renderCloseButton(terms, options.close)
      : nothing}
    <p>${failed ? terms.term('panel.loadFailed') : terms.term('panel.loading')}</p>
    ${failed
      ? html`<button part="panel-retry-button" class="text-button" type="button" @click=${options.retry}>
          ${terms.term('panel.retry')}
        </button>`
      : nothing}
  </div>`;
}
