import type { ConversationSummary, ProductContext, UserRef, WireMessage } from '../protocol/model.js';
import type { HistoryPage, ReceiptEvent, TypingEvent } from '../transports/types.js';
import type { SupportError } from '../protocol/errors.js';
import { ConversationRecord, type MessageChange } from './conversation-record.js';
import type { ConfirmedMessage } from './message-list.js';
import type { ChatMessage, ConversationView } from './types.js';

export { TYPING_TTL_MS } from './typing-roster.js';
export type { MessageChange } from './conversation-record.js';

function withoutError(message: ChatMessage): ChatMessage {
  const { error: _error, ...rest } = message;
  return rest;
}

/**
 * Pure conversation state of the headless client: ordering by seq, dedupe by seq and
 * clientMsgId, unread counts, receipts turned into delivery statuses, typing. No I/O, no timers:
 * the caller passes the time and emits events for the changes returned. Each conversation is a
 * `ConversationRecord`; the store knows the current user and which conversations there are.
 */
export class ConversationStore {
  private me: UserRef | undefined;
  private readonly records = new Map<string, ConversationRecord>();

  get user(): UserRef | undefined {
    return this.me;
  }

  /** Sets the current user; local messages created before it was known become theirs. */
  setUser(user: UserRef): void {
    this.me = user;
    for (const rec of this.records.values()) {
      for (const message of rec.messages.localMessages()) rec.messages.update({ ...message, from: user });
      rec.invalidate();
    }
  }

  has(conversationId: string): boolean {
    return this.records.has(conversationId);
  }

  isLoaded(conversationId: string): boolean {
    return this.records.get(conversationId)?.loaded ?? false;
  }

  hasMore(conversationId: string): boolean {
    return this.records.get(conversationId)?.hasMore ?? false;
  }

  oldestSeq(conversationId: string): number | undefined {
    return this.records.get(conversationId)?.messages.minSeq();
  }

  /** Creates an empty conversation when it is unknown (e.g. sending before the welcome). */
  ensure(conversationId: string): void {
    this.record(conversationId);
  }

  /** Merges a summary (welcome or `conversation` frame). Returns messages that changed. */
  applySummary(summary: ConversationSummary): MessageChange[] {
    return this.record(summary.id).applySummary(summary, this.me);
  }

  /** Adds an optimistic local message (status `sending` or `failed`). */
  addLocal(message: ChatMessage): boolean {
    const rec = this.record(message.conversationId);
    if (!rec.messages.pushLocal(message)) return false;
    rec.updatedAt = Math.max(rec.updatedAt, message.at);
    rec.invalidate();
    return true;
  }

  /** A live, resumed or echoed server message. Undefined when it was already known. */
  receive(wire: WireMessage): MessageChange | undefined {
    const rec = this.record(wire.conversationId);
    const change = rec.place(wire, this.me);
    if (this.me?.role === 'customer') rec.passHidden(wire.seq);
    return change;
  }

  /** The server stored my message as `seq`. Undefined when nothing changed. */
  acknowledge(conversationId: string, clientMsgId: string, seq: number, at: number): ChatMessage | undefined {
    const rec = this.records.get(conversationId);
    const existing = rec?.messages.find(clientMsgId);
    if (!rec || !existing || existing.seq !== undefined) return undefined;
    const message: ConfirmedMessage = { ...withoutError(existing), seq, at, status: rec.marks.statusOf(seq, this.me?.id) };
    const placed = rec.messages.place(message);
    rec.noteSeq(seq, at);
    if (this.me?.role === 'customer') rec.passHidden(seq);
    if (placed !== 'duplicate') return message;
    // Stored once already, as another member of my side's (see MessageList.place): that one shows.
    rec.invalidate();
    return rec.messages.findBySeq(seq);
  }

  markFailed(conversationId: string, clientMsgId: string, error: SupportError): ChatMessage | undefined {
    return this.updateLocal(conversationId, clientMsgId, (m) => ({ ...m, status: 'failed', error }));
  }

  markSending(conversationId: string, clientMsgId: string): ChatMessage | undefined {
    return this.updateLocal(conversationId, clientMsgId, (m) => ({ ...withoutError(m), status: 'sending' }));
  }

  /** Drops an unacknowledged local message. */
  discard(conversationId: string, clientMsgId: string): boolean {
    const rec = this.records.get(conversationId);
    if (!rec?.messages.removeLocal(clientMsgId)) return false;
    rec.invalidate();
    return true;
  }

  /** Merges a history page; `latest` when it is the newest page (no `beforeSeq`). Returns how many were new. */
  applyHistory(conversationId: string, page: HistoryPage, latest: boolean): number {
    return this.record(conversationId).applyHistory(page, latest, this.me);
  }

  /** A member's delivered/read mark moved. Returns my messages whose status changed. */
  applyReceipt(event: ReceiptEvent): MessageChange[] {
    const rec = this.record(event.conversationId);
    if (!rec.marks.raise(event.userId, event.kind, event.upTo)) return [];
    rec.invalidate();
    return rec.refreshStatuses(this.me);
  }

