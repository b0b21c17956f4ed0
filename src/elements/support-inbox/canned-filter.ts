/**
 * The `/` search of canned replies in the reply box: when it is open and what it matches. Pure.
 */
import type { CannedReply } from '../../protocol/desk.js';

/** Most replies the popup lists at once (type more to narrow). */
export const MAX_CANNED_MATCHES = 8;

/**
 * The text typed after a `/` that starts the reply box, up to the caret; undefined when the box
 * does not start with `/` or the caret has left the first line (the agent is writing, not searching).
 */
export function slashQuery(text: string, caret: number): string | undefined {
  if (!text.startsWith('/') || caret < 1) return undefined;
  const query = text.slice(1, caret);
  return query.includes('\n') ? undefined : query;
}

/**
 * The replies that match `query`, best first: shortcuts that start with it, then shortcuts that
 * hold it, then titles that hold every word of it (case-insensitive); at most `limit`.
 *
 * @example
 * ```ts
 * matchCannedReplies(replies, 'bat'); // `/battery` before `/ebattery` before "Battery drains fast"
 * ```
 */
export function matchCannedReplies(replies: readonly CannedReply[], query: string, limit = MAX_CANNED_MATCHES): CannedReply[] {
  const q = query.trim().toLowerCase();
  const words = q.split(/\s+/).filter(Boolean);
  const rank = (reply: CannedReply): number => {
    const shortcut = reply.shortcut.toLowerCase();
    if (shortcut.startsWith(q)) return 0;
    if (shortcut.includes(q)) return 1;
    const title = reply.title.toLowerCase();
    return words.every((word) => title.includes(word)) ? 2 : -1;
  };
  return replies
    .map((reply) => ({ reply, rank: rank(reply) }))
    .filter((entry) => entry.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.reply.shortcut.localeCompare(b.reply.shortcut))
    .slice(0, limit)
    .map((entry) => entry.reply);
}
