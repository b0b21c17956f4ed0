import { html, nothing, type TemplateResult } from 'lit';
import type { SupportError } from '../../protocol/errors.js';
import type { ConnectionState } from '../../core/types.js';
import type { LocalizeController } from '../../i18n/localize-controller.js';

/**
 * The connection banner (`part="banner"`, a polite live region that is always in the DOM so
 * changes are announced): connecting, reconnecting, or offline with the reason, plus a retry
 * button while the connection is down.
 */
export function renderConnectionBanner(
  state: ConnectionState,
  error: SupportError | undefined,
  i18n: LocalizeController,
  retry: () => void,
): TemplateResult {
  let text: string | undefined;
  if (state === 'connecting') text = i18n.term('connection.connecting');
  else if (state === 'reconnecting') text = i18n.term('connection.reconnecting');
  else if (state === 'disconnected') {
    text = error && error.code !== 'closed' ? i18n.errorMessage(error.code) : i18n.term('connection.offline');
  }
  const canRetry = state === 'disconnected' || state === 'reconnecting';
  return html`<div part="banner" class="banner" role="status" aria-live="polite" data-state=${state}>${text
    ? html`<p>${text}</p>${canRetry
          ? html`<button part="retry-connection-button" class="text-button" type="button" @click=${retry}>
              ${i18n.term('connection.retry')}
            </button>`
          : nothing}`
    : nothing}</div>`;
}
