/**
 * A message as one line of text for a list of conversations: its words with whitespace folded,
 * "Photo" / "Voice message"... for a message of attachments alone, "Video call · 4:12" for a call
 * summary and an assistant answer's text (never their JSON). Used by the desk's queue, the customer profile and the customer's own
 * conversations.
 */
import type { AttachmentTermKey } from '../../i18n/en/attachments.js';
import type { CallSummaryTermKey } from '../../i18n/en/call-summary.js';
import type { Terms } from '../../i18n/localize-controller.js';
import type { WireMessage } from '../../protocol/model.js';
import { parseAssistantReply } from '../../protocol/validate-assistant.js';
import { describeAttachments } from '../attachments/attachment-view.js';
import { callSummaryText } from '../support-call/call-summary-text.js';

/** An assistant answer's text (issue 18), never its JSON; a handoff has none (its staff note follows it). */
function assistantPreview(body: string): string {
  return parseAssistantReply(body)?.text.replace(/\s+/g, ' ').trim() ?? '';
}

/** The catalogs a preview is worded from. */
export interface PreviewTerms {
  summary: Terms<CallSummaryTermKey>;
  attachments: Terms<AttachmentTermKey>;
}

/** `message` as one line; `words` may word other kinds (a desk note or event) and wins when it answers. */
export function messagePreview(
  message: Pick<WireMessage, 'kind' | 'body' | 'attachments'>,
  terms: PreviewTerms,
  words?: () => string | undefined,
): string {
  const special = message.kind === 'call-summary' ? callSummaryText(message.body, terms.summary)?.title : message.kind === 'assistant' ? assistantPreview(message.body) : words?.();
  return special ?? (message.body.replace(/\s+/g, ' ').trim() || describeAttachments(message.attachments ?? [], terms.attachments));
}
