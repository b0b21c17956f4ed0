/**
 * The media of the line's current call, while someone uses it (`client.calls.attachMedia()`, as
 * `<support-call>` does): made when the call rings out (the caller previews) or is accepted,
 * connected on `connecting` (before anyone else hears of it, so the peer's offer finds the
 * transport), left on `ended` or when no user handles the call any more. Loaded with the state
 * machine, on first use.
 */
import type { SupportError } from '../../protocol/errors.js';
import type { CallStateChange, RemoteCallMediaState } from './call-events.js';
import { CallMedia } from './call-media.js';
import type { CallMediaUse, MediaTransport } from './call-media-types.js';
import type { CallSession } from './call-session.js';
import { isCallAccepted, isCallActive } from './call-states.js';

/** What the slot needs from its line. */
export interface CallMediaSlotOptions {
  /** Who uses the media now (read live). */
  users: ReadonlySet<CallMediaUse>;
  /** Makes the media transport of `session`'s call for the client's backend. */
  createTransport(session: CallSession, iceServers: RTCIceServer[] | undefined): Promise<MediaTransport>;
  /** Where cameras and microphones come from; default `navigator.mediaDevices`. */
  mediaDevices?: MediaDevices | undefined;
  /** Ms since epoch (the call timer starts at the first `connected`). */
  now(): number;
  /** The current call's media appeared, changed or (`undefined`) ended. */
  onMedia(media: CallMedia | undefined): void;
  /** A failure the user must hear about. */
  onError(error: SupportError): void;
}

/**
 * One call's media at a time, following the line's session.
 *
 * @example
 * ```ts
 * const slot = new CallMediaSlot({ users, createTransport, now: Date.now, onMedia, onError });
 * session.on('state', (change) => slot.onState(session, change));
 * ```
 */
export class CallMediaSlot {
  private media: CallMedia | undefined;

  constructor(private readonly options: CallMediaSlotOptions) {}

  /** The media of the current call, if any. */
  get current(): CallMedia | undefined {
    return this.media;
  }

  /** `session`'s call moved. */
  onState(session: CallSession, change: CallStateChange): void {
    if (session.callId !== change.callId) return;
    if (change.state === 'ended') {
      void this.end();
      return;
    }
    if (!this.user(session)) return;
    if (change.state === 'outgoing-ringing') void this.begin(session).openLocal();
    else if (change.state === 'connecting') this.begin(session).connect();
    else if (change.state === 'connected' && this.media) this.startClock(this.media);
  }

  /** The peer's mute / camera / screen-share state, as told over signalling. */
  onRemoteMedia(state: RemoteCallMediaState): void {
    if (state.callId === this.media?.callId) this.media.setRemote(state);
  }

  /**
   * The users changed: a running call somebody now handles gets its media (a call that began before
   * the UI, accepted from the chat or with the UI loaded late); media nobody handles is left.
   */
  sync(session: CallSession | undefined): void {
    if (!session || !isCallActive(session.state) || !this.user(session)) {
      void this.end();
      return;
    }
    const media = this.begin(session);
    if (isCallAccepted(session.state)) media.connect();
    else if (session.direction === 'outgoing') void media.openLocal();
    if (session.state === 'connected') this.startClock(media);
  }

  /** Leaves the current call's media (every track stopped). */
  async end(): Promise<void> {
    const media = this.media;
    if (!media) return;
    this.media = undefined;
    this.options.onMedia(undefined);
    await media.leave();
  }

  /** The media of `session`'s call, made fresh for a new call. */
  private begin(session: CallSession): CallMedia {
    if (this.media && this.media.callId === session.callId) return this.media;
    void this.end();
    const user = this.user(session);
    const media = new CallMedia(session, {
      createTransport: (call) => this.options.createTransport(call, user?.iceServers?.()),
      mediaDevices: this.options.mediaDevices,
    });
    this.media = media;
    media.on('change', () => this.options.onMedia(media));
    media.on('error', (error) => this.options.onError(error));
    this.options.onMedia(media);
    return media;
  }

  private startClock(media: CallMedia): void {
    media.connectedAt ??= this.options.now();
  }

  /** The first user that handles `session`'s conversation (every user handles a call without one). */
  private user(session: CallSession): CallMediaUse | undefined {
    const conversationId = session.conversationId;
    for (const user of this.options.users) {
      if (!conversationId || (user.handles?.(conversationId) ?? true)) return user;
    }
    return undefined;
  }
}
