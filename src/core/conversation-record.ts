import type { DeskFields } from '../protocol/desk.js';
import type { ConversationSummary, ProductContext, UserRef, WireMessage } from '../protocol/model.js';
import type { HistoryPage } from '../transports/types.js';
import { deskFieldsOf } from './desk-fields.js';
import { relationshipFieldsOf, type RelationshipFields } from './relationship-fields.js';
import { MessageList, type ConfirmedMessage } from './message-list.js';
import { ReceiptMarks } from './receipt-marks.js';
import { TypingRoster } from './typing-roster.js';
import type { ChatMessage, ConversationView } from './types.js';

/** A message that was added or changed. */
export interface MessageChange {
  conversationId: string;
  message: ChatMessage;
  isNew: boolean;
}

/**
 * The state of one conversation as the current user (`me`, passed in: it may become known later)
 * sees it: messages in seq order, receipt marks and the statuses they give my messages, the resume
 * point, unread count and typing, and a cached view dropped on every change (`invalidate()`).
 * Pure: no I/O, no clock.
 */
export class ConversationRecord {
  customer = { id: '', name: '' };
  context: ProductContext | undefined;
  /** Status, assignee, labels: as the last summary said (staff only). */
  desk: DeskFields = {};
  /** Contact email and satisfaction question: as the last summary said. */
  relationship: RelationshipFields = {};
  lastSeq = 0;
  updatedAt = 0;
  readonly marks = new ReceiptMarks();
  readonly messages = new MessageList();
  readonly typing = new TypingRoster();
  /** The latest history page has been loaded. */
  loaded = false;
  private more = false;
  /** Every message from the loaded window up to this seq is known (the resume point). */
  syncedUpTo: number | undefined;
  /** A customer's: every seq above this one they may see came on the connection's ordered stream (a summary's `lastSeq`). */
  private streamedFrom: number | undefined;
  /** Highest seq received from another member. */
  maxOtherSeq = 0;
  /** A summary has been applied (so a newer lastMessage is news). */
  private summarised = false;
  private cached: ConversationView | undefined;

  constructor(readonly id: string) {}

  /** Something shown changed: the next `view()` is built again. */
  invalidate(): void {
    this.cached = undefined;
  }

  /** Older messages can be loaded: per the last page once loaded, else when the server has any. */
  get hasMore(): boolean {
    return this.loaded ? this.more : this.lastSeq > 0;
  }

  /** Merges a summary (welcome or `conversation` frame). Returns messages that changed. */
  applySummary(summary: ConversationSummary, me: UserRef | undefined): MessageChange[] {
    const wasSummarised = this.summarised;
    const previousLastSeq = this.lastSeq;
    this.summarised = true;
    this.customer = { id: summary.customer.id, name: summary.customer.name };
    if (summary.context) this.context = summary.context;
    this.desk = deskFieldsOf(summary);
    this.relationship = relationshipFieldsOf(summary);
    // The relay gives a customer the last seq they may see, then each newer one in order: a seq
    // above it that never came is a note or desk event, not an unread message.
    if (me?.role === 'customer') this.streamedFrom = summary.lastSeq;
    this.lastSeq = Math.max(this.lastSeq, summary.lastSeq);
    this.updatedAt = Math.max(this.updatedAt, summary.updatedAt);
    this.marks.merge(summary.readUpTo, summary.deliveredUpTo);
    this.invalidate();
    const changes: MessageChange[] = [];
    // A resumed conversation gets its missed messages in order right after the welcome.
    const resumed = this.syncedUpTo !== undefined;
    if (summary.lastMessage && !resumed) {
      const change = this.place(summary.lastMessage, me);
      // The first summary only describes the past; a later one with a newer message is news.
      const announce = wasSummarised && summary.lastMessage.seq > previousLastSeq;
      if (change) changes.push({ ...change, isNew: change.isNew && announce });
    }
    changes.push(...this.refreshStatuses(me));
    return changes;
  }

