import { html, nothing, type TemplateResult } from 'lit';
import type { SupportError } from '../../protocol/errors.js';
import type { ConnectionState } from '../../core/types.js';
import { errorTerm, type ThreadTermKey } from '../../i18n/en/thread.js';
import type { Terms } from '../../i18n/localize-controller.js';

/**
 * The connection banner (`part="banner"`, a polite live region that is always in the DOM so
 * changes are announced): connecting, reconnecting, or offline with the reason, plus a retry
 * button while the connection is down; connected, that the server is short of space while my
 * messages wait for it (`error` `storage-full`), so a message stuck at "Sending" says why.
 */
export function renderConnectionBanner(
  state: ConnectionState,
  error: SupportError | undefined,
  terms: Terms<ThreadTermKey>,
  retry: () => void,
): TemplateResult {
  let text: string | undefined;
  if (state === 'connecting') text = terms.term('connection.connecting');
  else if (state === 'reconnecting') text = terms.term('connection.reconnecting');
  else if (state === 'disconnected') {
    text = error && error.code !== 'closed' ? terms.term(errorTerm(error.code)) : terms.term('connection.offline');
  } else if (error?.code === 'storage-full') text = terms.term(errorTerm(error.code)); // connected, my messages wait
  const canRetry = state === 'disconnected' || state === 'reconnecting';
  return html`<div part="banner" class="banner" role="status" aria-live="polite" data-state=${state}>${text
    ? html`<p>${text}</p>${canRetry
          ? html`<button part="retry-connection-button" class="text-button" type="button" @click=${retry}>
              ${terms.term('connection.retry')}
            </button>`
          : nothing}`
    : nothing}</div>`;
}
