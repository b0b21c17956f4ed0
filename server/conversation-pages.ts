/**
 * An agent's queue in pages: the shop's conversations, most recently active first (visitor
 * conversations merged away left out, as in the store's queue), at most a page at a time, with a
 * keyset cursor (`updated_at`, `id` of the last row sent) so the next page is one index range and
 * a conversation bumped meanwhile is neither skipped nor repeated (agents get it as a
 * `conversation` frame anyway). The welcome carries the first page; `conversations` frames ask
 * for the next.
 */
import type Database from 'better-sqlite3';
import { isId, LIMITS } from 'support-widget/protocol';
import type { ConversationSummary, ConversationsRequestFrame } from 'support-widget/protocol';
import type { Connection } from './connection.js';
import type { Member } from './hub.js';
import type { StoredConversation } from './store.js';
import { toConversation } from './store-rows.js';
import type { ConversationRow } from './store-rows.js';

export interface ConversationPage {
  conversations: StoredConversation[];
  /** Present when there are more: what the next request passes back. */
  nextCursor?: string;
}

interface Position {
  updatedAt: number;
  id: string;
}

function encodeCursor(position: Position): string {
  return Buffer.from(`${position.updatedAt}\n${position.id}`, 'utf8').toString('base64url');
}

/** The position a cursor names, or undefined when it is not one the relay made. */
function decodeCursor(cursor: string): Position | undefined {
  const [time, id, extra] = Buffer.from(cursor, 'base64url').toString('utf8').split('\n');
  const updatedAt = Number(time);
  if (extra !== undefined || !Number.isSafeInteger(updatedAt) || !isId(id)) return undefined;
  return { updatedAt, id };
}

/** The shop's queue, as the store lists it. */
const QUEUE = 'shop = @shop AND id NOT IN (SELECT from_id FROM conversation_merges WHERE shop = @shop)';

interface PageParams {
  shop: string;
  limit: number;
  at?: number;
  id?: string;
}

export class ConversationPages {
  private readonly first: Database.Statement<[PageParams], ConversationRow>;
  private readonly after: Database.Statement<[PageParams], ConversationRow>;

  constructor(db: Database.Database) {
    this.first = db.prepare<[PageParams], ConversationRow>(`SELECT * FROM conversations WHERE ${QUEUE} ORDER BY updated_at DESC, id LIMIT @limit`);
    this.after = db.prepare<[PageParams], ConversationRow>(
      `SELECT * FROM conversations WHERE ${QUEUE} AND (updated_at < @at OR (updated_at = @at AND id > @id))
       ORDER BY updated_at DESC, id LIMIT @limit`,
    );
  }

  /** A page of `shop`'s queue after `cursor` (from the top without one); undefined for a cursor the relay did not make. */
  page(shop: string, cursor: string | undefined, limit: number): ConversationPage | undefined {
    const size = Math.max(1, Math.floor(limit));
    let rows: ConversationRow[];
    if (cursor === undefined) {
      rows = this.first.all({ shop, limit: size + 1 });
    } else {
      const position = decodeCursor(cursor);
      if (position === undefined) return undefined;
      rows = this.after.all({ shop, limit: size + 1, at: position.updatedAt, id: position.id });
    }
    const conversations = rows.slice(0, size).map(toConversation);
    const last = conversations.at(-1);
    if (rows.length <= size || last === undefined) return { conversations };
    return { conversations, nextCursor: encodeCursor({ updatedAt: last.updatedAt, id: last.id }) };
  }

  /** Answers a `conversations` frame: the next page of an agent's queue (a customer's welcome lists all of theirs). */
  answer(connection: Connection, member: Member, frame: ConversationsRequestFrame, summary: (c: StoredConversation) => ConversationSummary): void {
    if (member.user.role !== 'agent') {
      connection.reject('forbidden', "only agents page through the shop's queue", frame.requestId);
      return;
    }
    const page = this.page(member.shop, frame.cursor, frame.limit ?? LIMITS.maxConversationPage);
    if (page === undefined) {
      connection.reject('bad-frame', 'cursor is not one this relay gave', frame.requestId);
      return;
    }
    connection.send({
      type: 'conversations',
      requestId: frame.requestId,
      conversations: page.conversations.map(summary),
      ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
    });
  }
}
