import type { ConversationStore } from './conversation-store.js';

/** Delivered receipts are batched over this window. */
export const DELIVERED_BATCH_MS = 250;

/**
 * At most this many receipts per window (16/s), the rest wait for the next one: an agent desk
 * watching many busy conversations must not spend the server's per-connection frame budget
 * (30/s by default) on receipts and get its own sends rate-limited.
 */
export const DELIVERED_PER_BATCH = 4;

export interface DeliveredReceiptsOptions {
  store: ConversationStore;
  send: (conversationId: string, upTo: number) => void;
  isConnected: () => boolean;
}

/**
 * Tells the other members which messages reached this client, batched: one `delivered`
 * receipt per conversation per window, only when messages from others arrived since the last.
 */
export class DeliveredReceipts {
  private readonly pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: DeliveredReceiptsOptions) {}

  schedule(conversationId: string): void {
    if (this.options.store.deliveredToReport(conversationId) === undefined) return;
    this.pending.add(conversationId);
    this.timer ??= setTimeout(() => this.flush(), DELIVERED_BATCH_MS);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }

  private flush(): void {
    this.timer = undefined;
    // Offline: the next welcome schedules every conversation again.
    if (!this.options.isConnected()) {
      this.pending.clear();
      return;
    }
    const { store, send } = this.options;
    let sent = 0;
    for (const conversationId of this.pending) {
      if (sent === DELIVERED_PER_BATCH) break;
      this.pending.delete(conversationId);
      const upTo = store.deliveredToReport(conversationId);
      if (upTo === undefined) continue;
      send(conversationId, upTo);
      store.noteDelivered(conversationId, upTo);
      sent++;
    }
    // Oldest first: conversations left over go out in the next window.
    if (this.pending.size > 0) this.timer = setTimeout(() => this.flush(), DELIVERED_BATCH_MS);
  }
}
