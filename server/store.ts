/**
 * Durable history in SQLite (WAL, `synchronous = FULL`: a commit is on disk before it returns,
 * so the server may acknowledge right after). better-sqlite3 is synchronous, which also makes
 * each `send` atomic with respect to every other frame the process handles.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { draftOf, LIMITS } from 'support-widget/protocol';
import type { ConversationSummary, DeskFields, MessageDraft, ProductContext, ReceiptKind, UserRef, WireMessage } from 'support-widget/protocol';
import { senderKey } from './schema.js';
import { openSchema } from './schema-migrate.js';
import { jsonOrNull, messageRow, toConversation, toMessage } from './store-rows.js';
import type { ConversationRow, MessageRow, ReceiptRow } from './store-rows.js';
import { UploadIndex } from './upload-index.js';
import { MessageVisibility } from './message-visibility.js';

/** A conversation row, with its desk fields (absent: open, unassigned, no labels). */
export interface StoredConversation extends DeskFields {
  id: string;
  shop: string;
  customer: { id: string; name: string };
  context?: ProductContext;
  lastSeq: number;
  updatedAt: number;
}

/** What `send` stores: a checked draft, with its shop and author. */
export interface NewMessage extends MessageDraft {
  shop: string;
  from: UserRef;
}

/**
 * `duplicate` is true when the sending side's clientMsgId was already stored: same seq and at,
 * nothing new. Otherwise `conversation` is the conversation as this message left it (its summary
 * needs no second read).
 */
export type SendResult = { message: WireMessage; duplicate: true } | { message: WireMessage; duplicate: false; conversation: StoredConversation };

/** A send to a conversation that does not exist (never created, or deleted by the privacy API): nothing was written. */
export class UnknownConversation extends Error {
  constructor(readonly conversationId: string) {
    super(`unknown conversation ${conversationId}`);
  }
}

/** A message of a batch failed (not the transaction): `sendBatch` then stores the others one savepoint each. */
class MessageFailed extends Error {
  constructor(cause: unknown) {
    super('a message of the batch failed', { cause });
  }
}

