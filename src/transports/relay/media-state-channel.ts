/**
 * Tells the peer whether this side sends audio and video (mute, camera off) over a small
 * pre-negotiated `RTCDataChannel`, so `remote-media-state` works without the messaging layer.
 * A disabled track still sends (silence, black frames), so the peer could not tell otherwise.
 */
import type { RemoteMediaStateEvent } from '../media-types.js';

/** The data channel's fixed id: both sides create it (`negotiated: true`), no in-band announcement. */
const CHANNEL_ID = 0;
/** Largest message accepted from the peer. */
const MAX_MESSAGE_CHARS = 256;

/** What one side tells the other: what it sends, and whether the network made it pause its video. */
export interface MediaStateMessage extends RemoteMediaStateEvent {
  /** The video is on but not sent: the network cannot carry it (absent from peers that predate it). */
  videoPausedByNetwork?: boolean;
}

/** Parses the peer's message, or `undefined` when malformed. */
export function parseMediaStateMessage(data: unknown): MediaStateMessage | undefined {
  if (typeof data !== 'string' || data.length > MAX_MESSAGE_CHARS) return undefined;
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value !== 'object' || value === null) return undefined;
    const { audio, video, videoPausedByNetwork: paused } = value as Record<string, unknown>;
    if (typeof audio !== 'boolean' || typeof video !== 'boolean' || (paused !== undefined && typeof paused !== 'boolean')) return undefined;
    return paused ? { audio, video, videoPausedByNetwork: true } : { audio, video };
  } catch {
    return undefined;
  }
}

/**
 * One side of the media-state channel.
 *
 * @example
 * ```ts
 * const states = new MediaStateChannel(pc, signal, (remote) => emit('remote-media-state', remote));
 * states.update({ audio: false, video: true });
 * ```
 */
export class MediaStateChannel {
  private readonly channel: RTCDataChannel;
  private local: MediaStateMessage | undefined;
  private sent = '';

  constructor(pc: RTCPeerConnection, signal: AbortSignal, onRemote: (state: MediaStateMessage) => void) {
    this.channel = pc.createDataChannel('media-state', { negotiated: true, id: CHANNEL_ID, ordered: true });
    const listen = { signal };
    this.channel.addEventListener('open', () => this.flush(), listen);
    this.channel.addEventListener(
      'message',
      (event: MessageEvent<unknown>) => {
        const state = parseMediaStateMessage(event.data);
        if (state) onRemote(state);
      },
      listen,
    );
    signal.addEventListener('abort', () => this.channel.close(), { once: true });
  }

  /** Records what this side sends now; the peer hears of it as soon as the channel is open. */
  update(state: MediaStateMessage): void {
    // The flag goes out only while set, so a peer that predates it reads the same two booleans.
    this.local = state.videoPausedByNetwork ? { audio: state.audio, video: state.video, videoPausedByNetwork: true } : { audio: state.audio, video: state.video };
    this.flush();
  }

  private flush(): void {
    if (!this.local || this.channel.readyState !== 'open') return;
    const message = JSON.stringify(this.local);
    // Only changes go out; the channel is ordered and reliable.
    if (message === this.sent) return;
    this.channel.send(message);
    this.sent = message;
  }
}
