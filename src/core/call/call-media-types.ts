/**
 * Types of a call's media as the client exposes it (`client.calls.media`): what the peer sends,
 * the events a call UI follows, and the media-transport types a UI needs, re-exported so the
 * elements never import a transport. Type-only: importing it loads nothing.
 */
import type { SupportError } from '../../protocol/errors.js';
import type { CallQuality, MediaConnectionState, MediaTransport } from '../../transports/media-types.js';
import type { CallSession } from './call-session.js';
import type { CameraAssist } from './camera-assist.js';
import type { MediaDeviceLists } from './local-media.js';

export type { CallQuality, MediaConnectionState, MediaTransport } from '../../transports/media-types.js';
export type { Facing, MediaDeviceLists } from './local-media.js';

/** Options of `new CallMedia()`. */
export interface CallMediaConfig {
  /**
   * Makes the call's media transport (`SupportClient.createMediaTransport`). Called synchronously
   * by `connect()`, so a relay transport hears the peer's offer even while its code loads.
   */
  createTransport(session: CallSession): Promise<MediaTransport>;
  /** Where cameras, microphones and screens come from; default `navigator.mediaDevices`. */
  mediaDevices?: MediaDevices | undefined;
  /** Longest wait for the media to connect once accepted. Default 25 000 ms. */
  joinTimeoutMs?: number;
}

/** What the peer sends, as far as we were told. */
export interface RemoteMedia {
  audio: boolean;
  video: boolean;
  screen: boolean;
}

/**
 * Video held back by a weak network while audio goes on (the audio-only fallback); each side comes
 * back by itself. The peer's picture stays on its last frame meanwhile.
 */
export interface NetworkVideoPause {
  /** This side's video is not sent: its uplink cannot carry it. */
  local: boolean;
  /** The peer's video does not reach this side: its network (or, on Agora, ours) cannot carry it. */
  remote: boolean;
}

/** This side's controls: microphone, camera, screen share. */
export interface LocalControls {
  micOn: boolean;
  cameraOn: boolean;
  sharing: boolean;
}

/** Events of one call's `CallMedia`. */
export interface CallMediaEvents {
  /** The self-view changed (camera opened or switched, screen shared); `null` when there is none. */
  'local-stream': MediaStream | null;
  /** The peer's stream appeared or was replaced; `null` when it went away. */
  'remote-stream': MediaStream | null;
  /** The peer muted, turned the camera off or shares the screen (or stopped). */
  'remote-media': RemoteMedia;
  /** Video paused or back because of the network, this side's or the peer's (`media.networkVideoPause`). */
  'network-video-pause': NetworkVideoPause;
  /** A network quality sample (about once a second while connected). */
  quality: CallQuality;
  /** The media path changed state (also mirrored into the call's state). */
  'connection-state': MediaConnectionState;
  /** The cameras and microphones there are changed (plugged, unplugged, labels after a grant). */
  devices: MediaDeviceLists;
  /** Mute, camera off or screen share changed on this side. */
  controls: LocalControls;
  /** Torch and zoom help changed: the peer's camera capabilities, a request to answer, an answer (`media.cameraHelp`). */
  'camera-help': CameraAssist;
  /** A failure the user must hear about (`media-denied`, `no-device`, `camera-denied`, a refused join...). */
  error: SupportError;
  /** Anything a call UI shows changed (after each of the events above). */
  change: undefined;
}

/** Who uses the client's call media, and for which calls (`client.calls.attachMedia()`). */
export interface CallMediaUse {
  /** Whether calls of this conversation are this user's (default all). */
  handles?(conversationId: string): boolean;
  /** STUN/TURN servers for the peer connection, relay backend (read when a call connects). */
  iceServers?(): RTCIceServer[] | undefined;
}
