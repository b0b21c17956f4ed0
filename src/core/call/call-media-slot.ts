/**
 * The media of the line's current call, while someone uses it (`client.calls.attachMedia()`, as
 * `<support-call>` does): made when the call rings out (the caller previews) or is accepted,
 * connected on `connecting` (before anyone else hears of it, so the peer's offer finds the
 * transport), left on `ended` or when no user handles the call any more. Loaded with the state
 * machine, on first use.
 */
import type { Emitter } from '../../base/emitter.js';
import type { CallStateChange, RemoteCallMediaState } from './call-events.js';
import type { CallLineEvents, CallLineOptions } from './call-line-types.js';
import { CallMedia } from './call-media.js';
import type { CallMediaUse } from './call-media-types.js';
import type { CallSession } from './call-session.js';
import { isCallAccepted, isCallActive } from './call-states.js';

/** What the slot takes from its line's options: how to make a media transport, the devices, the clock. */
export type CallMediaSlotOptions = Pick<CallLineOptions, 'createMediaTransport' | 'mediaDevices' | 'clock'>;

/**
 * One call's media at a time, following the line's session.
 *
 * @example
 * ```ts
 * const slot = new CallMediaSlot(users, lineOptions, lineEvents); // emits `media` and `media-error`
 * session.on('state', (change) => slot.onState(session, change));
 * ```
 */
export class CallMediaSlot {
  private media: CallMedia | undefined;

  constructor(
    /** Who uses the media now (read live). */
    private readonly users: ReadonlySet<CallMediaUse>,
    private readonly options: CallMediaSlotOptions,
    /** The line's events: `media` (appeared, changed, `undefined` when ended) and `media-error`. */
    private readonly events: Emitter<CallLineEvents>,
  ) {}

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
    this.events.emit('media', undefined);
    await media.leave();
  }

  /** The media of `session`'s call, made fresh for a new call. */
  private begin(session: CallSession): CallMedia {
    if (this.media && this.media.callId === session.callId) return this.media;
    void this.end();
    const user = this.user(session);
    const media = new CallMedia(session, {
      createTransport: (call) => {
        const iceServers = user?.iceServers?.();
        return this.options.createMediaTransport(call.conversationId ?? '', call, iceServers ? { iceServers } : {});
      },
      mediaDevices: this.options.mediaDevices,
    });
    this.media = media;
    media.on('change', () => this.events.emit('media', media));
    media.on('error', (error) => this.events.emit('media-error', error));
    this.events.emit('media', media);
    return media;
  }

  private startClock(media: CallMedia): void {
    media.connectedAt ??= (this.options.clock ?? Date).now();
  }

  /** The first user that handles `session`'s conversation (every user handles a call without one). */
  private user(session: CallSession): CallMediaUse | undefined {
    const conversationId = session.conversationId;
    for (const user of this.users) {
      if (!conversationId || (user.handles?.(conversationId) ?? true)) return user;
    }
    return undefined;
  }
}
