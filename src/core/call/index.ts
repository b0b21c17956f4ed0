/**
 * Call signalling: the `CallSession` state machine and its types (issue: video call).
 */
export { CallSession } from './call-session.js';
export type { CallSessionOptions, StartCallOptions } from './call-session.js';
export { createCallId } from './call-id.js';
export { systemClock } from './call-clock.js';
export type { CallClock } from './call-clock.js';
export { CALL_TRANSITIONS, CALL_FAILURE_REASONS, canTransition, isCallActive, isCallAccepted } from './call-states.js';
export type { CallState, CallEndReason, CallFailureReason, CallDirection } from './call-states.js';
export type { CallSignaller, CallInvite, CallMediaState, CallEndPayload } from './call-signals.js';
export type { CallSessionEvents, CallStateChange, CallSummary, RemoteCallMediaState } from './call-events.js';
