/**
 * The long-term customer relationship's shared shapes (issue 17): a shop's office hours and what
 * the widget is told about them, the customer's contact email for replies by email, satisfaction
 * (CSAT), follow-ups scheduled by staff, and the signed-in customer's own conversations.
 *
 * Customers ask through a `customer` frame (its action one of `CustomerAction`), answered by a
 * `customer` frame with the same `requestId` or an `error` frame whose `ref` is it. Staff schedule
 * follow-ups and read CSAT results through desk actions (`FollowUpDeskAction`, `CsatDeskAction`).
 */
import type { ProductContext, ConversationSummary } from './model.js';
import type { StaffRef } from './desk.js';
import type { AssistantAction } from './assistant.js';
import type { StepAction, StepsResult } from './guided-steps.js';

// ---- office hours ----

/** ISO day of the week: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * One weekly opening interval in the shop's time zone: `from` and `to` are `HH:MM` wall-clock
 * times of `day` (`to` may be `24:00`; `from` < `to`). A day may have several (a lunch break).
 * An interval past midnight is two intervals (`Fri 22:00–24:00`, `Sat 00:00–02:00`).
 */
export interface OpeningInterval {
  day: IsoWeekday;
  from: string;
  to: string;
}

/**
 * A shop's office hours, set through the admin API (`PUT /admin/hours`). Refused with
 * `invalid-hours` when a time zone is not an IANA zone, a time is not `HH:MM`, an interval is empty
 * or backwards, two intervals of a day overlap, or a holiday is not a real `YYYY-MM-DD` date.
 */
export interface OfficeHours {
  /** IANA time zone the times are in, e.g. `Europe/Berlin`. */
  timeZone: string;
  /** Sorted by day then `from` when stored. Empty: never open (only holidays decide nothing). */
  weekly: OpeningInterval[];
  /** Whole days (in `timeZone`) the shop is closed, `YYYY-MM-DD`, sorted, without repeats. */
  holidays: string[];
}

/**
 * What the widget is told about the hours: in the welcome (`WelcomeFrame.hours`) and by an `hours`
 * frame each time the shop opens or closes. Render the instants in the customer's own time zone.
 */
export interface HoursStatus {
  open: boolean;
  /** When closed: the next opening, ms since epoch (absent: no opening within a year). */
  nextOpen?: number;
  /** When open: this opening's end, ms since epoch (absent: open for more than a year). */
  nextClose?: number;
  /** The shop's time zone (for "9:00 shop time" if a page wants it). */
  timeZone: string;
}

/** Server → everyone of the shop: the shop opened or closed (or its hours changed). */
export interface HoursFrame {
  type: 'hours';
  /** `null`: the shop has no office hours any more. */
  hours: HoursStatus | null;
}

// ---- contact email, CSAT, the customer's conversations ----

/** The customer's contact email on a conversation, as the customer and staff see it. */
export interface ContactInfo {
  email: string;
  /** When it was given, ms since epoch. */
  at: number;
}

/** Where a conversation's satisfaction question stands (absent on the summary: never asked). */
export interface CsatState {
  state: 'asked' | 'answered';
  /** Ms since epoch the relay asked. */
  askedAt: number;
  /** With `answered`. */
  score?: number;
}

/**
 * The body (JSON) of a message of kind `csat`: written by the relay alone, once, when a
 * conversation is resolved, customer-visible. The widget renders it as "How did we do?" with 1–5
 * and answers with a `customer` frame `{ kind: 'csat' }`.
 */
export interface CsatQuestion {
  v: 1;
  /** The conversation's resolution it asks about (ms since epoch). */
  resolvedAt: number;
}

/** One thing a `customer` frame asks for. */
export type CustomerAction =
  /**
   * Give (or change, or with `email: null` withdraw) the email to be told of replies at, with the
   * consent wording the customer saw (stored with it). Refused with `invalid-email`.
   */
  | { kind: 'contact'; conversationId: string; email: string | null; consent?: string }
  /** Answer the satisfaction question: once (`already-answered` after), only when asked (`not-asked`). */
  | { kind: 'csat'; conversationId: string; score: number; comment?: string }
  /** Signed-in customers only (`forbidden` for visitors): their conversations in this shop, newest first. */
  | { kind: 'conversations' }
  /**
   * Signed-in customers only: start a new conversation (e.g. about another device) with its card.
   * Idempotent by `requestId`: asking again with the same id answers the same conversation.
   */
  | { kind: 'start'; context?: ProductContext }
  /** Feedback on the assistant, or "Talk to a person" (issue 18, see `assistant.ts`). */
  | AssistantAction
  /** Tick or untick a step of a checklist in the conversation (issue 20, see `guided-steps.ts`). */
  | StepAction;