  /** Merges a history page; `latest` when it is the newest page. Returns how many were new. */
  applyHistory(page: HistoryPage, latest: boolean, me: UserRef | undefined): number {
    let added = 0;
    let top = 0;
    for (const wire of page.messages) {
      top = Math.max(top, wire.seq);
      if (this.place(wire, me)) added++;
    }
    if (latest) {
      this.loaded = true;
      this.syncedUpTo = Math.max(this.syncedUpTo ?? 0, top);
      this.advanceSynced();
    }
    this.more = page.hasMore;
    this.invalidate();
    return added;
  }

  /** Places a server message. Undefined when it was already known. */
  place(wire: WireMessage, me: UserRef | undefined): MessageChange | undefined {
    const mine = me !== undefined && wire.from.id === me.id;
    const message: ConfirmedMessage = {
      ...wire,
      mine,
      status: mine ? this.marks.statusOf(wire.seq, me.id) : 'delivered',
    };
    const newest = wire.seq > this.topSeq();
    const result = this.messages.place(message);
    if (result === 'duplicate') return undefined;
    if (!mine) this.maxOtherSeq = Math.max(this.maxOtherSeq, wire.seq);
    if (wire.context && newest) this.context = wire.context;
    this.noteSeq(wire.seq, wire.at);
    return { conversationId: this.id, message, isNew: result === 'added' };
  }

  /** A message stored as `seq` at `at` is known. */
  noteSeq(seq: number, at: number): void {
    this.lastSeq = Math.max(this.lastSeq, seq);
    this.updatedAt = Math.max(this.updatedAt, at);
    this.advanceSynced();
    this.invalidate();
  }

  /**
   * A customer got `seq` on the connection's ordered stream (or its ack): every earlier seq they may
   * see came before it, so the ones missing are staff-only (notes, desk events) and never will.
   */
  passHidden(seq: number): void {
    if (this.syncedUpTo === undefined || seq <= this.syncedUpTo) return;
    this.syncedUpTo = seq;
    this.advanceSynced();
    this.invalidate();
  }

  /** My messages whose status the receipt marks changed, updated. */
  refreshStatuses(me: UserRef | undefined): MessageChange[] {
    const changes: MessageChange[] = [];
    for (const message of this.messages.confirmedMessages()) {
      if (!message.mine) continue;
      const status = this.marks.statusOf(message.seq, me?.id);
      if (status === message.status) continue;
      const updated = { ...message, status };
      this.messages.update(updated);
      changes.push({ conversationId: this.id, message: updated, isNew: false });
    }
    if (changes.length > 0) this.invalidate();
    return changes;
  }

  /**
   * Messages from others above my read mark; seqs not loaded yet count as from others, but for a
   * customer not those up to the resume point or after the stream began (staff-only seqs).
   */
  unread(me: UserRef): number {
    const readUpTo = this.marks.of(me.id, 'read');
    const floor = Math.max(readUpTo, this.syncedUpTo ?? 0);
    const ceiling = Math.min(this.topSeq(), this.streamedFrom ?? Number.POSITIVE_INFINITY);
    const confirmed = this.messages.confirmedMessages();
    let known = 0;
    let fromOthers = 0;
    for (let i = confirmed.length - 1; i >= 0; i--) {
      const message = confirmed[i];
      if (!message || message.seq <= readUpTo) break;
      if (message.seq > floor && message.seq <= ceiling) known++;
      // A desk event ("Alex took the conversation") is not a message to read.
      if (!message.mine && message.kind !== 'event') fromOthers++;
    }
    return fromOthers + Math.max(0, ceiling - floor - known);
  }

  /** The highest seq known, from the summary or a message. */
  topSeq(): number {
    return Math.max(this.lastSeq, this.messages.maxSeq() ?? 0);
  }

  /** The read-only view, cached until the next change. */
  view(me: UserRef | undefined): ConversationView {
    this.cached ??= {
      id: this.id,
      customer: this.customer,
      ...this.desk,
      ...this.relationship,
      ...(this.context ? { context: this.context } : {}),
      messages: this.messages.toArray(),
      unread: me ? this.unread(me) : 0,
      typing: this.typing.users(),
      hasMore: this.hasMore,
      lastSeq: this.lastSeq,
      updatedAt: this.updatedAt,
    };
    return this.cached;
  }

  private advanceSynced(): void {
    if (this.syncedUpTo === undefined) return;
    while (this.messages.findBySeq(this.syncedUpTo + 1)) this.syncedUpTo++;
  }
}