/** Every statement the store runs, prepared once. */
function prepareStatements(db: Database.Database) {
  return {
    getConversation: db.prepare<[string, string], ConversationRow>('SELECT * FROM conversations WHERE shop = ? AND id = ?'),
    // A conversation deleted by the privacy API starts again after its last seq (never reused).
    insertConversation: db.prepare(
      `INSERT INTO conversations (shop, id, customer_id, customer_name, context, last_seq, updated_at)
       VALUES (:shop, :id, :customerId, :customerName, NULL,
               coalesce((SELECT last_seq FROM conversation_tombstones WHERE shop = :shop AND id = :id), 0), :now)
       ON CONFLICT (shop, id) DO NOTHING`,
    ),
    // A visitor conversation merged into a customer's is empty: the queue shows the customer's.
    listShop: db.prepare<[{ shop: string; limit: number }], ConversationRow>(
      `SELECT * FROM conversations WHERE shop = :shop AND id NOT IN (SELECT from_id FROM conversation_merges WHERE shop = :shop)
       ORDER BY updated_at DESC, id LIMIT :limit`,
    ),
    // The next seq and the row it leaves, in one statement: a send reads its conversation here only.
    nextSeq: db.prepare<[number, string | null, string, string], ConversationRow>(
      'UPDATE conversations SET last_seq = last_seq + 1, updated_at = ?, context = coalesce(?, context) WHERE shop = ? AND id = ? RETURNING *',
    ),
    setContext: db.prepare('UPDATE conversations SET context = ? WHERE shop = ? AND id = ?'),
    findByClientId: db.prepare<[string, string, string, string], MessageRow>(
      'SELECT * FROM messages WHERE shop = ? AND conversation_id = ? AND sender = ? AND client_msg_id = ?',
    ),
    getMessage: db.prepare<[string, string, number], MessageRow>('SELECT * FROM messages WHERE shop = ? AND conversation_id = ? AND seq = ?'),
    insertMessage: db.prepare(
      `INSERT INTO messages (shop, conversation_id, seq, sender, client_msg_id, from_user, kind, body, attachments, context, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    // The batch's fast path: no lookup first; a resend (the same side's clientMsgId) inserts nothing (changes = 0).
    insertUnlessResent: db.prepare(
      `INSERT INTO messages (shop, conversation_id, seq, sender, client_msg_id, from_user, kind, body, attachments, context, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (shop, conversation_id, sender, client_msg_id) DO NOTHING`,
    ),
    after: db.prepare<[string, string, number, number], MessageRow>(
      'SELECT * FROM messages WHERE shop = ? AND conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?',
    ),
    before: db.prepare<[string, string, number, number], MessageRow>(
      'SELECT * FROM messages WHERE shop = ? AND conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
    ),
    receipts: db.prepare<[string, string], ReceiptRow>(
      'SELECT user_id, delivered_up_to, read_up_to FROM receipts WHERE shop = ? AND conversation_id = ?',
    ),
    receipt: db.prepare<[string, string, string], ReceiptRow>(
      'SELECT user_id, delivered_up_to, read_up_to FROM receipts WHERE shop = ? AND conversation_id = ? AND user_id = ?',
    ),
    upsertReceipt: db.prepare(
      `INSERT INTO receipts (shop, conversation_id, user_id, delivered_up_to, read_up_to) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (shop, conversation_id, user_id) DO UPDATE SET
         delivered_up_to = max(delivered_up_to, excluded.delivered_up_to),
         read_up_to = max(read_up_to, excluded.read_up_to)`,
    ),
  };
}

/** Conversations, messages and receipts of one relay server. */
export class SupportStore {
  readonly path: string;
  /** Uploaded files' metadata (same database, so a message and its attachments share one file). */
  readonly uploads: UploadIndex;
  /** What customers may read (no notes, no events) and the staff's previews. */
  readonly visibility: MessageVisibility;
  private readonly db: Database.Database;
  private readonly stmt: ReturnType<typeof prepareStatements>;
  private readonly sendTx: Database.Transaction<(input: NewMessage, now: number) => SendResult>;
  /** A whole batch in one transaction, no savepoints: the common case, where every message stores. */
  private readonly sendBatchTx: Database.Transaction<(inputs: readonly NewMessage[], now: number) => (SendResult | UnknownConversation)[]>;
  /** The same batch with each message in its own savepoint, when one of them failed above. */
  private readonly sendEachTx: Database.Transaction<(inputs: readonly NewMessage[], now: number) => (SendResult | Error)[]>;
  private readonly receiptTx: Database.Transaction<
    (shop: string, conversationId: string, userId: string, kind: ReceiptKind, upTo: number) => number | undefined
  >;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.path = join(dataDir, 'support.sqlite');
    this.db = new Database(this.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    try {
      openSchema(this.db, this.path);
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.stmt = prepareStatements(this.db);
    this.uploads = new UploadIndex(this.db);
    this.visibility = new MessageVisibility(this.db);
    this.sendTx = this.db.transaction((input: NewMessage, now: number) => this.insertMessage(input, now));
    this.sendBatchTx = this.db.transaction((inputs: readonly NewMessage[], now: number) =>
      inputs.map((input) => {
        try {
          return this.insertFresh(input, now);
        } catch (error) {
          // An unknown conversation wrote nothing: no need to roll the others back.
          if (error instanceof UnknownConversation) return error;
          throw new MessageFailed(error);
        }
      }),
    );
    // Each message in its own savepoint (a nested transaction): one failing rolls back alone.
    this.sendEachTx = this.db.transaction((inputs: readonly NewMessage[], now: number) =>
      inputs.map((input) => {
        try {
          return this.sendTx(input, now);
        } catch (error) {
          return error instanceof Error ? error : new Error(String(error));
        }
      }),
    );
    this.receiptTx = this.db.transaction(
      (shop: string, conversationId: string, userId: string, kind: ReceiptKind, upTo: number) =>
        this.raiseReceipt(shop, conversationId, userId, kind, upTo),
    );
  }

  /** The open database, for the privacy and retention queries that live beside the store. */
  get database(): Database.Database {
    return this.db;
  }

  /** The conversation `id` of `shop` (ids are per shop: another shop's `id` is another conversation). */
  getConversation(shop: string, id: string): StoredConversation | undefined {
    const row = this.stmt.getConversation.get(shop, id);
    return row === undefined ? undefined : toConversation(row);
  }

  /** Creates the conversation when it does not exist yet; `created` tells which happened. */
  ensureConversation(
    id: string,
    shop: string,
    customer: { id: string; name: string },
    now: number,
  ): { conversation: StoredConversation; created: boolean } {
    const created = this.stmt.insertConversation.run({ shop, id, customerId: customer.id, customerName: customer.name, now }).changes > 0;
    const conversation = this.getConversation(shop, id);
    if (conversation === undefined) throw new Error(`conversation ${id} vanished`);
    return { conversation, created };
  }

  /** The shop's conversations, most recently active first (without visitor conversations merged away). */
  listShopConversations(shop: string, limit: number): StoredConversation[] {
    return this.stmt.listShop.all({ shop, limit }).map(toConversation);
  }

  /**
   * Stores a message with the next seq, or returns the stored one when the same side (customer or
   * agents) sent this `clientMsgId` before in this conversation (idempotent resend). The other
   * side's message with the same `clientMsgId` is a different message. Durable when it returns.
   */
  send(input: NewMessage, now: number): SendResult {
    return this.sendTx.immediate(input, now);
  }

  /**
   * Group commit: stores several messages in one transaction, so one fsync makes all of them
   * durable. Results (or the error of each one that failed) come back in input order. The batch
   * runs without a savepoint per message and without looking each clientMsgId up first (three
   * statements fewer each: the insert skips a resend instead); when any message fails or is a
   * resend, that transaction rolls back whole and the batch runs again the careful way (a lookup
   * and a savepoint per message), so a resend gets its stored seq and the others are still stored.
   * Throws when the transaction itself fails (its begin or commit).
   */
  sendBatch(inputs: readonly NewMessage[], now: number): (SendResult | Error)[] {
    try {
      return this.sendBatchTx.immediate(inputs, now);
    } catch (error) {
      if (!(error instanceof MessageFailed)) throw error;
      return this.sendEachTx.immediate(inputs, now);
    }
  }

  /** Stores `input` as a new message; a resend throws (the batch then runs again the careful way, which answers it). */
  private insertFresh(input: NewMessage, now: number): SendResult {
    const stored = this.storeNext(input, now, this.stmt.insertUnlessResent);
    if (stored === undefined) throw new Error(`resent message ${input.clientMsgId}`);
    return stored;
  }

  /** Stores `input` as a new message, or returns the one its side stored with the same clientMsgId. */
  private insertMessage(input: NewMessage, now: number): SendResult {
    const existing = this.stmt.findByClientId.get(input.shop, input.conversationId, senderKey(input.from), input.clientMsgId);
    if (existing !== undefined) return { message: toMessage(existing), duplicate: true };
    const stored = this.storeNext(input, now, this.stmt.insertMessage);
    if (stored === undefined) throw new Error(`message ${input.clientMsgId} was not stored`);
    return stored;
  }

  /** Takes the next seq and inserts the message row with `insert`; undefined when the insert stored nothing. */
  private storeNext(input: NewMessage, now: number, insert: Database.Statement): SendResult | undefined {
    const draft = draftOf(input);
    const row = this.stmt.nextSeq.get(now, jsonOrNull(draft.context), input.shop, input.conversationId);
    if (row === undefined) throw new UnknownConversation(input.conversationId);
    const message: WireMessage = { seq: row.last_seq, ...draft, from: { id: input.from.id, name: input.from.name, role: input.from.role }, at: now };
    if (insert.run(...messageRow(input.shop, senderKey(input.from), message)).changes === 0) return undefined;
    return { message, duplicate: false, conversation: toConversation(row) };
  }

  /** Messages with seq > `afterSeq`, oldest first, at most `limit`. */
  messagesAfter(shop: string, conversationId: string, afterSeq: number, limit: number): WireMessage[] {
    return this.stmt.after.all(shop, conversationId, afterSeq, limit).map(toMessage);
  }

  /** The newest page of messages with seq < `beforeSeq` (all when omitted), returned oldest first. */
  history(shop: string, conversationId: string, beforeSeq: number | undefined, limit: number): { messages: WireMessage[]; hasMore: boolean } {
    const pageSize = Math.max(1, Math.min(limit, LIMITS.maxHistoryPage));
    const rows = this.stmt.before.all(shop, conversationId, beforeSeq ?? Number.MAX_SAFE_INTEGER, pageSize + 1);
    const hasMore = rows.length > pageSize;
    return { messages: rows.slice(0, pageSize).reverse().map(toMessage), hasMore };
  }

  setContext(shop: string, conversationId: string, context: ProductContext): void {
    this.stmt.setContext.run(JSON.stringify(context), shop, conversationId);
  }

  /**
   * Raises the member's delivered (or read, which implies delivered) mark to `upTo` (never
   * lowers it). Returns the new mark of that kind, or undefined when nothing changed.
   */
  recordReceipt(shop: string, conversationId: string, userId: string, kind: ReceiptKind, upTo: number): number | undefined {
    return this.receiptTx.immediate(shop, conversationId, userId, kind, upTo);
  }

  private raiseReceipt(shop: string, conversationId: string, userId: string, kind: ReceiptKind, upTo: number): number | undefined {
    const before = this.stmt.receipt.get(shop, conversationId, userId);
    const previous = kind === 'read' ? (before?.read_up_to ?? 0) : (before?.delivered_up_to ?? 0);
    if (upTo <= previous) return undefined;
    this.stmt.upsertReceipt.run(shop, conversationId, userId, upTo, kind === 'read' ? upTo : 0);
    return upTo;
  }

  /**
   * What staff see of a conversation without its messages (desk fields included; the preview is
   * the newest message that is not an event); `lastMessage` when the caller has it (seq
   * `lastSeq`). A customer gets it through `visibility.forCustomer`.
   */
  summary(conversation: StoredConversation, lastMessage?: WireMessage): ConversationSummary {
    const readUpTo: Record<string, number> = {};
    const deliveredUpTo: Record<string, number> = {};
    for (const row of this.stmt.receipts.all(conversation.shop, conversation.id)) {
      readUpTo[row.user_id] = row.read_up_to;
      deliveredUpTo[row.user_id] = row.delivered_up_to;
    }
    const summary: ConversationSummary = {
      id: conversation.id,
      customer: { ...conversation.customer },
      lastSeq: conversation.lastSeq,
      readUpTo,
      deliveredUpTo,
      updatedAt: conversation.updatedAt,
    };
    if (conversation.context !== undefined) summary.context = conversation.context;
    const { status, snoozedUntil, assignee, labels } = conversation;
    if (status !== undefined) summary.status = status;
    if (snoozedUntil !== undefined) summary.snoozedUntil = snoozedUntil;
    if (assignee !== undefined) summary.assignee = { ...assignee };
    if (labels !== undefined && labels.length > 0) summary.labels = [...labels];
    let last = lastMessage?.seq === conversation.lastSeq ? lastMessage : undefined;
    if (last === undefined && conversation.lastSeq > 0) {
      const row = this.stmt.getMessage.get(conversation.shop, conversation.id, conversation.lastSeq);
      last = row === undefined ? undefined : toMessage(row);
    }
    if (last?.kind === 'event') last = this.visibility.staffPreview(conversation.shop, conversation.id);
    if (last !== undefined) summary.lastMessage = last;
    return summary;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
