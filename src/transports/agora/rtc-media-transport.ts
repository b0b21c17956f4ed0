/**
 * `MediaTransport` over Agora RTC Web SDK NG 4.x (`agora-rtc-sdk-ng`, loaded only when a call
 * joins). Both sides join the call's channel (`rtcChannelName(callId)`) with a numeric uid derived
 * from their user id, publish custom tracks made from the UI's `MediaStreamTrack`s and subscribe
 * to the peer's. Agora's SD-RTN carries the media, so there is no negotiation over our signalling.
 *
 * Importing this module anywhere (Node, SSR) is safe: the SDK is imported inside `join()`.
 */
import type { ConnectionDisconnectedReason, ConnectionState } from 'agora-rtc-sdk-ng';
import { Emitter } from '../../base/emitter.js';
import { SupportError, toSupportError } from '../../protocol/errors.js';
import type {
  CallQuality,
  MediaConnectionState,
  MediaJoinOptions,
  MediaTransport,
  MediaTransportEvents,
  PublishTracks,
  ReplaceVideoTrackOptions,
} from '../media-types.js';
import { remaining, withTimeout } from '../../base/deadline.js';
import { rtcChannelName } from '../../protocol/rtc-channel.js';
import { fromDisconnectReason, fromRtcError, isUidConflict } from './rtc-errors.js';
import { RtcLocalMedia } from './rtc-local-media.js';
import { toCallQuality, type AgoraCallQuality } from './rtc-quality.js';
import { RtcRemotePeer } from './rtc-remote-peer.js';
import { RtcSession } from './rtc-session.js';
import { loadAgoraRtcSdk, quietRtcSdk, type RtcClientApi, type RtcSdkModule } from './rtc-sdk.js';
import type { AgoraRtcMediaTransportOptions } from './rtc-transport-options.js';
import { RTC_UID_ATTEMPTS, rtcUidCandidates, rtcUidFor } from '../../protocol/rtc-uid.js';

export type { AgoraRtcMediaTransportOptions };

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * @example
 * ```ts
 * const media = new AgoraRtcMediaTransport({ appId, getToken: (kind, channel, uid) => fetchToken(kind, channel, uid) });
 * await media.join({ callId, conversationId, selfId: 'c-42', peerId: 'agent-7', polite: true, timeoutMs: 20_000 });
 * await media.publish({ audio: mic, video: camera });
 * ```
 */
export class AgoraRtcMediaTransport implements MediaTransport {
  readonly backend = 'agora' as const;
  private readonly emitter = new Emitter<MediaTransportEvents>();
  private readonly local = new RtcLocalMedia();
  private readonly remote: RtcRemotePeer;
  private readonly timeoutMs: number;
  private session: RtcSession | undefined;
  private joining: AbortController | undefined;
  private state: MediaConnectionState | 'new' = 'new';
  private peerUids: ReadonlySet<number> | undefined;
  private started = false;
  private left = false;
  /** SDK calls that change what is sent run one after another. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: AgoraRtcMediaTransportOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.remote = new RtcRemotePeer({
      accepts: (uid) => this.peerUids === undefined || (typeof uid === 'number' && this.peerUids.has(uid)),
      subscribe: async (uid, kind) => {
        const session = this.requireSession();
        const track = await session.call(session.client.subscribe(uid, kind), `subscribing to the peer's ${kind}`);
        if (kind === 'video') await session.fallBackToAudio(uid);
        return track;
      },
      createStream: () => this.createStream(),
      onStream: (stream) => this.emitter.emit('remote-stream', stream),
      onMediaState: (state) => this.emitter.emit('remote-media-state', state),
      onVideoPause: (paused) => this.emitter.emit('network-video-pause', { side: 'remote', paused }),
      onError: (error) => this.emitter.emit('error', error),
    });
  }

  /** The peer's media, once a track has arrived; `null` before and after the call. */
  get remoteStream(): MediaStream | null {
    return this.remote.stream;
  }

  /** The media path's state; `new` before `join()`. */
  get connectionState(): MediaConnectionState | 'new' {
    return this.state;
  }

  /** The RTC uid this side joined with (after `join()`), and the channel. */
  get joinedAs(): { uid: number; channel: string } | undefined {
    const session = this.session;
    return session?.uid === undefined ? undefined : { uid: session.uid, channel: session.channel };
  }

  on<K extends keyof MediaTransportEvents>(event: K, listener: (payload: MediaTransportEvents[K]) => void): () => void {
    return this.emitter.on(event, listener);
  }

