import { SupportError } from '../protocol/errors.js';
import type { ErrorCode } from '../protocol/errors.js';
import { mergeOutbox, parseOutbox, type OutboxState, type Tombstone } from './outbox-merge.js';
import type { AttachmentKind, UserRef } from '../protocol/model.js';
import { draftOf, type MessageDraft } from '../protocol/message-draft.js';
import type { ChatMessage, KeyValueStorage, MessageUpload } from './types.js';
import { outboxKey } from './outbox-key.js';

/** A file of a queued message that is not stored yet; its bytes wait in the `OutboxFileStore`. */
export interface PendingFile {
  /** Its place among the message's attachments once stored (0-based, counting the stored ones). */
  slot: number;
  name: string;
  kind: AttachmentKind;
}

/** A message waiting for the server's ack, as persisted: its draft, with what it still waits for. */
export interface OutboxEntry extends MessageDraft {
  /** Files to store before the message can be sent (after `attachments`). */
  files?: PendingFile[];
  /** Local time of sending, ms since epoch. */
  at: number;
  /** Set when sending failed for good; the entry stays until retried or discarded. */
  failed?: { code: ErrorCode; message: string };
  /** Revision, raised by every change: when two tabs changed an entry, the higher one wins. */
  rev?: number;
}

/** What another tab changed in the stored outbox. */
export interface OutboxChanges {
  added: OutboxEntry[];
  changed: OutboxEntry[];
  removed: { entry: OutboxEntry; discarded: boolean }[];
}


/** The error a failed entry carries, as a `SupportError`. */
export function entryError(entry: OutboxEntry): SupportError | undefined {
  if (!entry.failed) return undefined;
  return new SupportError(entry.failed.code, entry.failed.message, { retryable: false });
}

/** The optimistic message an outbox entry shows as; `uploads` are its files' progress. */
export function outboxMessage(entry: OutboxEntry, me: UserRef, uploads?: readonly MessageUpload[]): ChatMessage {
  const error = entryError(entry);
  return {
    ...draftOf(entry),
    from: me,
    at: entry.at,
    mine: true,
    status: error ? 'failed' : 'sending',
    ...(error ? { error } : {}),
    ...(uploads?.length ? { uploads } : {}),
  };
}

/**
 * Messages not yet acknowledged, in send order, persisted per user (`support-widget:outbox:<userId>`)
 * so they survive a reload. Before the user is known entries live in memory and are merged on `bind()`.
 *
 * Tabs of one customer share the stored list: every write merges with what is stored (see
 * `mergeOutbox`) instead of overwriting it, removed ids are remembered so no tab brings them
 * back, and `sync()` takes in what another tab wrote.
 */
export class Outbox {
  private entries: OutboxEntry[] = [];
  private removed: Record<string, Tombstone> = {};
  private key: string | undefined;
  private listener: ((changes: OutboxChanges) => void) | undefined;

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly now: () => number = Date.now,
  ) {}

  /** The storage key of the bound user's outbox. */
  get storageKey(): string | undefined {
    return this.key;
  }

  /** Attaches the outbox to a user: loads their persisted entries and merges the in-memory ones. */
  bind(userId: string): OutboxEntry[] {
    const key = outboxKey(userId);
    if (this.key === key) return this.list();
    // Entries made before any user was known belong to this user; another user's stay with them.
    const carried: OutboxState = this.key === undefined ? { entries: this.entries, removed: this.removed } : { entries: [], removed: {} };
    this.key = key;
    this.entries = carried.entries;
    this.removed = carried.removed;
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

  /** Changes an entry (raising its revision); returns the new one. */
  update(clientMsgId: string, change: (entry: OutboxEntry) => OutboxEntry): OutboxEntry | undefined {
    let updated: OutboxEntry | undefined;
    this.entries = this.entries.map((e) => {
      if (e.clientMsgId !== clientMsgId) return e;
      updated = { ...change(e), rev: (e.rev ?? 0) + 1 };
      return updated;
    });
    if (updated) this.save();
    return updated;
  }

  markFailed(clientMsgId: string, error: SupportError): void {
    this.update(clientMsgId, (e) => ({ ...e, failed: { code: error.code, message: error.message } }));
  }

  markPending(clientMsgId: string): void {
    this.update(clientMsgId, ({ failed: _failed, ...e }) => e);
  }

  /** Takes an entry out (sent, or `discarded` by the user), for every tab. */
  remove(clientMsgId: string, discarded = false): void {
    this.entries = this.entries.filter((e) => e.clientMsgId !== clientMsgId);
    this.removed[clientMsgId] = discarded ? { at: this.now(), discarded: true } : { at: this.now() };
    this.save();
  }

  /** Takes in what other tabs stored (call on their `storage` events); returns what changed here. */
  sync(): OutboxChanges {
    if (this.key === undefined) return { added: [], changed: [], removed: [] };
    const { changes, raw } = this.merge(this.key, false);
    // Writes back only what this tab adds (entries another tab's write lost), so tabs do not echo each other.
    this.write(this.key, raw);
    return changes;
  }

  /** Calls `listener` when a merge brings in what another tab changed. */
  onForeignChange(listener: (changes: OutboxChanges) => void): void {
    this.listener = listener;
  }

  private state(): OutboxState {
    return { entries: this.entries, removed: this.removed };
  }

  /** Writes this tab's entries merged with the stored ones (a change here wins a tie). */
  private save(): void {
    if (this.key === undefined) return;
    this.write(this.key, this.merge(this.key, true).raw, true);
  }

  /** Merges the stored outbox into this one; tells the listener what another tab changed. */
  private merge(key: string, preferMine: boolean): { changes: OutboxChanges; raw: string | null } {
    let raw: string | null = null;
    try {
      raw = this.storage.getItem(key);
    } catch {
      // Unreadable: merge with nothing.
    }
    const before = new Map(this.entries.map((e) => [e.clientMsgId, e]));
    const merged = mergeOutbox(this.state(), parseOutbox(raw), this.now(), preferMine);
    this.entries = merged.entries;
    this.removed = merged.removed;
    const changes: OutboxChanges = { added: [], changed: [], removed: [] };
    for (const entry of merged.entries) {
      const known = before.get(entry.clientMsgId);
      before.delete(entry.clientMsgId);
      if (!known) changes.added.push(entry);
      else if (known !== entry && JSON.stringify(known) !== JSON.stringify(entry)) changes.changed.push(entry);
    }
    for (const entry of before.values()) {
      changes.removed.push({ entry, discarded: this.removed[entry.clientMsgId]?.discarded === true });
    }
    if (changes.added.length + changes.changed.length + changes.removed.length > 0) this.listener?.(changes);
    return { changes, raw };
  }

  /** Stores the outbox, unless it is what is stored already (and not `always`). */
  private write(key: string, stored: string | null, always = false): void {
    const empty = this.entries.length === 0 && Object.keys(this.removed).length === 0;
    const value = empty ? null : JSON.stringify({ v: 2, entries: this.entries, removed: this.removed });
    if (!always && value === stored) return;
    try {
      if (value === null) this.storage.removeItem(key);
      else this.storage.setItem(key, value);
    } catch {
      // A full or blocked storage keeps the outbox in memory for this page only.
    }
  }
}
