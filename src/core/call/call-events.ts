/**
 * What a `CallSession` tells its listeners (the client, the call element, the media layer).
 */
import type { UserRef } from '../../protocol/model.js';
import type { MediaSignal } from '../../transports/media-types.js';
import type { SupportError } from '../../protocol/errors.js';
import type { CallDirection, CallEndReason, CallState } from './call-states.js';
import type { CallAnnotationEvent } from './call-annotation-ops.js';
import type { CallMediaState, PeerSignalAction } from './call-signals.js';

/** A move of the state machine. `reason` is set when `state` is `ended`. */
export interface CallStateChange {
  state: CallState;
  previous: CallState;
  callId: string;
  conversationId: string;
  reason?: CallEndReason;
}

/** The peer's media state (mute, camera off, screen share), forwarded from a `state` signal. */
export interface RemoteCallMediaState extends CallMediaState {
  callId: string;
  conversationId: string;
  /** User id of the peer. */
  fromId: string;
}

/** An in-call signal of the peer for the call's media (camera help), its payload unchecked: the media parses it. */
export interface PeerSignal {
  action: PeerSignalAction;
  payload: unknown;
  callId: string;
  /** User id of the peer. */
  fromId: string;
}

/** One finished call, for the call-summary message in the thread (who, when, how long, how it ended). */
export interface CallSummary {
  callId: string;
  conversationId: string;
  /** User id of whoever placed the call (after glare: the caller whose invite won). */
  initiator: string;
  direction: CallDirection;
  /** The other side, when known (the callee is unknown until it answers). */
  peer?: UserRef;
  /** True when the call was placed as a video call, or video was sent by either side at any time (a voice call upgraded). */
  video: boolean;
  /** Ms since epoch when the call began ringing on this side. */
  startedAt: number;
  /** Ms since epoch of the first `connected`; absent when the call never connected. */
  connectedAt?: number;
  endedAt: number;
  /** Talk time: `endedAt - connectedAt`, or 0 when the call never connected. */
  durationMs: number;
  endReason: CallEndReason;
}

/** Events of `CallSession`. */
export interface CallSessionEvents {
  state: CallStateChange;
  /** An offer, answer or ICE candidate from the peer, for the media layer. */
  'media-signal': MediaSignal;
  'remote-media-state': RemoteCallMediaState;
  /** The peer's camera help (torch/zoom capabilities, requests, answers), for the call's media. */
  'peer-signal': PeerSignal;
  /** The peer froze, drew or pointed (a checked `annotate` operation). */
  annotation: CallAnnotationEvent;
  /** Emitted once per call, right after `state: ended`. */
  summary: CallSummary;
  /**
   * A signal nobody awaits could not be sent: an ending signal (the call still ended locally),
   * a `busy` answer, or the automatic `accept` after glare (that call then ends with `failed`).
   */
  error: SupportError;
}
