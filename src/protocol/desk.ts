/**
 * The agent desk's shared shapes (issue 16): who a conversation is assigned to, its state, its
 * labels, the shop's agents and their presence, canned replies, a customer's profile, and the
 * `desk` frame that asks for any of these. Staff only: the relay refuses every desk action from a
 * customer (`forbidden`) and never sends a customer a note, an event or a desk field.
 */
import type { ConversationSummary, ProductContext, WireMessage } from './model.js';
import type { CsatDeskAction, FollowUpDeskAction, RelationshipDeskResult } from './relationship.js';
import type { StepsDeskAction, StepsResult } from './guided-steps.js';

/** Where a conversation stands. A customer message reopens a `resolved` or `snoozed` one. */
export type ConversationStatus = 'open' | 'pending' | 'snoozed' | 'resolved';

/** An agent's presence as the desk shows it; routing assigns to `online` agents only. */
export type AgentPresence = 'online' | 'away' | 'offline';

/** A named member of the shop's staff (an agent or an admin). */
export interface StaffRef {
  id: string;
  name: string;
}

/** An agent of the shop as the desk's roster shows them. */
export interface AgentInfo extends StaffRef {
  role: 'agent' | 'admin';
  presence: AgentPresence;
  /** Open conversations assigned to them now. */
  load: number;
  /** Most open conversations routing gives them (default `DESK_LIMITS.defaultCapacity`). */
  capacity: number;
}

/** The desk's fields of a conversation summary (sent to staff only). */
export interface DeskFields {
  /** Absent: `open`. */
  status?: ConversationStatus;
  /** Ms since epoch; with `status: 'snoozed'`. */
  snoozedUntil?: number;
  /** Absent: unassigned. */
  assignee?: StaffRef;
  /** Sorted, lower case. */
  labels?: string[];
}

/** The queue views of the desk. `mine`: assigned to me; `unassigned`: to nobody; `all`: every one. */
export type DeskView = 'mine' | 'unassigned' | 'all';

/**
 * What a message of kind `event` holds in its body (JSON): one change of the conversation, stored
 * in the thread and shown to staff in words ("Alex resolved the conversation"). `by` is absent when
 * the relay did it (routing, or a customer message that reopened the conversation).
 */
export type DeskEvent =
  | { v: 1; type: 'assigned'; to: StaffRef; by?: StaffRef; note?: string }
  | { v: 1; type: 'unassigned'; by: StaffRef }
  | { v: 1; type: 'status'; status: ConversationStatus; until?: number; by?: StaffRef }
  | { v: 1; type: 'labels'; added: string[]; removed: string[]; by: StaffRef }
  /** The customer answered the satisfaction question (issue 17). */
  | { v: 1; type: 'csat'; score: number; comment?: string };

/** A canned reply of the shop. `body` may hold `{{customer.name}}`, `{{order.id}}` and the other `PLACEHOLDERS`. */
export interface CannedReply {
  id: string;
  /** What `/` matches, e.g. `battery` for `/battery`. Lower case, no spaces. */
  shortcut: string;
  title: string;
  body: string;
}

/** A customer as the desk's profile panel shows them. */
export interface CustomerProfile {
  id: string;
  name: string;
  email?: string;
  /** Devices and orders seen in the context cards of their conversations, newest first, without repeats. */
  products: ProductContext[];
  /** Their conversations in this shop, newest first (desk fields included). */
  conversations: ConversationSummary[];
  /** Their calls (messages of kind `call-summary`), newest first, with the snapshots posted during each. */
  calls: Array<{ conversationId: string; summary: WireMessage; snapshots: WireMessage[] }>;
}

/** One thing a `desk` frame asks for. */
export type DeskAction =
  /**
   * Take (`to` = me), transfer (`to` = another agent, with a `note`) or unassign (`to: null`).
   * `expect` is the assignee id the agent saw (null: nobody): when it is no longer so, the relay
   * refuses with `conflict` and changes nothing, so of two agents taking at once one wins.
   */
  | { kind: 'assign'; conversationId: string; to: string | null; note?: string; expect?: string | null }
  | { kind: 'status'; conversationId: string; status: ConversationStatus; until?: number }
  | { kind: 'labels'; conversationId: string; add?: string[]; remove?: string[] }
  /** My presence (and, for myself, my capacity). */
  | { kind: 'presence'; presence: Exclude<AgentPresence, 'offline'>; capacity?: number }
  | { kind: 'agents' }
  | { kind: 'canned-list' }
  /** Admins only: adds or replaces (same `id`) a canned reply. */
  | { kind: 'canned-put'; reply: CannedReply }
  /** Admins only. */
  | { kind: 'canned-delete'; id: string }
  | { kind: 'profile'; customerId: string }
  | FollowUpDeskAction
  | CsatDeskAction
  /** Canned step lists and a staff member's tick (issue 20, see `guided-steps.ts`). */
  | StepsDeskAction;

/** Staff: a desk action, answered by a `desk` frame with the same `requestId` (or an `error` frame whose `ref` is it). */
export interface DeskRequestFrame {
  type: 'desk';
  requestId: string;
  action: DeskAction;
}

/** What a desk action answers. */
export type DeskResult =
  | { kind: 'conversation'; conversation: ConversationSummary }
  | { kind: 'agents'; agents: AgentInfo[] }
  | { kind: 'canned'; replies: CannedReply[] }
  | { kind: 'profile'; profile: CustomerProfile }
  | RelationshipDeskResult
  | StepsResult;

export interface DeskResponseFrame {
  type: 'desk';
  requestId: string;
  result: DeskResult;
}

/** Staff: the shop's roster changed (presence, load, capacity). */
export interface AgentsFrame {
  type: 'agents';
  agents: AgentInfo[];
}

/** The placeholders a canned reply may hold, filled from the conversation when it is inserted. */
export const PLACEHOLDERS = ['customer.name', 'customer.email', 'order.id', 'product.name', 'product.sku', 'product.serial', 'agent.name'] as const;

export const DESK_LIMITS = {
  /** Open conversations routing gives an agent who did not say. */
  defaultCapacity: 5,
  maxCapacity: 100,
  maxLabels: 20,
  maxLabelChars: 32,
  maxNoteChars: 1000,
  maxCannedReplies: 500,
  maxShortcutChars: 32,
  maxCannedTitleChars: 120,
} as const;

/** True for staff roles (agents and admins). */
export function isStaff(role: string): role is 'agent' | 'admin' {
  return role === 'agent' || role === 'admin';
}
