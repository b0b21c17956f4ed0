/**
 * Guided steps on the relay (issue 20): ticks of a checklist (a `steps` message) by the
 * conversation's customer (`customer` frame) or the shop's staff (`desk` frame), the shop's canned
 * step lists (staff list them, admins change them) and the rule for a checklist's pictures.
 *
 * A tick is stored in the checklist's own body (its `done` states, one `UPDATE` in the writer's
 * transaction), so history, a resume, another device and a restarted relay all show it; then every
 * member of the conversation gets a `steps` frame and the staff the conversation's new summary
 * (its preview counts the steps done). Refusals are coded: `forbidden` (not a member),
 * `not-found` (no checklist with that seq), `bad-frame` (no such step).
 */
import type Database from 'better-sqlite3';
import { applyTick, isAllowedAttachmentUrl, readGuidedSteps } from 'support-widget/protocol';
import type { CustomerRequestFrame, ErrorCode, StepAction, StepsDeskAction, StepsProgress, StepsResult } from 'support-widget/protocol';
import { accessConversation } from './access.js';
import type { Connection } from './connection.js';
import { serializeFrame } from './connection.js';
import { sendToAgents } from './group-commit.js';
import type { Hub, Member } from './hub.js';
import { StepLists } from './step-lists.js';
import type { SupportStore } from './store.js';

export interface GuidedStepsDeps {
  store: SupportStore;
  hub: Hub;
  now: () => number;
  /** Origins absolute picture URLs may be on (as for attachments). */
  attachmentOrigins?: ReadonlySet<string> | undefined;
}

/** A result, or a coded refusal. */
export type StepsAnswer = StepsResult | { error: ErrorCode; message: string };
/** A tick's answer: the checklist's progress, or a coded refusal. */
type TickAnswer = Extract<StepsResult, { kind: 'steps' }> | { error: ErrorCode; message: string };

const UPLOAD_URL = /^\/uploads\/([A-Za-z0-9_-]+)$/;

export class GuidedSteps {
  readonly lists: StepLists;
  private readonly db: Database.Database;
  private readonly stmt;

  constructor(private readonly deps: GuidedStepsDeps) {
    this.db = deps.store.database;
    this.lists = new StepLists(this.db);
    this.db.exec('CREATE TABLE IF NOT EXISTS step_progress (shop TEXT NOT NULL, conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (shop, conversation_id, seq)) WITHOUT ROWID');
    this.stmt = {
      ticked: this.db.prepare<[string, string, number]>('INSERT OR IGNORE INTO step_progress (shop, conversation_id, seq) VALUES (?, ?, ?)'),
      tickedIn: this.db.prepare<[string, string], { seq: number; body: string }>(
        "SELECT m.seq, m.body FROM step_progress p JOIN messages m ON m.shop = p.shop AND m.conversation_id = p.conversation_id AND m.seq = p.seq WHERE p.shop = ? AND p.conversation_id = ? AND m.kind = 'steps'",
      ),
      checklist: this.db.prepare<[string, string, number], { kind: string; body: string }>('SELECT kind, body FROM messages WHERE shop = ? AND conversation_id = ? AND seq = ?'),
      setBody: this.db.prepare<[string, string, string, number]>('UPDATE messages SET body = ? WHERE shop = ? AND conversation_id = ? AND seq = ?'),
    };
  }

  /**
   * Why the pictures of a checklist being sent cannot be shown, or undefined: each must be an
   * upload of this relay in the sender's shop, or on an origin the relay allows for attachments.
   */
  imageProblem(shop: string, body: string): { code: ErrorCode; message: string } | undefined {
    for (const { image } of readGuidedSteps(body)?.steps ?? []) {
      if (image === undefined) continue;
      const upload = UPLOAD_URL.exec(image)?.[1];
      const ok = upload === undefined ? isAllowedAttachmentUrl(image, this.deps.attachmentOrigins ?? []) : this.deps.store.uploads.get(upload)?.shop === shop;
      if (!ok) return { code: 'attachment-not-allowed', message: 'step pictures must be uploads of this shop or on an origin the relay allows (SUPPORT_ATTACHMENT_ORIGINS)' };
    }
    return undefined;
  }

