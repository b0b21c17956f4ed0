/**
 * A message as one line of text for a list of conversations: its words with whitespace folded,
 * "Photo" / "Voice message"... for a message of attachments alone, "Video call · 4:12" for a call
 * summary and an assistant answer's text (never their JSON), and a checklist's title with its
 * progress ("Steps: Pair your earbuds (2 of 5 done)", issue 20). Used by the desk's queue, the
 * customer profile and the customer's own conversations.
 */
import type { AssistantTermKey } from '../../i18n/en/assistant.js';
import type { AttachmentTermKey } from '../../i18n/en/attachments.js';
import type { CallSummaryTermKey } from '../../i18n/en/call-summary.js';
import type { StepsTermKey } from '../../i18n/en/steps.js';
import type { Terms } from '../../i18n/localize-controller.js';
import type { WireMessage } from '../../protocol/model.js';
import { parseAssistantReply } from '../../protocol/validate-assistant.js';
import { stepsProgress } from '../../protocol/guided-steps.js';
import { readGuidedSteps } from '../../protocol/validate-steps.js';
import { describeAttachments } from '../attachments/attachment-view.js';
import { callSummaryText } from '../support-call/call-summary-text.js';

/** An assistant answer's text (issue 18), never its JSON; a handoff's words when `terms` are given (else none: its staff note follows it on the desk). */
function assistantPreview(body: string, terms: Terms<AssistantTermKey> | undefined): string {
  const reply = parseAssistantReply(body);
  if (reply === undefined) return '';
  if (reply.handoff !== undefined && terms !== undefined) return terms.term(reply.handoff.to === 'leave-message' ? 'assistant.handoffMessage' : 'assistant.handoffPerson');
  return reply.text.replace(/\s+/g, ' ').trim();
}

/** A checklist's title and progress, never its JSON; without `terms` in figures alone ("Pair your earbuds · 2/5"). */
function stepsPreview(body: string, terms: Terms<StepsTermKey> | undefined): string {
  const checklist = readGuidedSteps(body);
  if (checklist === undefined) return '';
  const { done, total } = stepsProgress(checklist);
  const title = checklist.title.replace(/\s+/g, ' ').trim();
  return terms ? terms.term('steps.preview', { title, done, total }) : `${title} · ${done}/${total}`;
}

/** The catalogs a preview is worded from. */
export interface PreviewTerms {
  summary: Terms<CallSummaryTermKey>;
  attachments: Terms<AttachmentTermKey>;
  /** For what an assistant's handoff says ("I've asked a person to help you."). */
  assistant?: Terms<AssistantTermKey>;
  /** For a checklist's progress ("Steps: Pair your earbuds (2 of 5 done)"). */
  steps?: Terms<StepsTermKey>;
}

/** `message` as one line; `words` may word other kinds (a desk note or event) and wins when it answers. */
export function messagePreview(
  message: Pick<WireMessage, 'kind' | 'body' | 'attachments'>,
  terms: PreviewTerms,
  words?: () => string | undefined,
): string {
  const special = message.kind === 'call-summary' ? callSummaryText(message.body, terms.summary)?.title : message.kind === 'assistant' ? assistantPreview(message.body, terms.assistant) : message.kind === 'steps' ? stepsPreview(message.body, terms.steps) : words?.();
  return special ?? (message.body.replace(/\s+/g, ' ').trim() || describeAttachments(message.attachments ?? [], terms.attachments));
}
