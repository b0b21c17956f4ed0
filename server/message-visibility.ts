/**
 * Who sees which messages: notes (`note`) and desk events (`event`) are the staff's alone, never
 * sent to a customer (live, in history, in a resume's replay, or as a summary's last message).
 * Staff see every message, but a summary's preview skips events ("Alex took the conversation" is
 * not what the customer last said). The customer's queries skip staff-only rows in SQL, so a page
 * is still full and `hasMore` still true to what they may read.
 */
import type Database from 'better-sqlite3';
import type { ConversationSummary, MessageKind, WireMessage } from 'support-widget/protocol';
import { toMessage } from './store-rows.js';
import type { MessageRow } from './store-rows.js';

/** Kinds a customer never receives. */
const STAFF_ONLY: ReadonlySet<MessageKind> = new Set<MessageKind>(['note', 'event']);
const CUSTOMER_SEES = "kind NOT IN ('note', 'event')";

/** True for a message kind only staff may receive. */
export function isStaffOnly(kind: MessageKind): boolean {
  return STAFF_ONLY.has(kind);
}

/** A summary without its desk fields (status, snooze, assignee, labels): what a customer may get. */
function withoutDeskFields(summary: ConversationSummary): ConversationSummary {
  const { status: _status, snoozedUntil: _snoozedUntil, assignee: _assignee, labels: _labels, ...rest } = summary;
  return rest;
}

function prepareStatements(db: Database.Database) {
  return {
      lastForCustomer: db.prepare<[string, string], MessageRow>(
        `SELECT * FROM messages WHERE shop = ? AND conversation_id = ? AND ${CUSTOMER_SEES} ORDER BY seq DESC LIMIT 1`,
      ),
      firstSeq: db.prepare<[string, string], { seq: number | null }>('SELECT min(seq) AS seq FROM messages WHERE shop = ? AND conversation_id = ?'),
      lastForStaff: db.prepare<[string, string], MessageRow>(
        "SELECT * FROM messages WHERE shop = ? AND conversation_id = ? AND kind <> 'event' ORDER BY seq DESC LIMIT 1",
      ),
      after: db.prepare<[string, string, number, number], MessageRow>(
        `SELECT * FROM messages WHERE shop = ? AND conversation_id = ? AND seq > ? AND ${CUSTOMER_SEES} ORDER BY seq LIMIT ?`,
      ),
      before: db.prepare<[string, string, number, number], MessageRow>(
        `SELECT * FROM messages WHERE shop = ? AND conversation_id = ? AND seq < ? AND ${CUSTOMER_SEES} ORDER BY seq DESC LIMIT ?`,
      ),
  };
}

export class MessageVisibility {
  private readonly stmt: ReturnType<typeof prepareStatements>;

  constructor(db: Database.Database) {
    this.stmt = prepareStatements(db);
  }

  /** The newest message staff see as the conversation's preview (not an event). */
  staffPreview(shop: string, conversationId: string): WireMessage | undefined {
    const row = this.stmt.lastForStaff.get(shop, conversationId);
    return row === undefined ? undefined : toMessage(row);
  }

  /**
   * A staff summary as a customer gets it: no desk fields, and `lastMessage`/`lastSeq` of the
   * newest message they can read, so no seq of a trailing note or event shows (with none to read,
   * the seq before the first stored message: a deleted conversation's counter still holds).
   */
  forCustomer(summary: ConversationSummary, shop: string): ConversationSummary {
    const clean = withoutDeskFields(summary);
    const last = clean.lastMessage;
    if (last !== undefined && last.seq === clean.lastSeq && !isStaffOnly(last.kind)) return clean;
    const row = this.stmt.lastForCustomer.get(shop, clean.id);
    if (row !== undefined) return { ...clean, lastMessage: toMessage(row), lastSeq: row.seq };
    delete clean.lastMessage;
    const first = this.stmt.firstSeq.get(shop, clean.id)?.seq;
    return typeof first === 'number' ? { ...clean, lastSeq: first - 1 } : clean;
  }

  /** The customer's messages with seq > `afterSeq`, oldest first, at most `limit` (a resume's replay). */
  customerMessagesAfter(shop: string, conversationId: string, afterSeq: number, limit: number): WireMessage[] {
    return this.stmt.after.all(shop, conversationId, afterSeq, limit).map(toMessage);
  }

  /** The customer's newest page of messages with seq < `beforeSeq` (all when omitted), oldest first. */
  customerHistory(shop: string, conversationId: string, beforeSeq: number | undefined, pageSize: number): { messages: WireMessage[]; hasMore: boolean } {
    const rows = this.stmt.before.all(shop, conversationId, beforeSeq ?? Number.MAX_SAFE_INTEGER, pageSize + 1);
    return { messages: rows.slice(0, pageSize).reverse().map(toMessage), hasMore: rows.length > pageSize };
  }
}