  /**
   * After a resume's replay: the states of every ticked checklist of the resumed conversations, as
   * `steps` frames (ticks made while the client was away changed messages it already has).
   */
  resume(connection: Connection, member: Member, conversationIds: readonly string[]): void {
    for (const conversationId of conversationIds) {
      if (!accessConversation(this.deps.store, member, conversationId).ok) continue;
      for (const { seq, body } of this.stmt.tickedIn.all(member.shop, conversationId)) {
        const checklist = readGuidedSteps(body);
        if (checklist?.done) connection.send({ type: 'steps', conversationId, seq, done: checklist.done, at: this.deps.now() });
      }
    }
  }

  /** A customer's tick (`customer` frame): answered with the progress, or a coded error whose `ref` is the request. */
  customer(connection: Connection, member: Member, frame: CustomerRequestFrame & { action: StepAction }): void {
    const answer = this.tick(member, frame.action);
    if ('error' in answer) {
      if (answer.error === 'forbidden') connection.reject(answer.error, answer.message, frame.requestId);
      else connection.error(answer.error, answer.message, frame.requestId);
      return;
    }
    connection.send({ type: 'customer', requestId: frame.requestId, result: answer });
  }

  /** A staff member's desk action (the desk frame checked the role is staff). */
  desk(member: Member, action: StepsDeskAction): StepsAnswer {
    const { shop } = member;
    switch (action.kind) {
      case 'steps-list':
        return { kind: 'step-lists', lists: this.lists.list(shop) };
      case 'steps-put': {
        if (member.user.role !== 'admin') return { error: 'forbidden', message: 'only an admin changes step lists' };
        const put = this.lists.put(shop, action.list, this.deps.now());
        if (!put.ok) return { error: put.code, message: put.message };
        return { kind: 'step-lists', lists: this.lists.list(shop) };
      }
      case 'steps-delete':
        if (member.user.role !== 'admin') return { error: 'forbidden', message: 'only an admin changes step lists' };
        this.lists.delete(shop, action.id);
        return { kind: 'step-lists', lists: this.lists.list(shop) };
      case 'step':
        return this.tick(member, action);
    }
  }

  /** Stores one tick in its checklist and tells the conversation's members. */
  tick(member: Member, action: StepAction): TickAnswer {
    const access = accessConversation(this.deps.store, member, action.conversationId);
    if (!access.ok) return { error: access.code, message: access.message };
    const { shop } = member;
    const { conversationId, seq, step, done } = action;
    const stored = this.db.transaction((): TickAnswer | boolean[] => {
      const row = this.stmt.checklist.get(shop, conversationId, seq);
      const checklist = row?.kind === 'steps' ? readGuidedSteps(row.body) : undefined;
      if (checklist === undefined) return { error: 'not-found', message: 'no checklist with this seq in the conversation' };
      if (step >= checklist.steps.length) return { error: 'bad-frame', message: `the checklist has ${checklist.steps.length} steps` };
      const next = applyTick(checklist, step, done);
      this.stmt.setBody.run(JSON.stringify(next), shop, conversationId, seq);
      this.stmt.ticked.run(shop, conversationId, seq);
      return next.done ?? [];
    }).immediate();
    if (!Array.isArray(stored)) return stored;
    const progress: StepsProgress = { conversationId, seq, done: stored, by: member.user, at: this.deps.now() };
    const frame = serializeFrame({ type: 'steps', ...progress });
    this.deps.hub.forEachMemberOf(shop, conversationId, (m) => m.sendSerialized(frame));
    const conversation = this.deps.store.getConversation(shop, conversationId) ?? access.conversation;
    sendToAgents(this.deps.hub, shop, this.deps.store.summary(conversation));
    return { kind: 'steps', progress };
  }
}