  /** Marks everything up to the last seq read by me. Returns the seq to report, if it moved. */
  markRead(conversationId: string): number | undefined {
    const rec = this.records.get(conversationId);
    if (!rec || !this.me) return undefined;
    const upTo = rec.topSeq();
    if (!rec.marks.raise(this.me.id, 'read', upTo)) return undefined;
    rec.invalidate();
    return upTo;
  }

  /** The seq to report as delivered to me, when messages from others arrived since the last report. */
  deliveredToReport(conversationId: string): number | undefined {
    const rec = this.records.get(conversationId);
    if (!rec || !this.me) return undefined;
    const reported = rec.marks.of(this.me.id, 'delivered');
    return rec.maxOtherSeq > reported ? rec.maxOtherSeq : undefined;
  }

  noteDelivered(conversationId: string, upTo: number): void {
    const rec = this.records.get(conversationId);
    if (rec && this.me) rec.marks.raise(this.me.id, 'delivered', upTo);
  }

  /** Messages from others above my read mark; seqs not loaded yet count as from others. */
  unread(conversationId: string): number {
    const rec = this.records.get(conversationId);
    return rec && this.me ? rec.unread(this.me) : 0;
  }

  totalUnread(): number {
    let total = 0;
    for (const id of this.records.keys()) total += this.unread(id);
    return total;
  }

  /** conversationId -> highest contiguous seq known, for `hello.resume`. */
  resumePoints(): Record<string, number> {
    const resume: Record<string, number> = {};
    for (const rec of this.records.values()) {
      if (rec.syncedUpTo !== undefined) resume[rec.id] = rec.syncedUpTo;
    }
    return resume;
  }

  setContext(conversationId: string, context: ProductContext): void {
    const rec = this.record(conversationId);
    rec.context = context;
    rec.invalidate();
  }

  /** Applies an incoming typing event; true when the visible typing list changed. */
  setTyping(event: TypingEvent, now: number): boolean {
    if (this.me && event.user.id === this.me.id) return false;
    const rec = this.record(event.conversationId);
    const changed = rec.typing.set(event.user, event.typing, now);
    if (changed) rec.invalidate();
    return changed;
  }

  /** Removes typing entries not refreshed in time; returns them as `typing: false` events. */
  expireTyping(now: number): TypingEvent[] {
    const expired: TypingEvent[] = [];
    for (const rec of this.records.values()) {
      for (const user of rec.typing.expire(now)) {
        rec.invalidate();
        expired.push({ conversationId: rec.id, user, typing: false });
      }
    }
    return expired;
  }

  nextTypingExpiry(): number | undefined {
    let next: number | undefined;
    for (const rec of this.records.values()) {
      const expiry = rec.typing.nextExpiry();
      if (expiry !== undefined) next = Math.min(next ?? expiry, expiry);
    }
    return next;
  }

  /** My own read mark in the conversation (0 when nothing was read or the user is unknown). */
  readMark(conversationId: string): number {
    const rec = this.records.get(conversationId);
    return rec && this.me ? rec.marks.of(this.me.id, 'read') : 0;
  }

  view(conversationId: string): ConversationView | undefined {
    return this.records.get(conversationId)?.view(this.me);
  }

  /** Every conversation, most recently updated first. */
  views(): ConversationView[] {
    const views = [...this.records.values()].map((rec) => rec.view(this.me));
    return views.sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id));
  }

  /** Swaps in a changed copy of an unacknowledged local message; undefined when there is none. */
  updateLocal(
    conversationId: string,
    clientMsgId: string,
    change: (message: ChatMessage) => ChatMessage,
  ): ChatMessage | undefined {
    const rec = this.records.get(conversationId);
    const existing = rec?.messages.find(clientMsgId);
    if (!rec || !existing || existing.seq !== undefined) return undefined;
    const message = change(existing);
    rec.messages.update(message);
    rec.invalidate();
    return message;
  }

  /** A stored message's body changed on the backend (a checklist's ticks, issue 20); `change` gives the new body. Undefined when not loaded or unchanged. */
  replaceBody(conversationId: string, seq: number, change: (body: string) => string | undefined): MessageChange | undefined {
    const rec = this.records.get(conversationId);
    const existing = rec?.messages.findBySeq(seq);
    const body = existing && change(existing.body);
    if (!rec || !existing || body === undefined || body === existing.body) return undefined;
    const message = { ...existing, body };
    rec.messages.update(message);
    rec.invalidate();
    return { conversationId, message, isNew: false };
  }

  private record(conversationId: string): ConversationRecord {
    let rec = this.records.get(conversationId);
    if (!rec) {
      rec = new ConversationRecord(conversationId);
      this.records.set(conversationId, rec);
    }
    return rec;
  }
}
