/**
 * The body of a `call-summary` message: a finished call told from no side in particular (the
 * agent's client posts it, both sides read it), as a small versioned JSON object. Readers parse it
 * leniently and render it in their own language; an unreadable body is shown as plain text.
 */
import type { UserRef } from '../../protocol/model.js';
import type { CallSummary } from './call-events.js';
import type { CallEndReason } from './call-states.js';
import { isStaff } from '../../protocol/desk.js';

/**
 * How a call ended, seen from no side: `hangup` is a normal end (see `endedBy`), the other
 * values are those of `CallEndReason` (`timeout` is a missed call).
 */
export type CallSummaryEnd = Exclude<CallEndReason, 'remote-hangup'>;

/** The structured content of a `call-summary` message (its `body` is this object as JSON). */
export interface CallSummaryRecord {
  /** Format version. */
  v: 1;
  callId: string;
  /** Who placed the call. */
  caller: UserRef;
  /** Who answered; absent when nobody did. */
  callee?: UserRef;
  video: boolean;
  /** Ms since epoch when the call started ringing. */
  startedAt: number;
  /** Ms since epoch when media connected; absent when it never did. */
  connectedAt?: number;
  endedAt: number;
  /** Talk time, ms (0 when it never connected). */
  durationMs: number;
  end: CallSummaryEnd;
  /** User id of whoever ended a connected call with the red button (`end: 'hangup'`). */
  endedBy?: string;
}

/** The `clientMsgId` of a call's summary: the same for every poster, so the relay stores it once. */
export function callSummaryMessageId(callId: string): string {
  return `call-summary:${callId}`;
}

/**
 * The side-neutral record of a call summarised by `self` (one of its two parties). `answered`
 * says whether `self` accepted an incoming call (an unanswered one keeps `callee` unset).
 */
export function callSummaryRecord(summary: CallSummary, self: UserRef, answered = false): CallSummaryRecord {
  const outgoing = summary.direction === 'outgoing';
  const caller = outgoing ? self : (summary.peer ?? { id: summary.initiator, name: '', role: 'customer' });
  const callee = outgoing ? summary.peer : answered ? self : undefined;
  const record: CallSummaryRecord = {
    v: 1,
    callId: summary.callId,
    caller: userRef(caller),
    ...(callee ? { callee: userRef(callee) } : {}),
    video: summary.video,
    startedAt: summary.startedAt,
    ...(summary.connectedAt === undefined ? {} : { connectedAt: summary.connectedAt }),
    endedAt: summary.endedAt,
    durationMs: summary.durationMs,
    end: summary.endReason === 'remote-hangup' ? 'hangup' : summary.endReason,
  };
  if (summary.endReason === 'hangup') record.endedBy = self.id;
  else if (summary.endReason === 'remote-hangup' && summary.peer) record.endedBy = summary.peer.id;
  return record;
}

/** The message body for `record`. */
export function encodeCallSummary(record: CallSummaryRecord): string {
  return JSON.stringify(record);
}

const ENDS: ReadonlySet<string> = new Set<CallSummaryEnd>([
  'hangup',
  'declined',
  'cancelled',
  'busy',
  'timeout',
  'failed',
  'peer-left',
  'media-denied',
  'no-device',
]);

/** Reads a `call-summary` body; `undefined` when it is not a summary this version understands. */
export function parseCallSummary(body: string): CallSummaryRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const o = value as Record<string, unknown>;
  const caller = parseUser(o['caller']);
  const callee = o['callee'] === undefined ? undefined : parseUser(o['callee']);
  const { callId, video, startedAt, connectedAt, endedAt, durationMs, end, endedBy } = o;
  if (o['v'] !== 1 || typeof callId !== 'string' || !caller || typeof video !== 'boolean') return undefined;
  if (!isTime(startedAt) || !isTime(endedAt) || !isTime(durationMs) || (connectedAt !== undefined && !isTime(connectedAt))) return undefined;
  if (typeof end !== 'string' || !ENDS.has(end)) return undefined;
  return {
    v: 1,
    callId,
    caller,
    ...(callee ? { callee } : {}),
    video,
    startedAt,
    ...(connectedAt === undefined ? {} : { connectedAt }),
    endedAt,
    durationMs,
    end: end as CallSummaryEnd,
    ...(typeof endedBy === 'string' ? { endedBy } : {}),
  };
}

function userRef(user: UserRef): UserRef {
  return { id: user.id, name: user.name, role: user.role };
}

function parseUser(value: unknown): UserRef | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, name, role } = value as Record<string, unknown>;
  if (typeof id !== 'string' || typeof name !== 'string' || typeof role !== 'string' || (role !== 'customer' && !isStaff(role))) return undefined;
  return { id, name, role };
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
