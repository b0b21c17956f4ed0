/**
 * A `call-summary` message in words, in the reader's language: "Video call · 3:12" and "Started
 * by Ada at 14:05 · ended by Bo". Small and free of the call UI, so a chat thread can import it
 * without loading the call chunk.
 */
import { html, type TemplateResult } from 'lit';
import { parseCallSummary, type CallSummaryRecord } from '../../core/call/call-summary-message.js';
import { formatTime } from '../../i18n/date-format.js';
import type { CallSummaryTermKey } from '../../i18n/en/call-summary.js';
import type { Terms } from '../../i18n/localize-controller.js';
import { formatDuration } from './call-status.js';

/** Two lines: what happened, and who/when. */
export interface CallSummaryText {
  title: string;
  detail: string;
}

const OUTCOME: Record<Exclude<CallSummaryRecord['end'], 'hangup'>, CallSummaryTermKey> = {
  declined: 'call.summary.declined',
  cancelled: 'call.summary.cancelled',
  busy: 'call.summary.busy',
  timeout: 'call.summary.missed',
  failed: 'call.summary.failed',
  'peer-left': 'call.summary.failed',
  'media-denied': 'call.summary.failed',
  'no-device': 'call.summary.failed',
};

/**
 * The text of a summary body; `undefined` when the body is not a summary this version reads
 * (show the raw body then). `i18n`: the call-summary strings (`LocalizeController.use(callSummaryCatalog)`);
 * `selfId` turns the reader's own name into "You".
 */
export function callSummaryText(
  body: string,
  i18n: Terms<CallSummaryTermKey>,
  selfId?: string,
): CallSummaryText | undefined {
  const record = parseCallSummary(body);
  if (!record) return undefined;
  const name = (user: { id: string; name: string } | undefined): string =>
    user?.id === selfId ? i18n.term('call.summary.you') : user?.name || i18n.term('call.summary.customer');
  const kind = i18n.term(record.video ? 'call.summary.video' : 'call.summary.audio');
  const connected = record.connectedAt !== undefined;
  let outcome: string;
  if (connected && record.end !== 'hangup') outcome = `${formatDuration(record.durationMs)} · ${i18n.term('call.summary.dropped')}`;
  else if (connected || record.end === 'hangup') outcome = formatDuration(record.durationMs);
  else outcome = i18n.term(OUTCOME[record.end]);
  const started = i18n.term('call.summary.startedBy', { name: name(record.caller), time: formatTime(i18n.lang, record.startedAt) });
  const ender = record.endedBy === undefined ? undefined : record.endedBy === record.caller.id ? record.caller : record.callee;
  const ended = record.endedBy === undefined ? '' : ` · ${i18n.term('call.summary.endedBy', { name: ender ? name(ender) : record.endedBy })}`;
  return { title: `${kind} · ${outcome}`, detail: `${started}${ended}` };
}

/**
 * The bubble content of a `call-summary` message for a thread (`part="call-summary"`): the two
 * lines, or the raw body as text when it is not a summary this version reads.
 *
 * @example
 * ```ts
 * message.kind === 'call-summary' ? renderCallSummary(message.body, i18n, client.user?.id) : renderMessageText(message.body)
 * ```
 */
export function renderCallSummary(body: string, i18n: Terms<CallSummaryTermKey>, selfId?: string): TemplateResult {
  const text = callSummaryText(body, i18n, selfId);
  if (!text) return html`${body}`;
  return html`<span part="call-summary" class="call-summary"
    ><strong class="call-summary-title">${text.title}</strong><br /><small class="call-summary-detail">${text.detail}</small></span
  >`;
}
