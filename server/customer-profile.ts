/**
 * A customer as the desk's profile panel shows them (staff only): their name and email as their
 * newest conversation has them, the devices and orders of their context cards, their
 * conversations and their calls, each call with the photos posted while it lasted (the snapshots).
 */
import type Database from 'better-sqlite3';
import type { ConversationSummary, CustomerProfile, ProductContext, WireMessage } from 'support-widget/protocol';
import type { StoredConversation } from './store.js';
import { toConversation, toMessage } from './store-rows.js';
import type { ConversationRow, MessageRow } from './store-rows.js';

/** Most conversations, products and calls a profile lists (the newest). */
const MAX_CONVERSATIONS = 50;
const MAX_PRODUCTS = 20;
const MAX_CALLS = 20;
const MAX_SNAPSHOTS = 20;

function prepareStatements(db: Database.Database) {
  return {
    conversations: db.prepare<[string, string, number], ConversationRow>(
      'SELECT * FROM conversations WHERE shop = ? AND customer_id = ? ORDER BY updated_at DESC, id LIMIT ?',
    ),
    contexts: db.prepare<[string, string, number], { context: string; at: number }>(
      'SELECT context, at FROM messages WHERE shop = ? AND conversation_id = ? AND context IS NOT NULL ORDER BY seq DESC LIMIT ?',
    ),
    calls: db.prepare<[string, string, number], MessageRow>(
      "SELECT * FROM messages WHERE shop = ? AND conversation_id = ? AND kind = 'call-summary' ORDER BY seq DESC LIMIT ?",
    ),
    posted: db.prepare<[string, string, number, number, number], MessageRow>(
      "SELECT * FROM messages WHERE shop = ? AND conversation_id = ? AND at BETWEEN ? AND ? AND attachments IS NOT NULL AND kind NOT IN ('note', 'event') ORDER BY seq LIMIT ?",
    ),
  };
}

/** The same device or order seen twice is listed once. */
function productKey(p: ProductContext): string {
  return JSON.stringify([p.sku ?? '', p.serial ?? '', p.orderId ?? '', p.sku || p.serial || p.orderId ? '' : (p.name ?? '')]);
}

/** When a call started, from its summary's body (`CallSummaryRecord`); the summary's own time when unreadable. */
function callStart(summary: WireMessage): number {
  try {
    const record = JSON.parse(summary.body) as { startedAt?: unknown };
    if (typeof record.startedAt === 'number' && record.startedAt <= summary.at) return record.startedAt;
  } catch {
    // An unreadable body: no window but the summary itself.
  }
  return summary.at;
}

export class CustomerProfiles {
  private readonly stmt: ReturnType<typeof prepareStatements>;

  constructor(db: Database.Database) {
    this.stmt = prepareStatements(db);
  }

  /** The profile of `customerId` in `shop`, or undefined when they have no conversation there. */
  profile(shop: string, customerId: string, summary: (c: StoredConversation) => ConversationSummary): CustomerProfile | undefined {
    const rows = this.stmt.conversations.all(shop, customerId, MAX_CONVERSATIONS);
    const newest = rows[0];
    if (newest === undefined) return undefined;
    const conversations = rows.map(toConversation);
    const email = rows.find((row) => typeof row.customer_email === 'string')?.customer_email;
    return {
      id: customerId,
      name: newest.customer_name,
      ...(typeof email === 'string' ? { email } : {}),
      products: this.products(conversations),
      conversations: conversations.map(summary),
      calls: this.calls(conversations),
    };
  }

  /** Contexts sent with messages, newest first; then those only set on a conversation (a `context` frame), newest conversation first. */
  private products(conversations: StoredConversation[]): ProductContext[] {
    const sent = conversations.flatMap((c) => this.stmt.contexts.all(c.shop, c.id, MAX_PRODUCTS).map((row) => ({ at: row.at, product: JSON.parse(row.context) as ProductContext })));
    sent.sort((a, b) => b.at - a.at);
    const seen = new Map<string, ProductContext>();
    for (const product of [...sent.map((s) => s.product), ...conversations.map((c) => c.context)]) {
      if (product !== undefined && !seen.has(productKey(product))) seen.set(productKey(product), product);
    }
    return [...seen.values()].slice(0, MAX_PRODUCTS);
  }

  private calls(conversations: StoredConversation[]): CustomerProfile['calls'] {
    const calls = conversations.flatMap((c) => this.stmt.calls.all(c.shop, c.id, MAX_CALLS).map((row) => ({ conversation: c, summary: toMessage(row) })));
    calls.sort((a, b) => b.summary.at - a.summary.at);
    return calls.slice(0, MAX_CALLS).map(({ conversation, summary }) => ({
      conversationId: conversation.id,
      summary,
      snapshots: this.stmt.posted
        .all(conversation.shop, conversation.id, callStart(summary), summary.at, MAX_SNAPSHOTS)
        .map(toMessage)
        .filter((m) => m.attachments?.some((a) => a.kind === 'image') === true),
    }));
  }
}
