/**
 * An agent's queue in pages: the shop's conversations of one view (`all`, `mine`: assigned to the
 * agent, `unassigned`), most recently active first (visitor conversations merged away left out,
 * as in the store's queue), at most a page at a time, with a keyset cursor (the view, `updated_at`
 * and `id` of the last row sent) so the next page is one index range and a conversation bumped
 * meanwhile is neither skipped nor repeated (agents get it as a `conversation` frame anyway). The
 * welcome carries the first page of `all`; `conversations` frames ask for the others.
 */
import type Database from 'better-sqlite3';
import { isId, isStaff, LIMITS } from 'support-widget/protocol';
import type { ConversationSummary, ConversationsRequestFrame, DeskView } from 'support-widget/protocol';
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
  view: DeskView;
  updatedAt: number;
  id: string;
}

const VIEWS: readonly DeskView[] = ['all', 'mine', 'unassigned'];

/** `all` keeps the two-part cursor older relays gave; another view is named first. */
function encodeCursor({ view, updatedAt, id }: Position): string {
  return Buffer.from(view === 'all' ? `${updatedAt}\n${id}` : `${view}\n${updatedAt}\n${id}`, 'utf8').toString('base64url');
}

/** The position a cursor names, or undefined when it is not one the relay made. */
function decodeCursor(cursor: string): Position | undefined {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('\n');
  if (parts.length === 2) parts.unshift('all');
  const [view, time, id, extra] = parts;
  const updatedAt = Number(time);
  if (extra !== undefined || !VIEWS.includes(view as DeskView) || !Number.isSafeInteger(updatedAt) || !isId(id)) return undefined;
  return { view: view as DeskView, updatedAt, id };
}

/** The shop's queue, as the store lists it, narrowed to a view. */
const QUEUE = 'shop = @shop AND id NOT IN (SELECT from_id FROM conversation_merges WHERE shop = @shop)';
const VIEW_FILTER: Record<DeskView, string> = { all: '', mine: ' AND assignee_id = @me', unassigned: ' AND assignee_id IS NULL' };

interface PageParams {
  shop: string;
  limit: number;
  me: string;
  at?: number;
  id?: string;
}

type Statement = Database.Statement<[PageParams], ConversationRow>;

export class ConversationPages {
  private readonly first = new Map<DeskView, Statement>();
  private readonly after = new Map<DeskView, Statement>();

  constructor(db: Database.Database) {
    for (const view of VIEWS) {
      const where = `${QUEUE}${VIEW_FILTER[view]}`;
      this.first.set(view, db.prepare<[PageParams], ConversationRow>(`SELECT * FROM conversations WHERE ${where} ORDER BY updated_at DESC, id LIMIT @limit`));
      this.after.set(
        view,
        db.prepare<[PageParams], ConversationRow>(
          `SELECT * FROM conversations WHERE ${where} AND (updated_at < @at OR (updated_at = @at AND id > @id))
           ORDER BY updated_at DESC, id LIMIT @limit`,
        ),
      );
    }
  }

  /**
   * A page of `shop`'s queue in `view` (for the agent `me`) after `cursor` (from the top without
   * one); undefined for a cursor the relay did not make, or made for another view.
   */
  page(shop: string, cursor: string | undefined, limit: number, view: DeskView = 'all', me = ''): ConversationPage | undefined {
    const size = Math.max(1, Math.floor(limit));
    let rows: ConversationRow[];
    if (cursor === undefined) {
      rows = this.statement(this.first, view).all({ shop, limit: size + 1, me });
    } else {
      const position = decodeCursor(cursor);
      if (position === undefined || position.view !== view) return undefined;
      rows = this.statement(this.after, view).all({ shop, limit: size + 1, me, at: position.updatedAt, id: position.id });
    }
    const conversations = rows.slice(0, size).map(toConversation);
    const last = conversations.at(-1);
    if (rows.length <= size || last === undefined) return { conversations };
    return { conversations, nextCursor: encodeCursor({ view, updatedAt: last.updatedAt, id: last.id }) };
  }

  /** Answers a `conversations` frame: a page of a staff member's queue view (a customer's welcome lists all of theirs). */
  answer(connection: Connection, member: Member, frame: ConversationsRequestFrame, summary: (c: StoredConversation) => ConversationSummary): void {
    if (!isStaff(member.user.role)) {
      connection.reject('forbidden', "only agents page through the shop's queue", frame.requestId);
      return;
    }
    const page = this.page(member.shop, frame.cursor, frame.limit ?? LIMITS.maxConversationPage, frame.view, member.user.id);
    if (page === undefined) {
      connection.reject('bad-frame', 'cursor is not one this relay gave for this view', frame.requestId);
      return;
    }
    connection.send({
      type: 'conversations',
      requestId: frame.requestId,
      conversations: page.conversations.map(summary),
      ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
    });
  }

  private statement(statements: Map<DeskView, Statement>, view: DeskView): Statement {
    const statement = statements.get(view);
    if (statement === undefined) throw new Error(`no statement for view ${view}`);
    return statement;
  }
}
