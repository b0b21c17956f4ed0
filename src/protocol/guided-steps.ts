/**
 * Guided steps (issue 20): a checklist an agent sends into the thread ("1. Hold the power button
 * 2. Open Bluetooth settings ...") and the customer ticks, step by step, while the agent watches.
 *
 * On the wire a checklist is an ordinary message of kind `steps` (staff only may send one; stored
 * in history like any other, customer-visible) whose body is a `GuidedSteps` as JSON: plain text
 * and image addresses as fields, never HTML. A tick is a coded action, `StepAction`: a customer
 * sends it in a `customer` frame, staff in a `desk` frame. The relay stores it in the checklist's
 * own body (`done`), so history, another device and a restarted relay all show the same state, and
 * tells every member of the conversation with a `steps` frame (`StepsProgress`). Shops keep canned
 * step lists per product (`StepList`), which agents pick from, edit and send.
 */
import type { ProductContext, UserRef } from './model.js';

/** One step of a checklist. */
export interface GuidedStep {
  /** What to do, plain text (new lines allowed). */
  text: string;
  /**
   * A picture of the step: a relay upload (`/uploads/...`) or an absolute http(s) URL, held to
   * the same rules as an attachment's address (an origin the relay and the widget allow).
   */
  image?: string;
}

/** The body (JSON) of a message of kind `steps`. */
export interface GuidedSteps {
  v: 1;
  title: string;
  /** In order; at least 1, at most `STEPS_LIMITS.maxSteps`. */
  steps: GuidedStep[];
  /** Per step, ticked or not (same length as `steps` once read; absent when sent: none is done yet). */
  done?: boolean[];
}

/** Which step of which checklist (the `steps` message `seq`) to tick (`done: true`) or untick. */
export interface StepTick {
  conversationId: string;
  seq: number;
  /** Index into `steps`, from 0. */
  step: number;
  done: boolean;
}

/**
 * A tick as a `customer` frame's action (the conversation's own customer) or a `desk` frame's
 * (staff of its shop). Refused with `forbidden` for anybody else, `not-found` when `seq` is no
 * checklist of the conversation, `bad-frame` when `step` is past its last step.
 */
export interface StepAction extends StepTick {
  kind: 'step';
}

/** Where a checklist stands after a tick: the answer to the ticker and, as a `steps` frame, news for every member. */
export interface StepsProgress {
  conversationId: string;
  /** The checklist's message. */
  seq: number;
  /** Every step's state, in order. */
  done: boolean[];
  /** Who ticked (absent when the relay repeats the states after a resume). */
  by?: UserRef;
  /** Ms since epoch. */
  at: number;
}

/** Relay → the members of the conversation (its customer's sockets and the shop's staff): a checklist changed. */
export interface StepsFrame extends StepsProgress {
  type: 'steps';
}

/**
 * A canned step list of the shop. `sku` and `productName` say which products it is for (the
 * conversation's product card: the same SKU, or a name holding `productName`); with neither it
 * is a general list, offered for every conversation.
 */
export interface StepList {
  id: string;
  title: string;
  steps: GuidedStep[];
  sku?: string;
  productName?: string;
}

/** Desk actions about canned step lists (staff: list; admins: put, delete) and a staff member's tick. */
export type StepsDeskAction =
  | { kind: 'steps-list' }
  /** Admins only: adds or replaces (same `id`) a list. */
  | { kind: 'steps-put'; list: StepList }
  /** Admins only. */
  | { kind: 'steps-delete'; id: string }
  | StepAction;

/** What the steps' desk actions (and a customer's tick) answer. */
export type StepsResult = { kind: 'step-lists'; lists: StepList[] } | { kind: 'steps'; progress: StepsProgress };

export const STEPS_LIMITS = {
  maxSteps: 20,
  maxTitleChars: 120,
  maxStepChars: 300,
  maxImageChars: 1024,
  /** Canned step lists one shop holds. */
  maxStepLists: 200,
  maxMatchChars: 120,
} as const;

/** The desk action kinds of guided steps. */
export const STEPS_DESK_KINDS = ['steps-list', 'steps-put', 'steps-delete', 'step'] as const;

/** How many steps are done of how many. */
export function stepsProgress(checklist: Pick<GuidedSteps, 'steps' | 'done'>): { done: number; total: number } {
  const total = checklist.steps.length;
  return { done: (checklist.done ?? []).slice(0, total).filter(Boolean).length, total };
}

/** Every step's state, as long as `steps`: `done` read where given, the rest not done. */
export function doneList(checklist: Pick<GuidedSteps, 'steps' | 'done'>): boolean[] {
  return checklist.steps.map((_, i) => checklist.done?.[i] === true);
}

/** The checklist with one step ticked or unticked (a new object; the input is not changed). */
export function applyTick(checklist: GuidedSteps, step: number, done: boolean): GuidedSteps {
  const states = doneList(checklist);
  if (step >= 0 && step < states.length) states[step] = done;
  return { ...checklist, done: states };
}

/**
 * The shop's lists offered for a conversation's product card, best first: those for its SKU, then
 * those whose `productName` its name holds (any case), then the general ones; each group by title.
 *
 * @example
 * stepListsFor(lists, { sku: 'EB-200', name: 'Buds Pro earbuds' });
 */
export function stepListsFor(lists: readonly StepList[], context: ProductContext | undefined): StepList[] {
  const sku = context?.sku?.trim().toLowerCase();
  const name = context?.name?.toLowerCase() ?? '';
  const rank = (list: StepList): number => {
    if (list.sku !== undefined && sku && list.sku.trim().toLowerCase() === sku) return 0;
    if (list.productName !== undefined && name.includes(list.productName.trim().toLowerCase())) return 1;
    return list.sku === undefined && list.productName === undefined ? 2 : 3;
  };
  return lists
    .map((list) => ({ list, rank: rank(list) }))
    .filter((entry) => entry.rank < 3)
    .sort((a, b) => a.rank - b.rank || a.list.title.localeCompare(b.list.title))
    .map((entry) => entry.list);
}
