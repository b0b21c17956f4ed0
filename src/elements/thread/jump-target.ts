import type { ChatMessage, ConversationView } from '../../core/types.js';

/**
 * Where `jumpTo()` goes: a message by its id (`ChatMessage.clientMsgId`, as `support-message`
 * events and a message's `data-id` carry it), by its server sequence number (a search hit), or
 * the first message of a moment (a date, or ms since the epoch).
 */
export type JumpTarget = { messageId: string } | { seq: number } | { date: Date | number };

/** The target's index in the loaded messages, `older` when it is in a page not loaded yet, or `none`. */
export function findJumpTarget(conversation: Pick<ConversationView, 'messages' | 'hasMore'>, target: JumpTarget): number | 'older' | 'none' {
  const { messages, hasMore } = conversation;
  const oldest = messages[0];
  let index: number;
  if ('messageId' in target) {
    index = messages.findIndex((m) => m.clientMsgId === target.messageId);
    if (index < 0) return hasMore ? 'older' : 'none';
    return index;
  }
  if ('seq' in target) {
    if (hasMore && (oldest?.seq === undefined || oldest.seq > target.seq)) return 'older';
    index = messages.findIndex((m) => m.seq !== undefined && m.seq >= target.seq);
  } else {
    const at = typeof target.date === 'number' ? target.date : target.date.getTime();
    if (hasMore && (!oldest || oldest.at > at)) return 'older';
    index = messages.findIndex((m: ChatMessage) => m.at >= at);
    if (index < 0) index = messages.length - 1; // after the newest message: the newest one
  }
  return index < 0 ? 'none' : index;
}