  async join(options: MediaJoinOptions): Promise<void> {
    if (this.left) throw new SupportError('closed', 'This call has already been left');
    if (this.started) throw new SupportError('config', 'join() may be called once per AgoraRtcMediaTransport');
    if (options.signal?.aborted) throw new SupportError('closed', 'Joining the call was aborted');
    const userId = this.options.userId ?? options.selfId;
    const channel = this.options.channel ?? rtcChannelName(options.callId, this.options.channelPrefix);
    this.started = true;
    const budget = options.timeoutMs ?? this.timeoutMs;
    const left = (startedAt => () => remaining(startedAt, budget))(Date.now());
    const attempt = new AbortController();
    this.joining = attempt;
    const onAbort = (): void => attempt.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.peerId !== undefined) this.peerUids = new Set(rtcUidCandidates(options.peerId));
    this.setState('connecting');
    try {
      const sdk = await this.loadSdk(left(), attempt.signal);
      const session = new RtcSession(sdk, this.createClient(sdk), channel, this.timeoutMs);
      this.session = session;
      session.listen({
        connection: (state, reason) => this.onConnection(session, state, reason),
        userJoined: (user) => this.remote.joined(user),
        published: (user, kind) => void this.remote.published(user, kind),
        unpublished: (user, kind) => this.remote.unpublished(user, kind),
        userLeft: (user) => this.remote.left(user),
        streamFallback: (uid, state) => this.remote.fellBack(uid, state === 'fallback'),
        networkQuality: () => {
          if (this.state === 'connected') this.emitter.emit('quality', this.sample());
        },
        tokenWillExpire: () => void this.renew(session),
        tokenDidExpire: () => this.fail(new SupportError('token-expired', 'the RTC token expired')),
      });
      session.uid = await this.joinChannel(session, userId, left, attempt.signal);
      await this.enqueue(() => this.local.apply(sdk, session.client, (p, what) => session.call(p, what, left(), attempt.signal)));
      this.setState('connected');
    } catch (error) {
      let failure = toSupportError(error, 'network');
      const lastState = this.session?.lastState;
      if (failure.code === 'timeout') {
        // Offline the SDK retries for minutes; say how long we waited and what it last reported.
        const detail = lastState ? ` (Agora connection ${lastState})` : '';
        failure = new SupportError('timeout', `joining the Agora RTC call did not finish within ${budget} ms${detail}`, { cause: failure });
      }
      // A failed join releases everything it took, like leave(); the instance is done.
      await this.teardown();
      this.local.release();
      if (this.remote.dispose()) this.emitter.emit('remote-stream', null);
      if (!this.left) this.setState('failed');
      throw failure;
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      if (this.joining === attempt) this.joining = undefined;
    }
  }

  async leave(): Promise<void> {
    if (this.left) return;
    this.left = true;
    this.joining?.abort();
    await this.teardown();
    this.local.release();
    const hadStream = this.remote.dispose();
    if (this.state !== 'new') this.setState('closed');
    if (hadStream) this.emitter.emit('remote-stream', null);
    this.emitter.removeAllListeners();
  }

  async publish(tracks: PublishTracks): Promise<void> {
    this.assertOpen('publish');
    if (tracks.audio) this.local.want('audio', tracks.audio);
    if (tracks.video) this.local.want('video', tracks.video);
    await this.applyLocal();
  }

  async replaceVideoTrack(track: MediaStreamTrack | null, options: ReplaceVideoTrackOptions = {}): Promise<void> {
    this.assertOpen('replace the video track');
    if (track && options.contentHint) track.contentHint = options.contentHint;
    this.local.want('video', track, options.contentHint);
    await this.applyLocal();
  }

  async setAudioEnabled(enabled: boolean): Promise<void> {
    if (this.left) return;
    this.local.mute('audio', !enabled);
    await this.applyLocal();
  }

  async setVideoEnabled(enabled: boolean): Promise<void> {
    if (this.left) return;
    this.local.mute('video', !enabled);
    await this.applyLocal();
  }

  async getStats(): Promise<CallQuality> {
    return this.sample();
  }

  private assertOpen(what: string): void {
    if (this.left) throw new SupportError('closed', `Cannot ${what}: this call has been left`);
  }

  private async loadSdk(budget: number, signal: AbortSignal): Promise<RtcSdkModule> {
    const load = Promise.resolve().then(() => (this.options.loadSdk ?? loadAgoraRtcSdk)());
    try {
      const sdk = await withTimeout(load, budget, 'loading the Agora RTC SDK', signal);
      quietRtcSdk(sdk);
      return sdk;
    } catch (error) {
      throw error instanceof SupportError ? error : fromRtcError(error, 'loading the Agora RTC SDK', 'config');
    }
  }

  private createClient(sdk: RtcSdkModule): RtcClientApi {
    try {
      return sdk.createClient({ mode: 'rtc', codec: 'vp8' });
    } catch (error) {
      throw fromRtcError(error, 'creating the RTC client', 'config');
    }
  }

  /** Joins with the user's uid; on a uid conflict, with the next salted one (bounded). */
  private async joinChannel(session: RtcSession, userId: string, left: () => number, signal: AbortSignal): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      const uid = rtcUidFor(userId, attempt);
      const token = await this.token(session.channel, uid, false, left(), signal);
      try {
        await session.call(session.client.join(this.options.appId, session.channel, token || null, uid), 'joining the Agora RTC channel', left(), signal);
        return uid;
      } catch (error) {
        if (!isUidConflict(error)) throw fromRtcError(error, 'joining the Agora RTC channel');
        if (attempt + 1 >= RTC_UID_ATTEMPTS) {
          throw new SupportError('closed', `${userId} is already in this call ${RTC_UID_ATTEMPTS} times (uid conflict)`, {
            cause: error,
            retryable: false,
          });
        }
      }
    }
  }

  private async token(channel: string, uid: number, forceRefresh: boolean, budget: number, signal: AbortSignal): Promise<string> {
    const request = forceRefresh ? { forceRefresh, signal } : { signal };
    const fetching = Promise.resolve().then(() => this.options.getToken('rtc', channel, uid, request));
    try {
      return await withTimeout(fetching, budget, 'getting an RTC token', signal);
    } catch (error) {
      throw toSupportError(error, 'network');
    }
  }

  private onConnection(session: RtcSession, state: ConnectionState, reason: ConnectionDisconnectedReason | undefined): void {
    // While joining, join()'s own outcome decides; afterwards Agora's states drive ours.
    if (session.uid === undefined || this.session !== session) return;
    const why: string | undefined = reason;
    if (state === 'RECONNECTING') this.setState('reconnecting');
    else if (state === 'CONNECTED') this.setState('connected');
    else if (state === 'DISCONNECTED' && why !== 'LEAVE') this.fail(fromDisconnectReason(reason));
  }

  /** Fetches a fresh token and hands it to the SDK before the current one expires. */
  private async renew(session: RtcSession): Promise<void> {
    if (session.renewing || session.uid === undefined) return;
    session.renewing = true;
    try {
      const token = await this.token(session.channel, session.uid, true, this.timeoutMs, session.lifetime.signal);
      await session.call(session.client.renewToken(token), 'renewing the RTC token');
    } catch (error) {
      if (this.session === session) this.emitter.emit('error', fromRtcError(error, 'renewing the RTC token', 'token-expired'));
    } finally {
      session.renewing = false;
    }
  }

  /** Publishes the wanted tracks now when joined; before that, `join()` does. */
  private async applyLocal(): Promise<void> {
    const session = this.session;
    if (!session || session.uid === undefined) return;
    await this.enqueue(() => this.local.apply(session.sdk, session.client, (p, what) => session.call(p, what)));
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const run = this.queue.then(step, step);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private sample(): AgoraCallQuality {
    const session = this.session;
    if (!session || session.uid === undefined) return {};
    return toCallQuality(session.statsOf(this.remote.uid));
  }

  private fail(error: SupportError): void {
    if (this.left || this.state === 'failed' || this.state === 'closed') return;
    this.emitter.emit('error', error);
    this.setState('failed');
  }

  private setState(state: MediaConnectionState): void {
    if (state === this.state || (this.left && state !== 'closed')) return;
    this.state = state;
    this.emitter.emit('connection-state', state);
  }

  private requireSession(): RtcSession {
    if (!this.session) throw new SupportError('closed', 'not in a call');
    return this.session;
  }

  private createStream(): MediaStream {
    const Impl = this.options.MediaStreamImpl ?? globalThis.MediaStream;
    if (typeof Impl !== 'function') throw new SupportError('config', 'MediaStream is not available here');
    return new Impl();
  }

  /** Leaves the channel: listeners off, the SDK's tracks closed, `leave()` bounded. */
  private async teardown(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    this.local.closeSdkTracks();
    await session?.end();
  }
}
