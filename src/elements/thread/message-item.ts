import { html, nothing, type TemplateResult } from 'lit';
import type { ChatMessage, DeliveryStatus } from '../../core/types.js';
import { formatTime } from '../../i18n/date-format.js';
import type { CallSummaryTermKey } from '../../i18n/en/call-summary.js';
import { errorTerm, type ThreadTermKey } from '../../i18n/en/thread.js';
import type { Terms } from '../../i18n/localize-controller.js';
import { alertIcon, checkIcon, clockIcon, doubleCheckIcon, retryIcon } from '../panel-icons.js';
import { renderMessageText } from '../text/message-text.js';
import { renderCallSummary } from '../support-call/call-summary-text.js';

/** Who a message is from, as the `data-from` attribute says. */
export type MessageOrigin = 'me' | 'them' | 'system';

export function messageOrigin(message: ChatMessage): MessageOrigin {
  if (message.kind !== 'text' && message.kind !== 'note') return 'system';
  return message.mine ? 'me' : 'them';
}

const STATUS_TERMS: Record<DeliveryStatus, ThreadTermKey> = {
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

/** How the agent's desk shows staff-only messages (`thread/desk-messages.ts`); without it they read as plain text. */
export interface DeskMessages {
  /** A desk event (`kind: 'event'`) as one line of words in the thread. */
  renderEvent(message: ChatMessage): TemplateResult;
  /** The label atop a private note (`kind: 'note'`). */
  renderNoteLabel(message: ChatMessage): TemplateResult;
  /** An event's or a note's words for announcements and previews; undefined for other kinds. */
  words(message: ChatMessage): string | undefined;
}

/** Messages of kinds an element draws itself (the chat's satisfaction question, `kind: 'csat'`). */
export interface MessageKinds {
  /** The message drawn in full; undefined: drawn as any other. */
  render(message: ChatMessage): TemplateResult | undefined;
  /** Its words for announcements; undefined for other kinds. */
  words(message: ChatMessage): string | undefined;
}

export interface MessageItemActions {
  retry(message: ChatMessage): void;
  discard(message: ChatMessage): void;
  /** Renders a message's attachments (photos, players, files) and its files still uploading; without it they are not shown. */
  renderAttachments?(message: ChatMessage): TemplateResult | typeof nothing;
  /** Call summaries in the reader's words. */
  summaryTerms: Terms<CallSummaryTermKey>;
  /** The reader's user id: their own name reads "You" in call summaries. */
  selfId?(): string | undefined;
  /** Notes and desk events (the inbox). */
  desk?: DeskMessages;
  /** Kinds the element draws itself (the chat's CSAT question). */
  kinds?: MessageKinds;
}

/**
 * One message: `part="message"` with `data-from` and `data-status`, the text (links safe; a
 * call summary in the reader's words, `part="call-summary"`), its
 * attachments, the time and, for the user's own messages, the delivery state; a failed message
 * offers retry.
 */
export function renderMessageItem(
  message: ChatMessage,
  options: { terms: Terms<ThreadTermKey>; showSender: boolean; actions: MessageItemActions },
): TemplateResult {
  const { terms, showSender, actions } = options;
  const origin = messageOrigin(message);
  const status = message.status;
  const failed = status === 'failed';
  const files = (message.attachments?.length ?? 0) + (message.uploads?.length ?? 0);
  // The desk shows the customer's satisfaction question as one of its lines too.
  if ((message.kind === 'event' || message.kind === 'csat') && actions.desk) return actions.desk.renderEvent(message);
  const own = actions.kinds?.render(message);
  if (own) return own;
  return html`<div
    part="message"
    class="message"
    data-from=${origin}
    data-status=${status}
    data-kind=${message.kind}
    data-id=${message.clientMsgId}
  >
    ${showSender && origin === 'them' ? html`<span class="sender">${message.from.name}</span>` : nothing}
    ${message.kind === 'note' ? (actions.desk?.renderNoteLabel(message) ?? nothing) : nothing}
    ${message.body || files === 0
      ? html`<div class="bubble" part="bubble">${message.kind === 'call-summary'
          ? renderCallSummary(message.body, actions.summaryTerms, actions.selfId?.())
          : renderMessageText(message.body)}</div>`
      : nothing}
    ${files > 0 ? (actions.renderAttachments?.(message) ?? nothing) : nothing}
    <div class="meta">
      <time datetime=${new Date(message.at).toISOString()}>${formatTime(terms.lang, message.at)}</time>
      ${message.mine
        ? html`<span class="status" part="message-status" title=${terms.term(STATUS_TERMS[status])}
            >${STATUS_ICONS[status]}<span class=${failed ? 'status-text' : 'visually-hidden'}
              >${terms.term(STATUS_TERMS[status])}</span
            ></span
          >`
        : nothing}
    </div>
    ${failed && message.mine
      ? html`<div class="failed-actions">
          ${message.error ? html`<span class="error-text">${terms.term(errorTerm(message.error.code))}</span>` : nothing}
          <button type="button" part="retry-button" class="text-button" @click=${() => actions.retry(message)}>
            ${retryIcon}<span>${terms.term('message.retry')}</span>
          </button>
          <button type="button" part="discard-button" class="text-button" @click=${() => actions.discard(message)}>
            ${terms.term('message.discard')}
          </button>
        </div>`
      : nothing}
  </div>`;
}
