/**
 * What the Agora adapter knows about each conversation. RTM keeps no conversation records, so
 * summaries are built from the messages, receipts and context seen, and from the summaries
 * clients announce on the queue channel.
 */
import type { ConversationSummary, ProductContext, ReceiptKind, WireMessage } from '../../protocol/model.js';

function copy(summary: ConversationSummary): ConversationSummary {
  return { ...summary, readUpTo: { ...summary.readUpTo }, deliveredUpTo: { ...summary.deliveredUpTo } };
}

function mergeMax(target: Record<string, number>, source: Record<string, number>): void {
  for (const [user, upTo] of Object.entries(source)) target[user] = Math.max(target[user] ?? 0, upTo);
}

export class ConversationDirectory {
  private readonly summaries = new Map<string, ConversationSummary>();

  constructor(private readonly now: () => number) {}

  ids(): string[] {
    return [...this.summaries.keys()];
  }

  /** A copy of the summary, if the conversation is known. */
  get(id: string): ConversationSummary | undefined {
    const summary = this.summaries.get(id);
    return summary && copy(summary);
  }

  /** True when the owner of the conversation is known and is not `userId`. */
  ownedByOther(id: string, userId: string): boolean {
    const owner = this.summaries.get(id)?.customer.id;
    return owner !== undefined && owner !== '' && owner !== userId;
  }

  /** The summary, created empty (owner unknown: empty id and name) when new. */
  ensure(id: string, customer?: { id: string; name: string }): ConversationSummary {
    let summary = this.summaries.get(id);
    if (!summary) {
      summary = {
        id,
        customer: customer ?? { id: '', name: '' },
        lastSeq: 0,
        readUpTo: {},
        deliveredUpTo: {},
        updatedAt: this.now(),
      };
      this.summaries.set(id, summary);
    } else if (customer && summary.customer.id === '') {
      summary.customer = customer;
    }
    return copy(summary);
  }

  /** Notes a stored message; a customer's first message names the owner. */
  noteMessage(message: WireMessage): ConversationSummary {
    const owner = message.from.role === 'customer' ? { id: message.from.id, name: message.from.name } : undefined;
    this.ensure(message.conversationId, owner);
    const summary = this.summaries.get(message.conversationId) as ConversationSummary;
    if (message.seq > summary.lastSeq) {
      summary.lastSeq = message.seq;
      summary.lastMessage = message;
      if (message.context) summary.context = message.context;
    }
    summary.updatedAt = Math.max(summary.updatedAt, message.at);
    return copy(summary);
  }

  noteReceipt(id: string, userId: string, kind: ReceiptKind, upTo: number): void {
    const summary = this.summaries.get(id);
    if (!summary) return;
    mergeMax(summary.deliveredUpTo, { [userId]: upTo });
    if (kind === 'read') mergeMax(summary.readUpTo, { [userId]: upTo });
  }

  setContext(id: string, context: ProductContext): ConversationSummary {
    this.ensure(id);
    const summary = this.summaries.get(id) as ConversationSummary;
    summary.context = context;
    return copy(summary);
  }

  /** Folds in an announced summary: the newest message, context and receipts win. */
  merge(announced: ConversationSummary): ConversationSummary {
    const summary = this.summaries.get(announced.id);
    if (!summary) {
      this.summaries.set(announced.id, copy(announced));
      return copy(announced);
    }
    if (summary.customer.id === '') summary.customer = { ...announced.customer };
    if (announced.lastSeq > summary.lastSeq) {
      summary.lastSeq = announced.lastSeq;
      if (announced.lastMessage) summary.lastMessage = announced.lastMessage;
    }
    if (announced.context && announced.updatedAt >= summary.updatedAt) summary.context = announced.context;
    summary.updatedAt = Math.max(summary.updatedAt, announced.updatedAt);
    mergeMax(summary.readUpTo, announced.readUpTo);
    mergeMax(summary.deliveredUpTo, announced.deliveredUpTo);
    return copy(summary);
  }
}
