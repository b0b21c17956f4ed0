/** Row shapes and row-to-model mapping of `SupportStore`. */
import type { Attachment, ConversationStatus, MessageKind, ProductContext, UserRef, WireMessage } from 'support-widget/protocol';
import type { StoredConversation } from './store.js';

export interface ConversationRow {
  id: string;
  shop: string;
  customer_id: string;
  customer_name: string;
  /** The customer's email from their token, when it had one (schema 5; searched by agents). */
  customer_email?: string | null;
  context: string | null;
  last_seq: number;
  updated_at: number;
  /** The desk's columns (schema 6, `desk-schema.ts`). */
  status: string;
  snoozed_until: number | null;
  assignee_id: string | null;
  assignee_name: string | null;
  /** JSON list, sorted; null when none. */
  labels: string | null;
}

export interface MessageRow {
  shop: string;
  conversation_id: string;
  seq: number;
  /** The author's side, `customer` or `agent` (`senderKey`): the scope of `client_msg_id`. */
  sender: string;
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
  // Absent means open, unassigned, no labels (as `DeskFields` reads).
  if (row.status !== 'open') conversation.status = row.status as ConversationStatus;
  if (row.status === 'snoozed' && row.snoozed_until !== null) conversation.snoozedUntil = row.snoozed_until;
  if (row.assignee_id !== null) conversation.assignee = { id: row.assignee_id, name: row.assignee_name ?? '' };
  if (row.labels !== null) conversation.labels = JSON.parse(row.labels) as string[];
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

/** The `messages` row of a stored message, in the column order of the store's INSERT. */
export function messageRow(shop: string, sender: string, message: WireMessage): [string, string, number, string, string, string, string, string, string | null, string | null, number] {
  const { conversationId, seq, clientMsgId, from, kind, body, attachments, context, at } = message;
  return [shop, conversationId, seq, sender, clientMsgId, JSON.stringify(from), kind, body, jsonOrNull(attachments), jsonOrNull(context), at];
}

export function jsonOrNull(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}
