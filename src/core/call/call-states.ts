/**
 * States of a call and the only moves between them. `CallSession` refuses any other move, so
 * this table is the whole state machine at a glance.
 */

/** Where a call stands. `ended` is the last state of a call; a new call may start from it. */
export type CallState =
  | 'idle'
  | 'outgoing-ringing'
  | 'incoming-ringing'
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'ended';

/**
 * Why a call ended, from this side's point of view.
 * - `hangup`: we hung up; `remote-hangup`: the peer did.
 * - `declined`: the callee declined (both sides see it); `cancelled`: the caller gave up before an
 *   answer, or another device/member answered the ringing call.
 * - `busy`: the callee was in another call; `timeout`: nobody answered within the ring timeout.
 * - `failed`: signalling or media could not connect; `peer-left`: the peer vanished mid-call.
 * - `media-denied` / `no-device`: camera or microphone permission denied / missing on this side.
 */
export type CallEndReason =
  | 'hangup'
  | 'declined'
  | 'cancelled'
  | 'busy'
  | 'timeout'
  | 'failed'
  | 'peer-left'
  | 'media-denied'
  | 'no-device'
  | 'remote-hangup';

/** End reasons the media layer may report through `CallSession.markFailed()`. */
export type CallFailureReason = Extract<CallEndReason, 'failed' | 'peer-left' | 'media-denied' | 'no-device'>;

/** Every failure reason, for validation. */
export const CALL_FAILURE_REASONS: readonly CallFailureReason[] = ['failed', 'peer-left', 'media-denied', 'no-device'];

/** Which call started this one, seen from this side. */
export type CallDirection = 'outgoing' | 'incoming';

/** Allowed moves: `from -> [to...]`. */
export const CALL_TRANSITIONS: Readonly<Record<CallState, readonly CallState[]>> = {
  idle: ['outgoing-ringing', 'incoming-ringing'],
  'outgoing-ringing': ['connecting', 'ended'],
  'incoming-ringing': ['connecting', 'ended'],
  connecting: ['connected', 'ended'],
  connected: ['reconnecting', 'ended'],
  reconnecting: ['connected', 'ended'],
  ended: ['outgoing-ringing', 'incoming-ringing'],
};

/** True when the table allows `from -> to`. */
export function canTransition(from: CallState, to: CallState): boolean {
  return CALL_TRANSITIONS[from].includes(to);
}

/** True while a call exists and has not ended (ringing, connecting, connected, reconnecting). */
export function isCallActive(state: CallState): boolean {
  return state !== 'idle' && state !== 'ended';
}

/** True once a call is accepted and until it ends: media may flow and media signals are valid. */
export function isCallAccepted(state: CallState): boolean {
  return state === 'connecting' || state === 'connected' || state === 'reconnecting';
}
