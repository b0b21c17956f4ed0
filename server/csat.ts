/**
 * Satisfaction on the relay (issue 17): when staff resolve a conversation the relay asks the
 * customer once (a customer-visible `csat` message, written by the relay), when an agent replied
 * (a text message) since it last asked and the last question is not still unanswered. The customer's
 * one answer is stored with a staff-only `csat` event in the thread, shown on the desk.
 */
import type Database from 'better-sqlite3';
import type { CsatQuestion, DeskEvent, ErrorCode, UserRef } from 'support-widget/protocol';
import { serializeFrame } from './connection.js';
import type { CsatStore } from './csat-store.js';
import { RELAY_AUTHOR } from './desk-store.js';
import type { DeskChange } from './desk-store.js';
import { sendToAgents } from './group-commit.js';
import type { Hub } from './hub.js';
import type { StoredConversation, SupportStore } from './store.js';

export interface CsatDeps {
  store: SupportStore;
  hub: Hub;
  csat: CsatStore;
  now: () => number;
}

export type CsatAnswer = { ok: true } | { ok: false; code: Extract<ErrorCode, 'not-asked' | 'already-answered'>; message: string };

export class Csat {
  private readonly staffReplied;
  private readonly db: Database.Database;

  constructor(private readonly deps: CsatDeps) {
    this.db = deps.store.database;
    this.staffReplied = this.db.prepare<[string, string, number], { n: number }>(
      "SELECT count(*) AS n FROM (SELECT 1 FROM messages WHERE shop = ? AND conversation_id = ? AND seq > ? AND sender = 'agent' AND kind = 'text' LIMIT 1)",
    );
  }

  /** A desk change was published: a conversation staff just resolved gets the question. */
  deskChanged(shop: string, change: DeskChange, before: StoredConversation): void {
    const { conversation, event } = change;
    if (event === undefined || conversation.status !== 'resolved' || before.status === 'resolved') return;
    const latest = this.deps.csat.state(shop, conversation.id);
    if (latest?.state === 'asked' || this.staffReplied.get(shop, conversation.id, latest?.seq ?? 0)?.n === 0) return;
    const now = this.deps.now();
    const question: CsatQuestion = { v: 1, resolvedAt: event.at };
    const stored = this.db.transaction(() => {
      const result = this.deps.store.send(
        { shop, conversationId: conversation.id, clientMsgId: `csat:${event.seq}`, kind: 'csat', body: JSON.stringify(question), from: RELAY_AUTHOR },
        now,
      );
      if (!result.duplicate) this.deps.csat.asked(shop, conversation.id, result.message.seq, now, conversation.assignee);
      return result;
    }).immediate();
    if (stored.duplicate) return;
    this.publish(shop, stored.conversation, serializeFrame({ type: 'message', ...stored.message }), true);
  }

  /** Stores the customer's answer to the conversation's latest question, once. */
  answer(shop: string, conversationId: string, customer: UserRef, score: number, comment: string | undefined): CsatAnswer {
    const latest = this.deps.csat.state(shop, conversationId);
    if (latest === undefined) return { ok: false, code: 'not-asked', message: 'nobody asked for a rating in this conversation' };
    const now = this.deps.now();
    const event: DeskEvent = { v: 1, type: 'csat', score, ...(comment === undefined ? {} : { comment }) };
    const stored = this.db.transaction(() => {
      if (!this.deps.csat.answer(shop, conversationId, latest.seq, score, comment, now)) return undefined;
      return this.deps.store.send(
        { shop, conversationId, clientMsgId: `csat-answer:${latest.seq}`, kind: 'event', body: JSON.stringify(event), from: customer },
        now,
      );
    }).immediate();
    if (stored === undefined) return { ok: false, code: 'already-answered', message: 'this rating was given already' };
    if (!stored.duplicate) this.publish(shop, stored.conversation, serializeFrame({ type: 'message', ...stored.message }), false);
    return { ok: true };
  }

  /** The new message to who may see it (staff only for an event) and the summary to staff. */
  private publish(shop: string, conversation: StoredConversation, message: Buffer, customerVisible: boolean): void {
    if (customerVisible) this.deps.hub.forEachMemberOf(shop, conversation.id, (m) => m.sendSerialized(message));
    else this.deps.hub.forEachAgentOf(shop, (m) => m.sendSerialized(message));
    sendToAgents(this.deps.hub, shop, this.deps.store.summary(conversation));
  }
}
