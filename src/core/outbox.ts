import { SupportError } from './errors.js';
import type { ErrorCode } from './errors.js';
import type { Attachment, MessageKind, ProductContext, UserRef } from '../protocol/model.js';
import type { ChatMessage, KeyValueStorage } from './types.js';

/** A message waiting for the server's ack, as persisted. */
export interface OutboxEntry {
  clientMsgId: string;
  conversationId: string;
  kind: MessageKind;
  body: string;
  attachments?: Attachment[];
  context?: ProductContext;
  /** Local time of sending, ms since epoch. */
  at: number;
  /** Set when sending failed for good; the entry stays until retried or discarded. */
  failed?: { code: ErrorCode; message: string };
}

const KEY_PREFIX = 'support-widget:outbox:';

function isEntry(value: unknown): value is OutboxEntry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Partial<OutboxEntry>;
  return (
    typeof e.clientMsgId === 'string' &&
    typeof e.conversationId === 'string' &&
    typeof e.kind === 'string' &&
    typeof e.body === 'string' &&
    typeof e.at === 'number'
  );
}

/** The error a failed entry carries, as a `SupportError`. */
export function entryError(entry: OutboxEntry): SupportError | undefined {
  if (!entry.failed) return undefined;
  return new SupportError(entry.failed.code, entry.failed.message, { retryable: false });
}

/** The optimistic message an outbox entry shows as. */
export function outboxMessage(entry: OutboxEntry, me: UserRef): ChatMessage {
  const error = entryError(entry);
  return {
    clientMsgId: entry.clientMsgId,
    conversationId: entry.conversationId,
    from: me,
    kind: entry.kind,
    body: entry.body,
    ...(entry.attachments ? { attachments: entry.attachments } : {}),
    ...(entry.context ? { context: entry.context } : {}),
    at: entry.at,
    mine: true,
    status: error ? 'failed' : 'sending',
    ...(error ? { error } : {}),
  };
}

/**
 * Messages not yet acknowledged, in send order, persisted per user (`support-widget:outbox:<userId>`)
 * so they survive a reload. Before the user is known entries live in memory and are merged on `bind()`.
 */
export class Outbox {
  private entries: OutboxEntry[] = [];
  private key: string | undefined;

  constructor(private readonly storage: KeyValueStorage) {}

  /** Attaches the outbox to a user: loads their persisted entries and merges the in-memory ones. */
  bind(userId: string): OutboxEntry[] {
    const key = KEY_PREFIX + userId;
    if (this.key === key) return this.list();
    const persisted = this.load(key);
    const known = new Set(persisted.map((e) => e.clientMsgId));
    // Entries made before any user was known belong to this user; another user's stay with them.
    const carried = this.key === undefined ? this.entries.filter((e) => !known.has(e.clientMsgId)) : [];
    this.key = key;
    this.entries = [...persisted, ...carried];
    this.save();
    return this.list();
  }

  list(): OutboxEntry[] {
    return [...this.entries];
  }

  get(clientMsgId: string): OutboxEntry | undefined {
    return this.entries.find((e) => e.clientMsgId === clientMsgId);
  }

  /** The oldest entry that is still to be sent. */
  next(): OutboxEntry | undefined {
    return this.entries.find((e) => !e.failed);
  }

  add(entry: OutboxEntry): void {
    this.entries.push(entry);
    this.save();
  }

  markFailed(clientMsgId: string, error: SupportError): void {
    this.update(clientMsgId, (e) => ({ ...e, failed: { code: error.code, message: error.message } }));
  }

  markPending(clientMsgId: string): void {
    this.update(clientMsgId, ({ failed: _failed, ...e }) => e);
  }

  remove(clientMsgId: string): void {
    const before = this.entries.length;
    this.entries = this.entries.filter((e) => e.clientMsgId !== clientMsgId);
    if (this.entries.length !== before) this.save();
  }

  private update(clientMsgId: string, change: (entry: OutboxEntry) => OutboxEntry): void {
    this.entries = this.entries.map((e) => (e.clientMsgId === clientMsgId ? change(e) : e));
    this.save();
  }

  private load(key: string): OutboxEntry[] {
    try {
      const raw = this.storage.getItem(key);
      if (!raw) return [];
      const value: unknown = JSON.parse(raw);
      return Array.isArray(value) ? value.filter(isEntry) : [];
    } catch {
      return [];
    }
  }

  private save(): void {
    if (this.key === undefined) return;
    try {
      if (this.entries.length === 0) this.storage.removeItem(this.key);
      else this.storage.setItem(this.key, JSON.stringify(this.entries));
    } catch {
      // A full or blocked storage keeps the outbox in memory for this page only.
    }
  }
}
