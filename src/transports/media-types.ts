/**
 * The media half of a backend: what a call needs once signalling has said "accepted".
 * Two implementations: `relay` (browser `RTCPeerConnection`, perfect negotiation, offers/answers/ICE
 * carried by the call's signalling) and `agora` (`agora-rtc-sdk-ng`, loaded only when a call starts).
 *
 * Type-only file: it must stay free of runtime code so importing it never touches the DOM.
 * `MediaStream` / `MediaStreamTrack` are referenced as types from TypeScript's DOM lib only.
 */
import type { SupportError } from '../protocol/errors.js';

/** Signalling actions that belong to the media layer (the relay backend's WebRTC negotiation). */
export type MediaSignalAction = 'offer' | 'answer' | 'ice';

/** One negotiation message of the current call, received from the peer. */
export interface MediaSignal {
  callId: string;
  conversationId: string;
  action: MediaSignalAction;
  /** SDP description or ICE candidate, as the peer's media layer sent it (opaque JSON). */
  payload: unknown;
  /** User id of the sender. */
  fromId: string;
}

/**
 * The seam between a `CallSession` and a media transport that negotiates over messaging (relay).
 * `CallSession` implements it: it stamps outgoing messages with the current call and forwards
 * incoming ones for that call only.
 *
 * @example
 * ```ts
 * const media = createRelayMediaTransport({ signalling: session, iceServers: [] });
 * ```
 */
export interface MediaSignalChannel {
  /** Sends an offer, answer or ICE candidate to the peer of the current call. */
  sendMediaSignal(action: MediaSignalAction, payload: unknown): Promise<void>;
  /** Subscribes to the peer's negotiation messages; returns the unsubscribe function. */
  on(event: 'media-signal', listener: (signal: MediaSignal) => void): () => void;
}

/** Connection state of the media path, mirrored into the call session's state. */
export type MediaConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed';

/**
 * A snapshot of network and video quality, from `getStats()` (WebRTC) or the SDK's stats (Agora).
 * Every field is absent while unknown (e.g. before the first report, or audio-only).
 */
export interface CallQuality {
  /** Round-trip time to the peer (or the media server), ms. */
  rttMs?: number;
  /** Fraction of packets lost since the previous report, 0..1. */
  packetLoss?: number;
  /** Received video + audio bitrate, kbit/s. */
  bitrateKbps?: number;
  /** Width of the received video, px. */
  width?: number;
  /** Height of the received video, px. */
  height?: number;
  /** Frames per second of the received video. */
  frameRate?: number;
}

/** Whether the peer is sending audio and video (mute and camera-off reach the other side). */
export interface RemoteMediaStateEvent {
  audio: boolean;
  video: boolean;
}

/**
 * Video held back because the network cannot carry it while audio goes on (the audio-only
 * fallback, docs/weak-networks.md); it comes back by itself.
 */
export interface NetworkVideoPauseEvent {
  /** `local`: this side stopped sending its video; `remote`: the peer's video stopped reaching this side. */
  side: 'local' | 'remote';
  /** True when it stops, false when it is back. */
  paused: boolean;
}

/** Events of a `MediaTransport`. */
export interface MediaTransportEvents {
  /** The peer's stream appeared or was replaced; `null` when it went away. */
  'remote-stream': MediaStream | null;
  /** The peer muted/unmuted or turned the camera off/on. */
  'remote-media-state': RemoteMediaStateEvent;
  /** Video paused (or back) because of the network, this side's or the peer's: audio goes on. */
  'network-video-pause': NetworkVideoPauseEvent;
  /** The media path changed state (`reconnecting` while an ICE restart runs). */
  'connection-state': MediaConnectionState;
  /** A periodic quality sample (about once a second while connected). */
  quality: CallQuality;
  /** A failure (`media-denied`, `no-device`, `network`, `timeout`...); fatal ones are followed by `connection-state: failed`. */
  error: SupportError;
}

/** Options of `MediaTransport.join()`. */
export interface MediaJoinOptions {
  /** The call being joined (the relay's negotiation and Agora's channel are keyed by it). */
  callId: string;
  conversationId: string;
  /** The current user's id. */
  selfId: string;
  /** The other side's user id, when known. */
  peerId?: string;
  /** Perfect negotiation role: exactly one side is polite (the callee, see `CallSession.polite`). */
  polite: boolean;
  /** Abort the join (e.g. the call ended while connecting). */
  signal?: AbortSignal;
  /** Reject with a `timeout` `SupportError` when not connected within this many ms. */
  timeoutMs?: number;
}

/** Tracks to send; either may be absent (audio-only call, or no microphone). */
export interface PublishTracks {
  audio?: MediaStreamTrack;
  video?: MediaStreamTrack;
}

/** Options of `MediaTransport.replaceVideoTrack()`. */
export interface ReplaceVideoTrackOptions {
  /** `detail` for screen share (text stays sharp), `motion` for a camera. */
  contentHint?: 'motion' | 'detail';
}

/**
 * The media half of one call. One instance per call: `join()` once, `leave()` once.
 * It never acquires devices itself: the caller passes tracks, so device choice, camera switching
 * and permission errors stay with the UI layer.
 *
 * @example
 * ```ts
 * await media.join({ callId, conversationId, selfId, polite: session.polite, timeoutMs: 20_000 });
 * await media.publish({ audio: mic, video: camera });
 * media.on('connection-state', (state) => state === 'connected' && session.markConnected());
 * ```
 */
export interface MediaTransport {
  /** Which backend this is. */
  readonly backend: 'relay' | 'agora';
  /** The peer's media, once it arrives; `null` before and after. */
  readonly remoteStream: MediaStream | null;
  /** Starts connecting to the peer; resolves when the media path is up. Rejects with a `SupportError`. */
  join(options: MediaJoinOptions): Promise<void>;
  /** Stops every track it created, removes every listener, closes the connection. Safe to call twice. */
  leave(): Promise<void>;
  /** Starts sending these tracks (replaces tracks of the same kind already sent). */
  publish(tracks: PublishTracks): Promise<void>;
  /** Swaps the sent video (camera switch, screen share) without renegotiating the call; `null` sends nothing. */
  replaceVideoTrack(track: MediaStreamTrack | null, options?: ReplaceVideoTrackOptions): Promise<void>;
  /** Mutes or unmutes the microphone (the track stays acquired). */
  setAudioEnabled(enabled: boolean): Promise<void>;
  /** Turns the sent video off or on (the track stays acquired). */
  setVideoEnabled(enabled: boolean): Promise<void>;
  /** The current quality sample. */
  getStats(): Promise<CallQuality>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof MediaTransportEvents>(
    event: K,
    listener: (payload: MediaTransportEvents[K]) => void,
  ): () => void;
}
