import type { ConversationSummary, ProductContext, UserRef, WireMessage } from '../protocol/model.js';
import type { HistoryPage, ReceiptEvent, TypingEvent } from '../transports/types.js';
import type { SupportError } from '../protocol/errors.js';
import { MessageList, type ConfirmedMessage } from './message-list.js';
import { ReceiptMarks } from './receipt-marks.js';
import { TypingRoster } from './typing-roster.js';
import type { ChatMessage, ConversationView } from './types.js';
import { draftOf } from '../protocol/message-draft.js';

export { TYPING_TTL_MS } from './typing-roster.js';

/** A message that was added or changed. */
export interface MessageChange {
  conversationId: string;
  message: ChatMessage;
  isNew: boolean;
}

interface ConversationRecord {
  id: string;
  customer: { id: string; name: string };
  context?: ProductContext;
  lastSeq: number;
  updatedAt: number;
  marks: ReceiptMarks;
  messages: MessageList;
  /** The latest history page has been loaded. */
  loaded: boolean;
  hasMore: boolean;
  /** Every message from the loaded window up to this seq is known (the resume point). */
  syncedUpTo?: number;
  /** Highest seq received from another member. */
  maxOtherSeq: number;
  /** A summary has been applied (so a newer lastMessage is news). */
  summarised: boolean;
  typing: TypingRoster;
  view?: ConversationView;
}

function withoutError(message: ChatMessage): ChatMessage {
  const { error: _error, ...rest } = message;
  return rest;
}

