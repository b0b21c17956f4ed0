/**
 * What a session knows about its current (or last) call, and the summary it becomes at the end.
 */
import type { UserRef } from '../../protocol/model.js';
import type { SignalEvent } from '../../transports/types.js';
import type { CallSummary } from './call-events.js';
import { parseInvite, type CallInvite } from './call-signals.js';
import type { CallDirection, CallEndReason } from './call-states.js';

/** One call as seen from this side. */
export interface CallRecord {
  callId: string;
  conversationId: string;
  direction: CallDirection;
  /** User id of the caller. */
  initiator: string;
  /** The other side; unknown for an outgoing call until someone accepts. */
  peer?: UserRef;
  invite: CallInvite;
  /** Either side sent video at some point (its media state said so): a voice call upgraded to video. */
  videoSeen?: boolean;
  startedAt: number;
  connectedAt?: number;
}

/** The summary of a call that ended at `endedAt` for `reason`. */
export function summarizeCall(call: CallRecord, reason: CallEndReason, endedAt: number): CallSummary {
  return {
    callId: call.callId,
    conversationId: call.conversationId,
    initiator: call.initiator,
    direction: call.direction,
    ...(call.peer ? { peer: { ...call.peer } } : {}),
    // A voice call that either side turned into video is summarised as a video call.
    video: call.invite.video || call.videoSeen === true,
    startedAt: call.startedAt,
    ...(call.connectedAt === undefined ? {} : { connectedAt: call.connectedAt }),
    endedAt,
    durationMs: call.connectedAt === undefined ? 0 : Math.max(0, endedAt - call.connectedAt),
    endReason: reason,
  };
}

/** The incoming call an `invite` signal rings for (ringing since `startedAt`). */
export function incomingCall(invite: SignalEvent, startedAt: number): CallRecord {
  return {
    callId: invite.callId,
    conversationId: invite.conversationId,
    direction: 'incoming',
    initiator: invite.from.id,
    peer: { ...invite.from },
    invite: parseInvite(invite.payload),
    startedAt,
  };
}
