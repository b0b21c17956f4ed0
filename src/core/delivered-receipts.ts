import type { ConversationStore } from './conversation-store.js';

/** Delivered receipts are batched over this window. */
export const DELIVERED_BATCH_MS = 250;

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
    if (!this.options.isConnected()) return;
    const { store, send } = this.options;
    for (const conversationId of this.pending) {
      const upTo = store.deliveredToReport(conversationId);
      if (upTo === undefined) continue;
      send(conversationId, upTo);
      store.noteDelivered(conversationId, upTo);
    }
    this.pending.clear();
  }
}
