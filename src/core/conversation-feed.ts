import type { ConversationSummary, UserRef, WireMessage } from '../protocol/model.js';
import type { Emitter } from '../base/emitter.js';
import type { HistoryPage, ReceiptEvent, TypingEvent } from '../transports/types.js';
import type { ConversationStore, MessageChange } from './conversation-store.js';
import type { SupportClientEvents } from './types.js';

export interface ConversationFeedOptions {
  store: ConversationStore;
  events: Emitter<SupportClientEvents>;
  /** My message came back from the server (another tab, or acked before a reload). */
  echoed: (clientMsgId: string) => void;
  /** Messages from others reached this client: a delivered receipt is due. */
  delivered: (conversationId: string) => void;
}

/**
 * What the backend tells the client about conversations (messages, summaries, history pages,
 * typing, receipts) and how many agents are online, applied to the `ConversationStore` and told to
 * the client's listeners as `message`, `conversation`, `unread`, `typing` and `presence` events. Also knows the customer's own
 * conversation (`primaryId`) and expires typing indicators.
 */
export class ConversationFeed {
  /** A customer's own conversation (their first); undefined for agents. */
  primaryId: string | undefined;
  /** Agents online, as the backend last said (a welcome sets it too). */
  agentsOnline = 0;
  private readonly lastUnread = new Map<string, number>();
  private typingTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: ConversationFeedOptions) {}

  /** A welcome's conversations; `readAhead` is called for each one read further here than on the server. */
  welcome(me: UserRef, conversations: readonly ConversationSummary[], readAhead: (conversationId: string) => void): void {
    const { store } = this.options;
    for (const summary of conversations) {
      // A read made while the link was dead (or offline) is re-sent, up to what was really read.
      if (store.readMark(summary.id) > (summary.readUpTo[me.id] ?? 0)) readAhead(summary.id);
      this.summary(summary);
    }
    if (this.primaryId === undefined && me.role === 'customer') {
      const own = conversations.find((c) => c.customer.id === me.id) ?? conversations[0];
      this.primaryId = own?.id;
    }
  }

  message(wire: WireMessage): void {
    const { store, events } = this.options;
    const { conversationId } = wire;
    const typingStopped = { conversationId, user: wire.from, typing: false };
    if (store.setTyping(typingStopped, Date.now())) events.emit('typing', typingStopped);
    const change = store.receive(wire);
    if (!change) return;
    if (change.message.mine) this.options.echoed(wire.clientMsgId);
    this.emitChanges([change]);
    if (change.isNew) events.emit('conversation', { conversationId });
    if (!change.message.mine) this.options.delivered(conversationId);
    this.emitUnread(conversationId);
  }

  /** A conversation appeared or changed (outside a welcome). */
  conversation(summary: ConversationSummary): void {
    this.summary(summary);
    const me = this.options.store.user;
    if (this.primaryId === undefined && me?.role === 'customer' && summary.customer.id === me.id) {
      this.primaryId = summary.id;
    }
    this.options.delivered(summary.id);
  }

  /** A page of history: the latest one (`latest`) or one before the oldest loaded message. */
  history(conversationId: string, page: HistoryPage, latest: boolean): void {
    this.options.store.applyHistory(conversationId, page, latest);
    this.options.events.emit('conversation', { conversationId });
    this.emitUnread(conversationId);
    this.options.delivered(conversationId);
  }

  typing(event: TypingEvent): void {
    if (this.options.store.setTyping(event, Date.now())) this.options.events.emit('typing', event);
    // A refresh of an ongoing indicator moves its expiry.
    this.scheduleTypingExpiry();
  }

  receipt(event: ReceiptEvent): void {
    const { store, events } = this.options;
    const changes = store.applyReceipt(event);
    events.emit('receipt', event);
    this.emitChanges(changes);
    if (event.userId === store.user?.id) this.emitUnread(event.conversationId);
  }

  /** The backend's presence count changed. */
  presence(agentsOnline: number): void {
    this.agentsOnline = agentsOnline;
    this.options.events.emit('presence', { agentsOnline });
  }

  /** Tells listeners the unread count of `conversationId` when it changed. */
  emitUnread(conversationId: string): void {
    const { store, events } = this.options;
    const unread = store.unread(conversationId);
    if (this.lastUnread.get(conversationId) === unread) return;
    this.lastUnread.set(conversationId, unread);
    events.emit('unread', { conversationId, unread, total: store.totalUnread() });
  }

  stop(): void {
    clearTimeout(this.typingTimer);
    this.typingTimer = undefined;
  }

  private summary(summary: ConversationSummary): void {
    this.emitChanges(this.options.store.applySummary(summary));
    this.options.events.emit('conversation', { conversationId: summary.id });
    this.emitUnread(summary.id);
  }

  private emitChanges(changes: MessageChange[]): void {
    for (const { conversationId, message, isNew } of changes) {
      this.options.events.emit('message', { conversationId, message, isNew });
    }
  }

  private scheduleTypingExpiry(): void {
    clearTimeout(this.typingTimer);
    this.typingTimer = undefined;
    const { store, events } = this.options;
    const next = store.nextTypingExpiry();
    if (next === undefined) return;
    this.typingTimer = setTimeout(
      () => {
        for (const event of store.expireTyping(Date.now())) events.emit('typing', event);
        this.scheduleTypingExpiry();
      },
      Math.max(0, next - Date.now()),
    );
  }
}
