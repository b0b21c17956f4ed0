import { html, nothing, type TemplateResult } from 'lit';
import type { ChatMessage, DeliveryStatus } from '../../core/types.js';
import { formatTime } from '../../i18n/date-format.js';
import type { LocalizeController } from '../../i18n/localize-controller.js';
import type { TermKey } from '../../i18n/en.js';
import { alertIcon, checkIcon, clockIcon, doubleCheckIcon, retryIcon } from '../panel-icons.js';
import { renderMessageText } from '../text/message-text.js';
import { renderCallSummary } from '../support-call/call-summary-text.js';

/** Who a message is from, as the `data-from` attribute says. */
export type MessageOrigin = 'me' | 'them' | 'system';

export function messageOrigin(message: ChatMessage): MessageOrigin {
  if (message.kind !== 'text') return 'system';
  return message.mine ? 'me' : 'them';
}

const STATUS_TERMS: Record<DeliveryStatus, TermKey> = {
  sending: 'status.sending',
  sent: 'status.sent',
  delivered: 'status.delivered',
  read: 'status.read',
  failed: 'status.failed',
};

const STATUS_ICONS: Record<DeliveryStatus, TemplateResult> = {
  sending: clockIcon,
  sent: checkIcon,
  delivered: doubleCheckIcon,
  read: doubleCheckIcon,
  failed: alertIcon,
};

export interface MessageItemActions {
  retry(message: ChatMessage): void;
  discard(message: ChatMessage): void;
  /** Renders a message's attachments (photos, players, files) and its files still uploading; without it they are not shown. */
  renderAttachments?(message: ChatMessage): TemplateResult | typeof nothing;
  /** The reader's user id: their own name reads "You" in call summaries. */
  selfId?(): string | undefined;
}

/**
 * One message: `part="message"` with `data-from` and `data-status`, the text (links safe; a
 * call summary in the reader's words, `part="call-summary"`), its
 * attachments, the time and, for the user's own messages, the delivery state; a failed message
 * offers retry.
 */
export function renderMessageItem(
  message: ChatMessage,
  options: { i18n: LocalizeController; showSender: boolean; actions: MessageItemActions },
): TemplateResult {
  const { i18n, showSender, actions } = options;
  const origin = messageOrigin(message);
  const status = message.status;
  const failed = status === 'failed';
  const files = (message.attachments?.length ?? 0) + (message.uploads?.length ?? 0);
  return html`<div
    part="message"
    class="message"
    data-from=${origin}
    data-status=${status}
    data-kind=${message.kind}
    data-id=${message.clientMsgId}
  >
    ${showSender && origin === 'them' ? html`<span class="sender">${message.from.name}</span>` : nothing}
    ${message.body || files === 0
      ? html`<div class="bubble" part="bubble">${message.kind === 'call-summary'
          ? renderCallSummary(message.body, i18n, actions.selfId?.())
          : renderMessageText(message.body)}</div>`
      : nothing}
    ${files > 0 ? (actions.renderAttachments?.(message) ?? nothing) : nothing}
    <div class="meta">
      <time datetime=${new Date(message.at).toISOString()}>${formatTime(i18n.lang, message.at)}</time>
      ${message.mine
        ? html`<span class="status" part="message-status" title=${i18n.term(STATUS_TERMS[status])}
            >${STATUS_ICONS[status]}<span class=${failed ? 'status-text' : 'visually-hidden'}
              >${i18n.term(STATUS_TERMS[status])}</span
            ></span
          >`
        : nothing}
    </div>
    ${failed && message.mine
      ? html`<div class="failed-actions">
          ${message.error ? html`<span class="error-text">${i18n.errorMessage(message.error.code)}</span>` : nothing}
          <button type="button" part="retry-button" class="text-button" @click=${() => actions.retry(message)}>
            ${retryIcon}<span>${i18n.term('message.retry')}</span>
          </button>
          <button type="button" part="discard-button" class="text-button" @click=${() => actions.discard(message)}>
            ${i18n.term('message.discard')}
          </button>
        </div>`
      : nothing}
  </div>`;
}
