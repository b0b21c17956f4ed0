/**
 * What an incoming signal means for the call, as a pure decision: no state is changed here.
 * `CallSession` carries the decision out. Keeping the rules apart makes them readable as a table.
 */
import type { SignalEvent } from '../../transports/types.js';
import type { MediaSignal } from '../../transports/media-types.js';
import type { PeerSignal, RemoteCallMediaState } from './call-events.js';
import type { CallRecord } from './call-record.js';
import { decideAnnotation, type AnnotationDecision } from './call-annotation-ops.js';
import { parseEndPayload, parseMediaState, type CallMediaState } from './call-signals.js';
import { isCallActive, type CallEndReason, type CallState } from './call-states.js';

/** What the session should do with one signal. */
export type SignalDecision =
  | { kind: 'ignore' }
  /** Freeze-and-draw and the pointer: a checked operation, or a malformed one to drop. */
  | AnnotationDecision
  /** A new incoming call: start ringing. */
  | { kind: 'ring' }
  /** Glare, and our invite wins: keep ringing, the peer will accept ours. */
  | { kind: 'glare-keep' }
  /** Glare, and the peer's invite wins: drop ours, accept theirs. */
  | { kind: 'glare-yield' }
  /** An invite during another call: answer `busy`. */
  | { kind: 'busy' }
  /** Our outgoing call was answered. */
  | { kind: 'accepted' }
  | { kind: 'end'; reason: CallEndReason }
  /** An offer, answer or ICE candidate for the media layer. */
  | { kind: 'media-signal'; signal: MediaSignal }
  /** The peer's mute / camera / screen state. */
  | { kind: 'media-state'; media: CallMediaState; event: RemoteCallMediaState }
  /** The peer's camera help, for the call's media. */
  | { kind: 'peer-signal'; signal: PeerSignal };

/** What the rules need to know about the session. */
export interface SignalRoutingContext {
  state: CallState;
  call: CallRecord | undefined;
  selfId: string;
  /** True for the current call's id and for recently finished or refused ones. */
  isKnown(callId: string): boolean;
  answerBusy: boolean;
}

const IGNORE: SignalDecision = { kind: 'ignore' };

/** Decides what `signal` means in `context`. */
export function decideSignal(context: SignalRoutingContext, signal: SignalEvent): SignalDecision {
  const { state, call } = context;
  if (signal.action === 'invite') return decideInvite(context, signal);
  if (!call || !isCallActive(state)) return IGNORE;
  if (signal.callId !== call.callId || signal.conversationId !== call.conversationId) return IGNORE;
  if (state === 'incoming-ringing') return decideWhileRinging(call, signal);
  if (signal.from.id === context.selfId) return IGNORE;
  if (state === 'outgoing-ringing') return decideWhileCalling(signal);
  return decideWhileAccepted(call, signal);
}

function decideInvite(context: SignalRoutingContext, signal: SignalEvent): SignalDecision {
  const { state, call } = context;
  if (signal.from.id === context.selfId || context.isKnown(signal.callId)) return IGNORE;
  if (!call || !isCallActive(state)) return { kind: 'ring' };
  if (state === 'outgoing-ringing' && signal.conversationId === call.conversationId) {
    // Glare: both invited at once. The smaller callId wins on both sides, so they meet on one call.
    return call.callId < signal.callId ? { kind: 'glare-keep' } : { kind: 'glare-yield' };
  }
  return context.answerBusy ? { kind: 'busy' } : IGNORE;
}

function decideWhileCalling(signal: SignalEvent): SignalDecision {
  switch (signal.action) {
    case 'accept':
      return { kind: 'accepted' };
    case 'decline':
      return { kind: 'end', reason: 'declined' };
    case 'busy':
      return { kind: 'end', reason: 'busy' };
    default:
      return IGNORE;
  }
}

function decideWhileRinging(call: CallRecord, signal: SignalEvent): SignalDecision {
  const action = signal.action;
  if (signal.from.id !== call.peer?.id) {
    // Another device or member answered (or refused) first: this one stops ringing.
    return action === 'accept' || action === 'decline' || action === 'busy' ? { kind: 'end', reason: 'cancelled' } : IGNORE;
  }
  return action === 'cancel' || action === 'hangup' ? { kind: 'end', reason: callerEndReason(signal) } : IGNORE;
}

function decideWhileAccepted(call: CallRecord, signal: SignalEvent): SignalDecision {
  if (signal.from.id !== call.peer?.id) return IGNORE;
  switch (signal.action) {
    case 'hangup':
      return { kind: 'end', reason: 'remote-hangup' };
    case 'cancel':
      // The caller gave up while our accept was in flight.
      return call.direction === 'incoming' ? { kind: 'end', reason: callerEndReason(signal) } : IGNORE;
    case 'offer':
    case 'answer':
    case 'ice': {
      const { callId, conversationId, action, payload } = signal;
      return { kind: 'media-signal', signal: { callId, conversationId, action, payload, fromId: signal.from.id } };
    }
    case 'state': {
      const media = parseMediaState(signal.payload);
      const where = { callId: signal.callId, conversationId: signal.conversationId, fromId: signal.from.id };
      return media ? { kind: 'media-state', media, event: { ...media, ...where } } : IGNORE;
    }
    case 'camera':
      return { kind: 'peer-signal', signal: { action: signal.action, payload: signal.payload, callId: signal.callId, fromId: signal.from.id } };
    case 'annotate':
      return decideAnnotation(signal);
    default:
      return IGNORE;
  }
}

/** A caller's cancel says whether it timed out (a missed call) or gave up. */
function callerEndReason(signal: SignalEvent): CallEndReason {
  return parseEndPayload(signal.payload).reason === 'timeout' ? 'timeout' : 'cancelled';
}
