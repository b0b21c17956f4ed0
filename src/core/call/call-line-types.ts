/**
 * The public types of `CallLine` (`client.calls`): its options, its events and the ringing call.
 */
import type { SupportError } from '../../protocol/errors.js';
import type { UserRef } from '../../protocol/model.js';
import type { MediaSignalChannel, MediaTransport } from '../../transports/media-types.js';
import type { CallStateChange, CallSummary, RemoteCallMediaState } from './call-events.js';
import type { CallAnnotationEvent } from './call-annotation-ops.js';
import type { CallMedia } from './call-media.js';
import type { CallSessionOptions } from './call-session.js';
import type { CallInvite, CallSignaller } from './call-signals.js';

/** Timing and ids of the underlying `CallSession` (tests shorten the 45 s ring). */
export type CallTimingOptions = Pick<
  CallSessionOptions,
  'clock' | 'ringTimeoutMs' | 'connectTimeoutMs' | 'reconnectTimeoutMs' | 'createCallId'
>;

/** Call settings of `SupportClientOptions.calls`: timing, and where the media devices come from. */
export interface CallOptions extends CallTimingOptions {
  /** Cameras, microphones and screens of calls; default `navigator.mediaDevices` (tests inject their own). */
  mediaDevices?: MediaDevices;
}

/** What `CallLine` needs from its client. */
export interface CallLineOptions extends CallOptions {
  /** The signed-in user, once the first welcome has arrived. */
  self(): UserRef | undefined;
  signaller: CallSignaller;
  /**
   * Posts the summary message (kind `call-summary`) with this `clientMsgId`. Only called on an
   * agent's client: the relay refuses other kinds than `text` from customers.
   */
  postSummary(conversationId: string, body: string, clientMsgId: string): void;
  /** Makes the media transport of a call (`SupportClient.createMediaTransport`). */
  createMediaTransport(conversationId: string, signalling: MediaSignalChannel, options: { iceServers?: RTCIceServer[] }): Promise<MediaTransport>;
}

/** A call ringing on this side. */
export interface IncomingCall {
  callId: string;
  conversationId: string;
  /** The caller. */
  from: UserRef;
  /** What the caller asked for (video, rear camera). */
  invite: CallInvite;
}

/** Events of `CallLine`. */
export interface CallLineEvents {
  /** The call moved (ringing, connecting, connected, reconnecting, ended with a reason). */
  'call-state': CallStateChange;
  /** A call started ringing on this side. */
  incoming: IncomingCall;
  /** A call ended (once per call, right after `call-state: ended`). */
  summary: CallSummary;
  /** The peer's mute / camera / screen-share state, as sent over signalling. */
  'remote-media-state': RemoteCallMediaState;
  /** The peer froze the video, drew on the still or pointed (checked; see `CallSession.sendAnnotation`). */
  annotation: CallAnnotationEvent;
  /** A signal nobody awaits could not be sent. */
  error: SupportError;
  /** The current call's media appeared, changed (streams, controls, quality, devices) or (`undefined`) ended. */
  media: CallMedia | undefined;
  /** A media failure the user must hear about (`media-denied`, `no-device`, a refused join...). */
  'media-error': SupportError;
}