/**
 * Pure conversation state of the headless client: ordering by seq, dedupe by seq and
 * clientMsgId, unread counts, receipts turned into delivery statuses, typing. No I/O, no timers:
 * the caller passes the time and emits events for the changes returned.
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
      rec.view = undefined;
    }
  }

  has(conversationId: string): boolean {
    return this.records.has(conversationId);
  }

  isLoaded(conversationId: string): boolean {
    return this.records.get(conversationId)?.loaded ?? false;
  }

  hasMore(conversationId: string): boolean {
    const rec = this.records.get(conversationId);
    if (!rec) return false;
    return rec.loaded ? rec.hasMore : rec.lastSeq > 0;
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
    const rec = this.record(summary.id);
    const wasSummarised = rec.summarised;
    const previousLastSeq = rec.lastSeq;
    rec.summarised = true;
    rec.customer = { id: summary.customer.id, name: summary.customer.name };
    if (summary.context) rec.context = summary.context;
    rec.lastSeq = Math.max(rec.lastSeq, summary.lastSeq);
    rec.updatedAt = Math.max(rec.updatedAt, summary.updatedAt);
    rec.marks.merge(summary.readUpTo, summary.deliveredUpTo);
    rec.view = undefined;
    const changes: MessageChange[] = [];
    // A resumed conversation gets its missed messages in order right after the welcome.
    const resumed = rec.syncedUpTo !== undefined;
    if (summary.lastMessage && !resumed) {
      const change = this.placeWire(rec, summary.lastMessage);
      // The first summary only describes the past; a later one with a newer message is news.
      const announce = wasSummarised && summary.lastMessage.seq > previousLastSeq;
      if (change) changes.push({ ...change, isNew: change.isNew && announce });
    }
    changes.push(...this.refreshStatuses(rec));
    return changes;
  }

  /** Adds an optimistic local message (status `sending` or `failed`). */
  addLocal(message: ChatMessage): boolean {
    const rec = this.record(message.conversationId);
    if (!rec.messages.pushLocal(message)) return false;
    rec.updatedAt = Math.max(rec.updatedAt, message.at);
    rec.view = undefined;
    return true;
  }

  /** A live, resumed or echoed server message. Undefined when it was already known. */
  receive(wire: WireMessage): MessageChange | undefined {
    return this.placeWire(this.record(wire.conversationId), wire);
  }

  /** The server stored my message as `seq`. Undefined when nothing changed. */
  acknowledge(conversationId: string, clientMsgId: string, seq: number, at: number): ChatMessage | undefined {
    const rec = this.records.get(conversationId);
    const existing = rec?.messages.find(clientMsgId);
    if (!rec || !existing || existing.seq !== undefined) return undefined;
    const message: ConfirmedMessage = { ...withoutError(existing), seq, at, status: rec.marks.statusOf(seq, this.me?.id) };
    const placed = rec.messages.place(message);
    this.noteSeq(rec, seq, at);
    if (placed !== 'duplicate') return message;
    // Stored once already, as another member of my side's (see MessageList.place): that one shows.
    rec.view = undefined;
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
    rec.view = undefined;
    return true;
  }

  /** Merges a history page; `latest` when it is the newest page (no `beforeSeq`). Returns how many were new. */
  applyHistory(conversationId: string, page: HistoryPage, latest: boolean): number {
    const rec = this.record(conversationId);
    let added = 0;
    let top = 0;
    for (const wire of page.messages) {
      top = Math.max(top, wire.seq);
      if (this.placeWire(rec, wire)) added++;
    }
    if (latest) {
      rec.loaded = true;
      rec.syncedUpTo = Math.max(rec.syncedUpTo ?? 0, top);
      this.advanceSynced(rec);
    }
    rec.hasMore = page.hasMore;
    rec.view = undefined;
    return added;
  }

  /** A member's delivered/read mark moved. Returns my messages whose status changed. */
  applyReceipt(event: ReceiptEvent): MessageChange[] {
    const rec = this.record(event.conversationId);
    if (!rec.marks.raise(event.userId, event.kind, event.upTo)) return [];
    rec.view = undefined;
    return this.refreshStatuses(rec);
  }

  /** Marks everything up to the last seq read by me. Returns the seq to report, if it moved. */
  markRead(conversationId: string): number | undefined {
    const rec = this.records.get(conversationId);
    if (!rec || !this.me) return undefined;
    const upTo = Math.max(rec.lastSeq, rec.messages.maxSeq() ?? 0);
    if (!rec.marks.raise(this.me.id, 'read', upTo)) return undefined;
    rec.view = undefined;
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
    if (!rec || !this.me) return 0;
    const readUpTo = rec.marks.of(this.me.id, 'read');
    const confirmed = rec.messages.confirmedMessages();
    let known = 0;
    let fromOthers = 0;
    for (let i = confirmed.length - 1; i >= 0; i--) {
      const message = confirmed[i];
      if (!message || message.seq <= readUpTo) break;
      known++;
      if (!message.mine) fromOthers++;
    }
    const top = Math.max(rec.lastSeq, rec.messages.maxSeq() ?? 0);
    return fromOthers + Math.max(0, top - readUpTo - known);
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
    rec.view = undefined;
  }

  /** Applies an incoming typing event; true when the visible typing list changed. */
  setTyping(event: TypingEvent, now: number): boolean {
    if (this.me && event.user.id === this.me.id) return false;
    const rec = this.record(event.conversationId);
    const changed = rec.typing.set(event.user, event.typing, now);
    if (changed) rec.view = undefined;
    return changed;
  }

  /** Removes typing entries not refreshed in time; returns them as `typing: false` events. */
  expireTyping(now: number): TypingEvent[] {
    const expired: TypingEvent[] = [];
    for (const rec of this.records.values()) {
      for (const user of rec.typing.expire(now)) {
        rec.view = undefined;
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
    const rec = this.records.get(conversationId);
    if (!rec) return undefined;
    rec.view ??= {
      id: rec.id,
      customer: rec.customer,
      ...(rec.context ? { context: rec.context } : {}),
      messages: rec.messages.toArray(),
      unread: this.unread(rec.id),
      typing: rec.typing.users(),
      hasMore: this.hasMore(rec.id),
      lastSeq: rec.lastSeq,
      updatedAt: rec.updatedAt,
    };
    return rec.view;
  }

  /** Every conversation, most recently updated first. */
  views(): ConversationView[] {
    const views: ConversationView[] = [];
    for (const id of this.records.keys()) {
      const view = this.view(id);
      if (view) views.push(view);
    }
    return views.sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id));
  }

  private record(conversationId: string): ConversationRecord {
    let rec = this.records.get(conversationId);
    if (!rec) {
      rec = {
        id: conversationId,
        customer: { id: '', name: '' },
        lastSeq: 0,
        updatedAt: 0,
        marks: new ReceiptMarks(),
        messages: new MessageList(),
        loaded: false,
        hasMore: false,
        maxOtherSeq: 0,
        summarised: false,
        typing: new TypingRoster(),
      };
      this.records.set(conversationId, rec);
    }
    return rec;
  }

  private placeWire(rec: ConversationRecord, wire: WireMessage): MessageChange | undefined {
    const mine = this.me !== undefined && wire.from.id === this.me.id;
    const message: ConfirmedMessage = {
      ...draftOf(wire),
      seq: wire.seq,
      from: wire.from,
      at: wire.at,
      mine,
      status: mine ? rec.marks.statusOf(wire.seq, this.me?.id) : 'delivered',
    };
    const newest = wire.seq > Math.max(rec.lastSeq, rec.messages.maxSeq() ?? 0);
    const result = rec.messages.place(message);
    if (result === 'duplicate') return undefined;
    if (!mine) rec.maxOtherSeq = Math.max(rec.maxOtherSeq, wire.seq);
    if (wire.context && newest) rec.context = wire.context;
    this.noteSeq(rec, wire.seq, wire.at);
    return { conversationId: rec.id, message, isNew: result === 'added' };
  }

  private noteSeq(rec: ConversationRecord, seq: number, at: number): void {
    rec.lastSeq = Math.max(rec.lastSeq, seq);
    rec.updatedAt = Math.max(rec.updatedAt, at);
    this.advanceSynced(rec);
    rec.view = undefined;
  }

  private advanceSynced(rec: ConversationRecord): void {
    if (rec.syncedUpTo === undefined) return;
    while (rec.messages.findBySeq(rec.syncedUpTo + 1)) rec.syncedUpTo++;
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
    rec.view = undefined;
    return message;
  }

  private refreshStatuses(rec: ConversationRecord): MessageChange[] {
    const changes: MessageChange[] = [];
    for (const message of rec.messages.confirmedMessages()) {
      if (!message.mine) continue;
      const status = rec.marks.statusOf(message.seq, this.me?.id);
      if (status === message.status) continue;
      const updated = { ...message, status };
      rec.messages.update(updated);
      changes.push({ conversationId: rec.id, message: updated, isNew: false });
    }
    if (changes.length > 0) rec.view = undefined;
    return changes;
  }
}
