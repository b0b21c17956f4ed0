/**
 * One RTC client's time in one channel: the SDK client, the listeners the transport added to it
 * (all removed at the end), its bounded SDK calls and its last network quality.
 */
import type { ConnectionDisconnectedReason, ConnectionState, IAgoraRTCRemoteUser, NetworkQuality } from 'agora-rtc-sdk-ng';
import { SupportError } from '../../protocol/errors.js';
import { withTimeout } from '../../base/deadline.js';
import { fromRtcError } from './rtc-errors.js';
import type { AgoraQualityInputs } from './rtc-quality.js';
import { RTC_FALLBACK_AUDIO_ONLY, type RtcClientApi, type RtcSdkModule, type UID } from './rtc-sdk.js';

/** How long leaving may take before the session is considered gone anyway, ms. */
export const RTC_LEAVE_TIMEOUT_MS = 1_000;

/** The client events the transport follows. */
export interface RtcSessionHandlers {
  connection(state: ConnectionState, reason: ConnectionDisconnectedReason | undefined): void;
  userJoined(user: IAgoraRTCRemoteUser): void;
  published(user: IAgoraRTCRemoteUser, kind: string): void;
  unpublished(user: IAgoraRTCRemoteUser, kind: string): void;
  userLeft(user: IAgoraRTCRemoteUser): void;
  /** Agora switched a remote user's video to audio only (`fallback`) or back (`recover`). */
  streamFallback(uid: UID, state: 'fallback' | 'recover'): void;
  networkQuality(): void;
  tokenWillExpire(): void;
  tokenDidExpire(): void;
}

export class RtcSession {
  /** Aborted when the session ends: pending bounded calls reject with `closed`. */
  readonly lifetime = new AbortController();
  /** The uid the channel was joined with; `undefined` until the join succeeded. */
  uid: number | undefined;
  renewing = false;
  /** The SDK's last reported connection state (named in timeout messages). */
  lastState: ConnectionState | undefined;
  private network: NetworkQuality | undefined;
  private readonly offs: (() => void)[] = [];
  private ended = false;

  constructor(
    readonly sdk: RtcSdkModule,
    readonly client: RtcClientApi,
    readonly channel: string,
    private readonly timeoutMs: number,
  ) {}

  /** Subscribes the transport to the client's events (removed by `end()`). */
  listen(handlers: RtcSessionHandlers): void {
    const client = this.client;
    const connection = (state: ConnectionState, _previous: ConnectionState, reason?: ConnectionDisconnectedReason): void => {
      this.lastState = state;
      handlers.connection(state, reason);
    };
    const userJoined = (user: IAgoraRTCRemoteUser): void => handlers.userJoined(user);
    const published = (user: IAgoraRTCRemoteUser, kind: string): void => handlers.published(user, kind);
    const unpublished = (user: IAgoraRTCRemoteUser, kind: string): void => handlers.unpublished(user, kind);
    const userLeft = (user: IAgoraRTCRemoteUser): void => handlers.userLeft(user);
    const fallback = (uid: UID, state: 'fallback' | 'recover'): void => handlers.streamFallback(uid, state);
    const quality = (stats: NetworkQuality): void => {
      this.network = stats;
      handlers.networkQuality();
    };
    const willExpire = (): void => handlers.tokenWillExpire();
    const didExpire = (): void => handlers.tokenDidExpire();
    client.on('connection-state-change', connection);
    client.on('user-joined', userJoined);
    client.on('user-published', published);
    client.on('user-unpublished', unpublished);
    client.on('user-left', userLeft);
    client.on('stream-fallback', fallback);
    client.on('network-quality', quality);
    client.on('token-privilege-will-expire', willExpire);
    client.on('token-privilege-did-expire', didExpire);
    this.offs.push(
      () => client.off('connection-state-change', connection),
      () => client.off('user-joined', userJoined),
      () => client.off('user-published', published),
      () => client.off('user-unpublished', unpublished),
      () => client.off('user-left', userLeft),
      () => client.off('stream-fallback', fallback),
      () => client.off('network-quality', quality),
      () => client.off('token-privilege-will-expire', willExpire),
      () => client.off('token-privilege-did-expire', didExpire),
    );
  }

  /**
   * Waits for one SDK promise, bounded by our own timer (the SDK retries offline for minutes)
   * and cancelled when the session ends. SDK errors become `SupportError`s with the cause kept.
   */
  async call<T>(promise: Promise<T>, what: string, budgetMs = this.timeoutMs, signal = this.lifetime.signal): Promise<T> {
    if (this.ended) {
      promise.catch(() => undefined);
      throw new SupportError('closed', `${what}: the call has ended`);
    }
    try {
      return await withTimeout(promise, budgetMs, what, signal);
    } catch (error) {
      throw fromRtcError(error, what);
    }
  }

  /**
   * Lets Agora drop `uid`'s video to audio only when our downlink cannot carry even its low stream
   * (then back), announced by `stream-fallback`. Best effort: a refusal leaves the default fallback.
   */
  async fallBackToAudio(uid: UID): Promise<void> {
    try {
      await this.call(this.client.setStreamFallbackOption(uid, RTC_FALLBACK_AUDIO_ONLY), 'setting the stream fallback');
    } catch {
      // Not in the channel any more, or an SDK without it: the video simply stays subscribed.
    }
  }

  /** What a quality sample is made of, for the peer `peerUid`. */
  statsOf(peerUid: UID | undefined): AgoraQualityInputs {
    const inputs: AgoraQualityInputs = {};
    if (this.network) inputs.network = this.network;
    try {
      inputs.rtc = this.client.getRTCStats();
      if (peerUid !== undefined) {
        const video = this.client.getRemoteVideoStats()[String(peerUid)];
        const audio = this.client.getRemoteAudioStats()[String(peerUid)];
        if (video) inputs.video = video;
        if (audio) inputs.audio = audio;
      }
    } catch {
      // Stats are best effort: the SDK throws while it is not in the channel.
    }
    return inputs;
  }

  /** Removes our listeners and leaves the channel (bounded; a hanging leave is abandoned). */
  async end(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.lifetime.abort();
    for (const off of this.offs.splice(0)) off();
    try {
      await withTimeout(Promise.resolve().then(() => this.client.leave()), RTC_LEAVE_TIMEOUT_MS, 'leaving the Agora RTC channel');
    } catch {
      // Offline, leave() may never settle; the client is dropped either way.
    }
  }
}
