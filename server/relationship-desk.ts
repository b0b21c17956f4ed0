/**
 * The relationship's desk actions (issue 17): follow-ups (schedule, list, complete, cancel) and
 * the CSAT report, for the shop's staff. A `DueTimer` fires each follow-up once when its time
 * comes (or at the next start, when the relay was down then): it moves to the due list and the
 * shop's connected staff get a `followup-due` frame.
 */
import { RELATIONSHIP_LIMITS } from 'support-widget/protocol';
import type { ServerFrame } from 'support-widget/protocol';
import { serializeFrame } from './connection.js';
import type { CsatStore } from './csat-store.js';
import type { DeskAnswer, RelationshipAction } from './desk-frame.js';
import { DueTimer } from './due-timer.js';
import type { FollowUpStore } from './followup-store.js';
import { wireFollowUp } from './followup-store.js';
import type { Hub, Member } from './hub.js';
import type { RelayLog } from './log.js';
import type { SupportStore } from './store.js';

const DAY = 86_400_000;
/** A follow-up further ahead than this (about two years) is a typo. */
const MAX_FOLLOW_UP_AHEAD_MS = 2 * 366 * DAY;
/** The CSAT report's span when the desk does not say. */
const DEFAULT_REPORT_DAYS = 28;

export interface RelationshipDeskDeps {
  store: SupportStore;
  hub: Hub;
  followUps: FollowUpStore;
  csat: CsatStore;
  now: () => number;
  log: RelayLog;
  maxSleepMs?: number;
}

export class RelationshipDesk {
  private readonly timer: DueTimer;

  constructor(private readonly deps: RelationshipDeskDeps) {
    this.timer = new DueTimer({
      next: () => deps.followUps.nextDue(),
      fire: (now) => this.fire(now),
      now: deps.now,
      log: deps.log,
      failureEvent: 'followup-fire-failed',
      ...(deps.maxSleepMs === undefined ? {} : { maxSleepMs: deps.maxSleepMs }),
    });
    this.timer.arm();
  }

  /** Answers a follow-up or CSAT desk action of a staff member (the desk checked the role). */
  answer(member: Member, action: RelationshipAction): DeskAnswer {
    const { shop } = member;
    const { followUps } = this.deps;
    switch (action.kind) {
      case 'followup-schedule': {
        const now = this.deps.now();
        if (action.dueAt <= now) return { error: 'in-the-past', message: 'a follow-up is due in the future' };
        if (action.dueAt > now + MAX_FOLLOW_UP_AHEAD_MS) return { error: 'bad-frame', message: 'a follow-up is due within two years' };
        const conversation = this.deps.store.getConversation(shop, action.conversationId);
        if (conversation === undefined) return { error: 'not-found', message: 'no such conversation' };
        const followUp = followUps.schedule({ shop, conversationId: conversation.id, customer: conversation.customer, dueAt: action.dueAt, note: action.note, by: member.user }, now);
        this.timer.arm();
        return { kind: 'followup', followUp: wireFollowUp(followUp) };
      }
      case 'followup-list':
        return { kind: 'followups', followUps: followUps.list(shop, action.list ?? 'due', action.conversationId).map(wireFollowUp) };
      case 'followup-complete':
      case 'followup-cancel': {
        const closed = followUps.close(shop, action.id, action.kind === 'followup-complete' ? 'done' : 'cancelled', member.user, this.deps.now());
        if (closed !== undefined) {
          this.timer.arm();
          return { kind: 'followup', followUp: wireFollowUp(closed) };
        }
        const existing = followUps.get(shop, action.id);
        return existing === undefined
          ? { error: 'not-found', message: 'no such follow-up in this shop' }
          : { error: 'conflict', message: `this follow-up is ${existing.status} already` };
      }
      case 'csat-report': {
        const to = action.to ?? this.deps.now();
        const from = action.from ?? to - DEFAULT_REPORT_DAYS * DAY;
        if (to - from > RELATIONSHIP_LIMITS.maxReportDays * DAY) return { error: 'bad-frame', message: `a report spans at most ${RELATIONSHIP_LIMITS.maxReportDays} days` };
        return { kind: 'csat-report', report: this.deps.csat.report(shop, from, to) };
      }
    }
  }

  stop(): void {
    this.timer.stop();
  }

  /** Marks what is due (each once) and tells the shop's connected staff. */
  private fire(now: number): number {
    const due = this.deps.followUps.fire(now);
    for (const followUp of due) {
      const frame: ServerFrame = { type: 'followup-due', followUp: wireFollowUp(followUp) };
      const serialized = serializeFrame(frame);
      this.deps.hub.forEachAgentOf(followUp.shop, (m) => m.sendSerialized(serialized));
      this.deps.log({ level: 'info', event: 'followup-due', shop: followUp.shop, conversation: followUp.conversationId });
    }
    return due.length;
  }
}
