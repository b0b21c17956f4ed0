/**
 * Answers `desk` frames (issue 16): staff only (a customer gets `forbidden` and nothing else);
 * changing canned replies, admins only. Assignment, status and labels change the conversation of
 * the asker's shop and are told to every staff member (`Desk.publish`); the asker gets the new
 * summary as the answer. Refusals are coded: `conflict` (someone else changed the assignee
 * first), `not-found` (no such conversation, agent or customer), `bad-frame` (a snooze in the
 * past, too many labels).
 */
import { isStaff } from 'support-widget/protocol';
import type { CsatDeskAction, DeskAction, DeskRequestFrame, DeskResult, ErrorCode, FollowUpDeskAction, StepsDeskAction } from 'support-widget/protocol';
import type { Connection } from './connection.js';
import type { Desk } from './desk.js';
import type { DeskOutcome } from './desk-store.js';
import type { Member } from './hub.js';
import type { SupportStore } from './store.js';

/** A snooze longer than this (about a year) is a mistake. */
const MAX_SNOOZE_MS = 366 * 24 * 3600_000;

/** What a desk action answers: its result or a coded refusal. */
export type DeskAnswer = DeskResult | { error: ErrorCode; message: string };
type Answer = DeskAnswer;

type ConversationAction = Extract<DeskAction, { kind: 'assign' | 'status' | 'labels' }>;

/** The follow-up and CSAT actions (issue 17): answered by the relationship's handler (`relationship-desk.ts`). */
export type RelationshipAction = Extract<DeskAction, FollowUpDeskAction | CsatDeskAction>;

export class DeskRequests {
  constructor(
    private readonly desk: Desk,
    private readonly store: SupportStore,
    private readonly now: () => number,
    private readonly relationship?: (member: Member, action: RelationshipAction) => Answer,
    /** Canned step lists and a staff member's tick (issue 20, `guided-steps.ts`). */
    private readonly steps?: (member: Member, action: StepsDeskAction) => Answer,
  ) {}

  /** Answers a `desk` frame with a `desk` frame of the same `requestId`, or a coded `error` whose `ref` it is. */
  answer(connection: Connection, member: Member, frame: DeskRequestFrame): void {
    if (!isStaff(member.user.role)) {
      connection.reject('forbidden', 'the desk is for the shop’s staff', frame.requestId);
      return;
    }
    const answer = this.run(member, frame.action);
    if ('error' in answer) {
      if (answer.error === 'forbidden') connection.reject(answer.error, answer.message, frame.requestId);
      else connection.error(answer.error, answer.message, frame.requestId);
      return;
    }
    connection.send({ type: 'desk', requestId: frame.requestId, result: answer });
  }

  private run(member: Member, action: DeskAction): Answer {
    const { shop } = member;
    switch (action.kind) {
      case 'assign':
      case 'status':
      case 'labels':
        return this.change(member, action);
      case 'presence':
        this.desk.agents.setPresence(shop, member.user.id, action.presence, action.capacity);
        this.desk.broadcastRoster(shop);
        return { kind: 'agents', agents: this.desk.roster(shop) };
      case 'agents':
        return { kind: 'agents', agents: this.desk.roster(shop) };
      case 'canned-list':
        return { kind: 'canned', replies: this.desk.canned.list(shop) };
      case 'canned-put': {
        if (member.user.role !== 'admin') return { error: 'forbidden', message: 'only an admin changes canned replies' };
        const put = this.desk.canned.put(shop, action.reply, this.now());
        if (!put.ok) return { error: put.code, message: put.message };
        return { kind: 'canned', replies: this.desk.canned.list(shop) };
      }
      case 'canned-delete':
        if (member.user.role !== 'admin') return { error: 'forbidden', message: 'only an admin changes canned replies' };
        this.desk.canned.delete(shop, action.id);
        return { kind: 'canned', replies: this.desk.canned.list(shop) };
      case 'profile': {
        const profile = this.desk.profiles.profile(shop, action.customerId, (c) => this.store.summary(c));
        if (profile === undefined) return { error: 'not-found', message: 'no such customer in this shop' };
        return { kind: 'profile', profile };
      }
      case 'steps-list':
      case 'steps-put':
      case 'steps-delete':
      case 'step':
        return this.steps?.(member, action) ?? { error: 'config', message: 'guided steps are not set up on this relay' };
      default:
        return this.relationship?.(member, action) ?? { error: 'config', message: 'follow-ups and CSAT are not set up on this relay' };
    }
  }

  /** Assignment, status or labels of a conversation of the asker's shop. */
  private change(member: Member, action: ConversationAction): Answer {
    const before = this.store.getConversation(member.shop, action.conversationId);
    if (before === undefined) return { error: 'not-found', message: 'no such conversation' };
    const now = this.now();
    let outcome: DeskOutcome;
    switch (action.kind) {
      case 'assign': {
        const to = action.to === null ? null : action.to === member.user.id ? member.user : this.desk.agents.find(member.shop, action.to);
        if (to === undefined) return { error: 'not-found', message: 'no such agent in this shop' };
        outcome = this.desk.changes.assign(member.shop, before.id, to, { by: member.user, ...optional('note', action.note), ...optional('expect', action.expect) }, now);
        break;
      }
      case 'status':
        if (action.status === 'snoozed' && (action.until === undefined || action.until <= now || action.until > now + MAX_SNOOZE_MS)) {
          return { error: 'bad-frame', message: 'until must be in the future, within a year' };
        }
        outcome = this.desk.changes.setStatus(member.shop, before.id, action.status, action.until, member.user, now);
        break;
      case 'labels':
        outcome = this.desk.changes.setLabels(member.shop, before.id, action.add ?? [], action.remove ?? [], member.user, now);
        break;
    }
    if (!outcome.ok) return { error: outcome.code, message: outcome.message };
    this.desk.publish(member.shop, outcome.change, before);
    if (action.kind === 'status' && outcome.change.event !== undefined) this.desk.snoozesChanged();
    return { kind: 'conversation', conversation: this.store.summary(outcome.change.conversation) };
  }
}

/** `{ [key]: value }` when the value is given, else nothing (optional properties stay absent). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
