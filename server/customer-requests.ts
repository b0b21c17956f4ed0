/**
 * Answers a customer's `customer` frames (issue 17): their contact email (with consent), their
 * CSAT answer, their own conversations and a new conversation. Signed-in customers only for the
 * last two: a visitor (`visitor:` id) has one conversation and gets `forbidden`.
 *
 * A signed-in customer reaches the conversations of their token's `conv` and those the relay
 * stored as theirs (`customer_id` = their id, in their shop): see docs/identity.md.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ConversationSummary, CustomerAction, CustomerRequestFrame, CustomerResult, ErrorCode } from 'support-widget/protocol';
import { accessConversation } from './access.js';
import type { Connection } from './connection.js';
import type { ContactStore } from './contact-store.js';
import type { ContextImageOrigins } from './context-image.js';
import { withAllowedContextImage } from './context-image.js';
import type { Csat } from './csat.js';
import { sendToAgents } from './group-commit.js';
import type { Hub, Member } from './hub.js';
import type { StoredConversation, SupportStore } from './store.js';

export interface CustomerRequestsDeps {
  store: SupportStore;
  hub: Hub;
  contacts: ContactStore;
  csat: Csat;
  now: () => number;
  /** Decorates a customer's summary with its contact and CSAT fields. */
  summary: (conversation: StoredConversation) => ConversationSummary;
  contextImageOrigins?: ContextImageOrigins;
  /** Told when a contact email was set, so mail can be planned. */
  contactChanged?: () => void;
}

type Answer = CustomerResult | { error: ErrorCode; message: string };

/** Most conversations one list answers. */
const MAX_OWN_CONVERSATIONS = 100;

/** True for a customer signed in by the shop (not an anonymous visitor). */
export function isSignedIn(member: Pick<Member, 'user'>): boolean {
  return member.user.role === 'customer' && !member.user.id.startsWith('visitor:');
}

/**
 * The id of a conversation a customer starts: `"n:" + base64url(SHA-256(shop "\n" customerId "\n" requestId))`,
 * so a retried start (same `requestId`) finds the same conversation and no two customers' ids meet.
 */
export function startedConversationId(shop: string, customerId: string, requestId: string): string {
  return `n:${createHash('sha256').update(`${shop}\n${customerId}\n${requestId}`, 'utf8').digest('base64url')}`;
}

export class CustomerRequests {
  private readonly owned;

  constructor(private readonly deps: CustomerRequestsDeps) {
    const db: Database.Database = deps.store.database;
    this.owned = db.prepare<[string, string, number], { id: string }>('SELECT id FROM conversations WHERE shop = ? AND customer_id = ? ORDER BY updated_at DESC LIMIT ?');
  }

  /** The ids of the conversations stored as this signed-in customer's, newest first (visitors: none). */
  ownedIds(shop: string, customerId: string): string[] {
    if (customerId.startsWith('visitor:')) return [];
    return this.owned.all(shop, customerId, MAX_OWN_CONVERSATIONS).map((row) => row.id);
  }

  answer(connection: Connection, member: Member, frame: CustomerRequestFrame): void {
    if (member.user.role !== 'customer') {
      connection.reject('forbidden', 'customer requests are for customers', frame.requestId);
      return;
    }
    const answer = this.run(member, frame.action, frame.requestId);
    if ('error' in answer) {
      if (answer.error === 'forbidden') connection.reject(answer.error, answer.message, frame.requestId);
      else connection.error(answer.error, answer.message, frame.requestId);
      return;
    }
    connection.send({ type: 'customer', requestId: frame.requestId, result: answer });
  }

  private run(member: Member, action: CustomerAction, requestId: string): Answer {
    switch (action.kind) {
      case 'conversations':
        if (!isSignedIn(member)) return { error: 'forbidden', message: 'sign in to see your conversations' };
        return { kind: 'conversations', conversations: this.own(member) };
      case 'start':
        if (!isSignedIn(member)) return { error: 'forbidden', message: 'sign in to start another conversation' };
        return this.start(member, withAllowedContextImage(action, this.deps.contextImageOrigins), requestId);
      case 'contact':
      case 'csat':
        return this.onConversation(member, action);
      case 'assistant':
        // The relay's assistant answers these when it is on (server/assistant/); here it is off.
        return { error: 'config', message: 'the assistant is off on this relay' };
      case 'step':
        // The relay's guided steps answer ticks (guided-steps.ts) before they come here.
        return { error: 'config', message: 'guided steps are not set up on this relay' };
    }
  }

  private onConversation(member: Member, action: Extract<CustomerAction, { kind: 'contact' | 'csat' }>): Answer {
    const access = accessConversation(this.deps.store, member, action.conversationId);
    if (!access.ok) return { error: access.code, message: access.message };
    const { shop } = member;
    if (action.kind === 'contact') {
      this.deps.contacts.set(shop, action.conversationId, action.email, action.consent, this.deps.now());
      this.deps.contactChanged?.();
    } else {
      const answered = this.deps.csat.answer(shop, action.conversationId, member.user, action.score, action.comment);
      if (!answered.ok) return { error: answered.code, message: answered.message };
    }
    const conversation = this.deps.store.getConversation(shop, action.conversationId) ?? access.conversation;
    return { kind: 'conversation', conversation: this.deps.summary(conversation) };
  }

  private own(member: Member): ConversationSummary[] {
    const ids = new Set([...this.ownedIds(member.shop, member.user.id), ...(member.conversations ?? [])]);
    const conversations: StoredConversation[] = [];
    for (const id of ids) {
      const conversation = this.deps.store.getConversation(member.shop, id);
      if (conversation !== undefined) conversations.push(conversation);
    }
    return conversations.sort((a, b) => b.updatedAt - a.updatedAt).map(this.deps.summary);
  }

  private start(member: Member, action: Extract<CustomerAction, { kind: 'start' }>, requestId: string): Answer {
    const { shop, user } = member;
    const id = startedConversationId(shop, user.id, requestId);
    const { conversation, created } = this.deps.store.ensureConversation(id, shop, { id: user.id, name: user.name }, this.deps.now());
    if (conversation.customer.id !== user.id) return { error: 'forbidden', message: 'this conversation is not yours' };
    if (created && action.context !== undefined && Object.keys(action.context).length > 0) this.deps.store.setContext(shop, id, action.context);
    this.deps.hub.grant(shop, user.id, id);
    const fresh = this.deps.store.getConversation(shop, id) ?? conversation;
    if (created) sendToAgents(this.deps.hub, shop, this.deps.store.summary(fresh));
    return { kind: 'conversation', conversation: this.deps.summary(fresh) };
  }
}
