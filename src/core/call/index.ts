/**
 * Calls: the `CallSession` state machine, the media of a call (`CallMedia`, owned by the client's
 * `CallLine`) and their types. Elements take the media types from here, never from a transport.
 */
export { CallSession } from './call-session.js';
export type { CallSessionOptions, StartCallOptions } from './call-session.js';
export { createCallId } from './call-id.js';
export { systemClock } from './call-clock.js';
export type { CallClock } from './call-clock.js';
export { CALL_TRANSITIONS, CALL_FAILURE_REASONS, canTransition, isCallActive, isCallAccepted } from './call-states.js';
export type { CallState, CallEndReason, CallFailureReason, CallDirection } from './call-states.js';
export type { CallSignaller, CallInvite, CallMediaState, CallEndPayload } from './call-signals.js';
export type { CallSessionEvents, CallStateChange, CallSummary, PeerSignal, RemoteCallMediaState } from './call-events.js';
export { AnnotationBoard } from './call-annotation-board.js';
export type { AnnotationFreeze, AnnotationPointer, AnnotationStroke } from './call-annotation-board.js';
export { AnnotationSender } from './call-annotation-sender.js';
export { ANNOTATION_LIMITS, parseAnnotationOp } from './call-annotation-ops.js';
export type { AnnotationOp, AnnotationStill, AnnotationTool, CallAnnotationEvent, NormalPoint } from './call-annotation-ops.js';
export type { CallMedia } from './call-media.js';
export type { CallDevices } from './call-devices.js';
export type { CameraAssist, CameraAnswer, CameraAnswered, CameraChange, CameraHelpCapabilities, CameraRequest, ZoomRange } from './camera-assist.js';
export type {
  CallMediaEvents,
  CallMediaUse,
  CallQuality,
  Facing,
  LocalControls,
  MediaConnectionState,
  MediaDeviceLists,
  MediaTransport,
  NetworkVideoPause,
  RemoteMedia,
} from './call-media-types.js';
