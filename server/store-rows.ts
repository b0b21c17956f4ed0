/** Row shapes, row-to-model mapping and the prepared statements of `SupportStore`. */
import type Database from 'better-sqlite3';
import type { Attachment, MessageKind, ProductContext, UserRef, WireMessage } from '../src/protocol/model.js';
import type { StoredConversation } from './store.js';

export interface ConversationRow {
  id: string;
  shop: string;
  customer_id: string;
  customer_name: string;
  context: string | null;
  last_seq: number;
  updated_at: number;
}

export interface MessageRow {
  conversation_id: string;
  seq: number;
  client_msg_id: string;
  from_user: string;
  kind: string;
  body: string;
  attachments: string | null;
  context: string | null;
  at: number;
}

export interface ReceiptRow {
  user_id: string;
  delivered_up_to: number;
  read_up_to: number;
}

export function toConversation(row: ConversationRow): StoredConversation {
  const conversation: StoredConversation = {
    id: row.id,
    shop: row.shop,
    customer: { id: row.customer_id, name: row.customer_name },
    lastSeq: row.last_seq,
    updatedAt: row.updated_at,
  };
  if (row.context !== null) conversation.context = JSON.parse(row.context) as ProductContext;
  return conversation;
}

export function toMessage(row: MessageRow): WireMessage {
  const message: WireMessage = {
    seq: row.seq,
    conversationId: row.conversation_id,
    clientMsgId: row.client_msg_id,
    from: JSON.parse(row.from_user) as UserRef,
    kind: row.kind as MessageKind,
    body: row.body,
    at: row.at,
  };
  if (row.attachments !== null) message.attachments = JSON.parse(row.attachments) as Attachment[];
  if (row.context !== null) message.context = JSON.parse(row.context) as ProductContext;
  return message;
}

export function jsonOrNull(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/** Every statement the store runs, prepared once. */
export function prepareStatements(db: Database.Database) {
  return {
    getConversation: db.prepare<[string], ConversationRow>('SELECT * FROM conversations WHERE id = ?'),
    insertConversation: db.prepare(
      `INSERT INTO conversations (id, shop, customer_id, customer_name, context, last_seq, updated_at)
       VALUES (?, ?, ?, ?, NULL, 0, ?) ON CONFLICT (id) DO NOTHING`,
    ),
    listShop: db.prepare<[string, number], ConversationRow>(
      'SELECT * FROM conversations WHERE shop = ? ORDER BY updated_at DESC, id LIMIT ?',
    ),
    bumpConversation: db.prepare(
      'UPDATE conversations SET last_seq = ?, updated_at = ?, context = coalesce(?, context) WHERE id = ?',
    ),
    setContext: db.prepare('UPDATE conversations SET context = ? WHERE id = ?'),
    findByClientId: db.prepare<[string, string], MessageRow>(
      'SELECT * FROM messages WHERE conversation_id = ? AND client_msg_id = ?',
    ),
    getMessage: db.prepare<[string, number], MessageRow>('SELECT * FROM messages WHERE conversation_id = ? AND seq = ?'),
    insertMessage: db.prepare(
      `INSERT INTO messages (conversation_id, seq, client_msg_id, from_user, kind, body, attachments, context, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    after: db.prepare<[string, number, number], MessageRow>(
      'SELECT * FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?',
    ),
    before: db.prepare<[string, number, number], MessageRow>(
      'SELECT * FROM messages WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
    ),
    receipts: db.prepare<[string], ReceiptRow>(
      'SELECT user_id, delivered_up_to, read_up_to FROM receipts WHERE conversation_id = ?',
    ),
    receipt: db.prepare<[string, string], ReceiptRow>(
      'SELECT user_id, delivered_up_to, read_up_to FROM receipts WHERE conversation_id = ? AND user_id = ?',
    ),
    upsertReceipt: db.prepare(
      `INSERT INTO receipts (conversation_id, user_id, delivered_up_to, read_up_to) VALUES (?, ?, ?, ?)
       ON CONFLICT (conversation_id, user_id) DO UPDATE SET
         delivered_up_to = max(delivered_up_to, excluded.delivered_up_to),
         read_up_to = max(read_up_to, excluded.read_up_to)`,
    ),
  };
}
