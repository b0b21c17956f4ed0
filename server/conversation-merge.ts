/**
 * Moving a visitor's conversation into a signed-in customer's, in one transaction: the messages
 * are appended after the customer's last seq in their original order (with their attachments,
 * times and context; the visitor's own messages now from the customer), the uploads follow them,
 * and `conversation_merges` records the move so a second merge of the same conversation is a
 * no-op. Who may merge what is decided before this (`visitor-merge.ts`).
 */
import type Database from 'better-sqlite3';
import { LIMITS } from 'support-widget/protocol';
import type { UserRef, WireMessage } from 'support-widget/protocol';
import { senderKey } from './schema.js';
import { toMessage } from './store-rows.js';
import type { ConversationRow, MessageRow } from './store-rows.js';

/** What a merge did: the messages now in the customer's conversation (empty when nothing moved). */
export interface MergeOutcome {
  moved: WireMessage[];
  /** True when this conversation had been merged before (nothing happened now). */
  already: boolean;
}

export interface MergeInput {
  /** The shop of both conversations. */
  shop: string;
  /** The visitor's conversation. */
  from: string;
  /** The customer's conversation. */
  into: string;
  /** The visitor's user id: their messages become the customer's. */
  visitorId: string;
  customer: UserRef;
  now: number;
}

function prepare(db: Database.Database) {
  return {
    mergedInto: db.prepare<[string, string], { into_id: string }>('SELECT into_id FROM conversation_merges WHERE shop = ? AND from_id = ?'),
    conversation: db.prepare<[string, string], ConversationRow>('SELECT * FROM conversations WHERE shop = ? AND id = ?'),
    messages: db.prepare<[string, string], MessageRow>('SELECT * FROM messages WHERE shop = ? AND conversation_id = ? ORDER BY seq'),
    clientIdTaken: db.prepare<[string, string, string, string], { n: number }>(
      'SELECT count(*) AS n FROM messages WHERE shop = ? AND conversation_id = ? AND sender = ? AND client_msg_id = ?',
    ),
    insertMessage: db.prepare(
      `INSERT INTO messages (shop, conversation_id, seq, sender, client_msg_id, from_user, kind, body, attachments, context, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    deleteMessages: db.prepare('DELETE FROM messages WHERE shop = ? AND conversation_id = ?'),
    moveUploads: db.prepare('UPDATE uploads SET conversation_id = ? WHERE shop = ? AND conversation_id = ?'),
    bumpInto: db.prepare('UPDATE conversations SET last_seq = ?, updated_at = ?, context = coalesce(context, ?) WHERE shop = ? AND id = ?'),
    record: db.prepare('INSERT INTO conversation_merges (shop, from_id, into_id, messages, merged_at) VALUES (?, ?, ?, ?, ?)'),
  };
}

/** A client message id for the customer's conversation: the visitor's own unless its new sender already used it there. */
function freeClientId(taken: (sender: string, id: string) => boolean, sender: string, row: MessageRow): string {
  if (!taken(sender, row.client_msg_id)) return row.client_msg_id;
  return `m${row.seq}.${row.conversation_id}.${row.client_msg_id}`.slice(0, LIMITS.maxIdChars);
}

/** The `conversation_merges` table and the move itself. */
export class ConversationMerges {
  private readonly stmt: ReturnType<typeof prepare>;
  private readonly mergeTx: Database.Transaction<(input: MergeInput) => MergeOutcome>;

  constructor(db: Database.Database) {
    this.stmt = prepare(db);
    this.mergeTx = db.transaction((input: MergeInput) => this.move(input));
  }

  /** The conversation `from` (of `shop`) was merged into, if it was. */
  mergedInto(shop: string, from: string): string | undefined {
    return this.stmt.mergedInto.get(shop, from)?.into_id;
  }

  /** Moves `from`'s messages into `into` once; durable when it returns. */
  merge(input: MergeInput): MergeOutcome {
    return this.mergeTx.immediate(input);
  }

  private move({ shop, from, into, visitorId, customer, now }: MergeInput): MergeOutcome {
    if (this.stmt.mergedInto.get(shop, from) !== undefined) return { moved: [], already: true };
    const source = this.stmt.conversation.get(shop, from);
    const target = this.stmt.conversation.get(shop, into);
    if (source === undefined || target === undefined) return { moved: [], already: false };
    const rows = this.stmt.messages.all(shop, from);
    // Nothing to move is not a merge: the visitor may still write before signing in again.
    if (rows.length === 0) return { moved: [], already: false };
    const customerJson = JSON.stringify({ id: customer.id, name: customer.name, role: customer.role });
    const customerSender = senderKey(customer);
    const taken = (sender: string, id: string): boolean => (this.stmt.clientIdTaken.get(shop, into, sender, id)?.n ?? 0) > 0;
    let seq = target.last_seq;
    const moved: MessageRow[] = [];
    for (const row of rows) {
      seq += 1;
      const byVisitor = (JSON.parse(row.from_user) as UserRef).id === visitorId;
      const sender = byVisitor ? customerSender : row.sender;
      const next: MessageRow = {
        ...row,
        conversation_id: into,
        seq,
        sender,
        client_msg_id: freeClientId(taken, sender, row),
        from_user: byVisitor ? customerJson : row.from_user,
      };
      this.stmt.insertMessage.run(shop, into, seq, sender, next.client_msg_id, next.from_user, next.kind, next.body, next.attachments, next.context, next.at);
      moved.push(next);
    }
    this.stmt.deleteMessages.run(shop, from);
    this.stmt.moveUploads.run(into, shop, from);
    this.stmt.bumpInto.run(seq, now, source.context, shop, into);
    this.stmt.record.run(shop, from, into, rows.length, now);
    return { moved: moved.map(toMessage), already: false };
  }
}
