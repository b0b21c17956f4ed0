import type { DeskFields, DeskView } from '../protocol/desk.js';
import { SupportError } from '../protocol/errors.js';
import type { ConversationSummary } from '../protocol/model.js';

/**
 * The desk's fields of a summary (staff get them; absent means open, unassigned, no labels). A
 * summary replaces them whole: what it leaves out is no longer so.
 */
export function deskFieldsOf(summary: ConversationSummary): DeskFields {
  const { status, snoozedUntil, assignee, labels } = summary;
  return {
    ...(status === undefined ? {} : { status }),
    ...(snoozedUntil === undefined ? {} : { snoozedUntil }),
    ...(assignee === undefined ? {} : { assignee: { id: assignee.id, name: assignee.name } }),
    ...(labels === undefined || labels.length === 0 ? {} : { labels: [...labels] }),
  };
}

/**
 * True when a conversation belongs in a queue view: `mine` (assigned to `selfId`), `unassigned`
 * (to nobody) or `all`.
 *
 * @example
 * client.conversations().filter((c) => inDeskView(c, 'mine', client.user?.id));
 */
export function inDeskView(conversation: DeskFields, view: DeskView, selfId: string | undefined): boolean {
  if (view === 'all') return true;
  if (view === 'unassigned') return conversation.assignee === undefined;
  return selfId !== undefined && conversation.assignee?.id === selfId;
}

/** What every desk call of a backend without a desk (Agora) rejects with. */
export function noDesk(): SupportError {
  return new SupportError('config', 'the desk needs the relay backend', { retryable: false });
}
