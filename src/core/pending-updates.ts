import type { ProductContext } from '../protocol/model.js';
import type { MessagingTransport } from '../transports/types.js';
import type { ConversationStore } from './conversation-store.js';

export interface PendingUpdatesOptions {
  store: ConversationStore;
  transport: Pick<MessagingTransport, 'setContext' | 'sendReceipt'>;
  /** True while the link is up (updates go out at once). */
  isConnected: () => boolean;
  /** The client's `context` option, given to the customer's own conversation on the first welcome. */
  initialContext: ProductContext | undefined;
}

function sameContext(a: ProductContext | undefined, b: ProductContext | undefined): boolean {
  return JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});
}

/**
 * Product contexts and read marks the user decided: sent at once while connected, else kept and
 * sent after the next welcome (the latest context and the furthest read mark per conversation).
 */
export class PendingUpdates {
  private readonly contexts = new Map<string, ProductContext>();
  private readonly reads = new Set<string>();
  private initialContextSent = false;

  constructor(private readonly options: PendingUpdatesOptions) {}

  setContext(conversationId: string, context: ProductContext): void {
    if (this.options.isConnected()) this.options.transport.setContext(conversationId, context);
    else this.contexts.set(conversationId, context);
  }

  /** The user read `conversationId` up to `upTo`. */
  read(conversationId: string, upTo: number): void {
    if (this.options.isConnected()) this.options.transport.sendReceipt(conversationId, 'read', upTo);
    else this.reads.add(conversationId);
  }

  /** The server knows an older read mark of `conversationId` than this client: send it again. */
  readAhead(conversationId: string): void {
    this.reads.add(conversationId);
  }

  /** After a welcome: sends what was kept, and the initial context once (`primary`: the customer's conversation). */
  flush(primary: string | undefined): void {
    const { store, transport, initialContext } = this.options;
    if (!this.initialContextSent && initialContext && primary !== undefined) {
      this.initialContextSent = true;
      if (!sameContext(store.view(primary)?.context, initialContext)) {
        store.setContext(primary, initialContext);
        this.contexts.set(primary, initialContext);
      }
    }
    for (const [conversationId, context] of this.contexts) transport.setContext(conversationId, context);
    this.contexts.clear();
    for (const conversationId of this.reads) {
      const upTo = store.readMark(conversationId);
      if (upTo) transport.sendReceipt(conversationId, 'read', upTo);
    }
    this.reads.clear();
  }
}