/** Customer → relay. */
export interface CustomerRequestFrame {
  type: 'customer';
  requestId: string;
  action: CustomerAction;
}

/** What a customer action answers. */
export type CustomerResult =
  | { kind: 'conversation'; conversation: ConversationSummary }
  | { kind: 'conversations'; conversations: ConversationSummary[] }
  | Extract<StepsResult, { kind: 'steps' }>;

/** Relay → customer. */
export interface CustomerResponseFrame {
  type: 'customer';
  requestId: string;
  result: CustomerResult;
}

// ---- follow-ups (staff) ----

/** Where a follow-up stands: `due` from its `dueAt` until completed or cancelled. */
export type FollowUpStatus = 'scheduled' | 'due' | 'done' | 'cancelled';

/** A follow-up (回访) an agent scheduled on a conversation. */
export interface FollowUp {
  id: string;
  conversationId: string;
  customer: { id: string; name: string };
  /** Ms since epoch. */
  dueAt: number;
  note: string;
  status: FollowUpStatus;
  createdBy: StaffRef;
  createdAt: number;
  /** When the relay found it due (it fires once). */
  firedAt?: number;
  /** With `done` / `cancelled`. */
  closedBy?: StaffRef;
  closedAt?: number;
}

/** Desk actions about follow-ups (part of `DeskAction`). */
export type FollowUpDeskAction =
  /** `dueAt` must be in the future (`in-the-past`); `note` 1–`RELATIONSHIP_LIMITS.maxFollowUpNoteChars`. */
  | { kind: 'followup-schedule'; conversationId: string; dueAt: number; note: string }
  /** `due`: fired and not closed, oldest first; `upcoming`: not yet due, soonest first. Default `due`. */
  | { kind: 'followup-list'; list?: 'due' | 'upcoming'; conversationId?: string }
  | { kind: 'followup-complete'; id: string }
  | { kind: 'followup-cancel'; id: string };

/** Staff: a follow-up fell due (sent once, when it fires, to the shop's connected staff). */
export interface FollowUpDueFrame {
  type: 'followup-due';
  followUp: FollowUp;
}

// ---- CSAT results ----

/** Counts of scores 1..5 (index 0 is score 1) with their count and mean. */
export interface CsatTally {
  count: number;
  /** Mean score, two decimals; 0 when `count` is 0. */
  average: number;
  scores: [number, number, number, number, number];
}

/** CSAT answers of one shop between two instants, per agent (the assignee at resolution) and per ISO week. */
export interface CsatReport {
  from: number;
  to: number;
  total: CsatTally;
  /** `agent` absent: the conversation was resolved with nobody assigned. */
  byAgent: Array<CsatTally & { agent?: StaffRef }>;
  /** `week`: ISO week `YYYY-Www` (UTC) of the answer. Oldest first. */
  byWeek: Array<CsatTally & { week: string }>;
}

/** Desk action: the shop's CSAT report (`from`/`to` ms since epoch; default the last 28 days). */
export interface CsatDeskAction {
  kind: 'csat-report';
  from?: number;
  to?: number;
}

/** What the relationship's desk actions answer (part of `DeskResult`). */
export type RelationshipDeskResult =
  | { kind: 'followup'; followUp: FollowUp }
  | { kind: 'followups'; followUps: FollowUp[] }
  | { kind: 'csat-report'; report: CsatReport };

export const RELATIONSHIP_LIMITS = {
  maxEmailChars: 254,
  maxConsentChars: 1000,
  maxCsatCommentChars: 1000,
  maxFollowUpNoteChars: 1000,
  /** Most follow-ups one list answers. */
  maxFollowUpList: 200,
  maxWeeklyIntervals: 70,
  maxHolidays: 366,
  /** Longest span a CSAT report covers. */
  maxReportDays: 366,
} as const;
