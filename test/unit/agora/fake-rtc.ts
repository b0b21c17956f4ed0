/**
 * An in-memory Agora RTC NG 4.x "cloud" for Node tests. The SDK module, client and tracks
 * implement the adapter's `Pick`s of the SDK's own declarations (`IAgoraRTC`, `IAgoraRTCClient`,
 * `ILocalVideoTrack`, `IRemoteTrack`) and emit the SDK's declared event arguments, so a change of
 * the SDK's API breaks this file's typecheck. Clients of one `FakeRtcNetwork` see each other.
 *
 * Behaviour modelled on the 4.24.8 bundle and docs: `join` resolves with the uid and is followed
 * by `user-joined` / `user-published` for who is already there; muting a published track is seen
 * remotely as `user-unpublished`; `close()` stops a custom track's source and unpublishes it;
 * offline, `join` never settles (the SDK keeps retrying) until `leave()` aborts it.
 *
 * `MediaStreamTrack` / `MediaStream` do not exist in Node: `FakeMediaStreamTrack` and
 * `FakeMediaStream` are minimal stand-ins, cast to the DOM types where the adapter wants them.
 */
import type {
  AgoraRTCStats,
  ClientConfig,
  ConnectionDisconnectedReason,
  ConnectionState,
  CustomAudioTrackInitConfig,
  CustomVideoTrackInitConfig,
  IAgoraRTCRemoteUser,
  NetworkQuality,
  RemoteAudioTrackStats,
  RemoteStreamFallbackType,
  RemoteVideoTrackStats,
  UID,
} from 'agora-rtc-sdk-ng';
import type {
  RtcClientApi,
  RtcLocalAudioTrackApi,
  RtcLocalTrackApi,
  RtcLocalVideoTrackApi,
  RtcRemoteTrackApi,
  RtcSdkModule,
} from '../../../src/transports/agora/rtc-sdk.js';

type Kind = 'audio' | 'video';
type OptimizationMode = Parameters<RtcLocalVideoTrackApi['setOptimizationMode']>[0];
/** The reasons as string literals (the SDK's enum cannot be loaded in Node). */
type Reason = `${ConnectionDisconnectedReason}`;

let nextId = 1;

/** A stand-in for a browser `MediaStreamTrack` (the fields the adapter and tests read). */
export class FakeMediaStreamTrack {
  readonly id = `track-${nextId++}`;
  enabled = true;
  readyState: MediaStreamTrackState = 'live';
  contentHint = '';
  constructor(
    readonly kind: Kind,
    readonly label = `${kind} ${nextId}`,
  ) {}

  stop(): void {
    this.readyState = 'ended';
  }
}

/** A `FakeMediaStreamTrack` typed as the DOM's `MediaStreamTrack`. */
export function fakeTrack(kind: Kind, label?: string): MediaStreamTrack {
  return new FakeMediaStreamTrack(kind, label) as unknown as MediaStreamTrack;
}

/** The stand-in behind a track given to the adapter. */
export function standIn(track: MediaStreamTrack | null | undefined): FakeMediaStreamTrack | undefined {
  return track instanceof FakeMediaStreamTrack ? track : undefined;
}

/** A stand-in for `MediaStream`: an ordered set of tracks. */
export class FakeMediaStream implements Pick<MediaStream, 'getTracks' | 'addTrack' | 'removeTrack' | 'getAudioTracks' | 'getVideoTracks'> {
  readonly id = `stream-${nextId++}`;
  private readonly tracks: MediaStreamTrack[] = [];
  getTracks(): MediaStreamTrack[] {
    return [...this.tracks];
  }
  getAudioTracks(): MediaStreamTrack[] {
    return this.tracks.filter((track) => track.kind === 'audio');
  }
  getVideoTracks(): MediaStreamTrack[] {
    return this.tracks.filter((track) => track.kind === 'video');
  }
  addTrack(track: MediaStreamTrack): void {
    if (!this.tracks.includes(track)) this.tracks.push(track);
  }
  removeTrack(track: MediaStreamTrack): void {
    const index = this.tracks.indexOf(track);
    if (index >= 0) this.tracks.splice(index, 1);
  }
}

/** `FakeMediaStream` as the constructor the adapter's `MediaStreamImpl` option takes. */
export const FakeMediaStreamImpl = FakeMediaStream as unknown as new () => MediaStream;

/** Shaped like the SDK's `AgoraRTCError` (`code` string, message "AgoraRTCError CODE: text"). */
export class FakeRtcError extends Error {
  override readonly name = 'AgoraRTCException';
  constructor(
    readonly code: string,
    text: string,
  ) {
    super(`AgoraRTCError ${code}: ${text}`);
  }
}

/** Arguments of the client events the fake emits, with the SDK's own types. */
export interface FakeClientEvents {
  'connection-state-change': [ConnectionState, ConnectionState, ConnectionDisconnectedReason?];
  'user-joined': [IAgoraRTCRemoteUser];
  'user-published': [IAgoraRTCRemoteUser, Kind];
  'user-unpublished': [IAgoraRTCRemoteUser, Kind];
  'user-left': [IAgoraRTCRemoteUser, string];
  'network-quality': [NetworkQuality];
  'stream-fallback': [UID, 'fallback' | 'recover'];
  'token-privilege-will-expire': [];
  'token-privilege-did-expire': [];
}

type Listener = (...args: never[]) => void;

abstract class FakeLocalTrack {
  muted = false;
  closed = false;
  owner: FakeRtcClient | undefined;
  abstract readonly trackMediaType: Kind;
  constructor(protected source: MediaStreamTrack) {}

  getMediaStreamTrack(): MediaStreamTrack {
    return this.source;
  }

  async setMuted(muted: boolean): Promise<void> {
    if (this.closed) throw new FakeRtcError('TRACK_STATE_UNREACHABLE', 'track is closed');
    if (this.muted === muted) return;
    this.muted = muted;
    this.owner?.visibilityChanged(this, !muted);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    standIn(this.source)?.stop();
    this.owner?.drop(this);
  }
}

export class FakeLocalAudioTrack extends FakeLocalTrack implements RtcLocalAudioTrackApi {
  readonly trackMediaType = 'audio' as const;
}

export class FakeLocalVideoTrack extends FakeLocalTrack implements RtcLocalVideoTrackApi {
  readonly trackMediaType = 'video' as const;
  readonly replacedSources: MediaStreamTrack[] = [];

  constructor(
    source: MediaStreamTrack,
    public optimizationMode: OptimizationMode | undefined,
  ) {
    super(source);
  }

  async replaceTrack(track: MediaStreamTrack, stopOldTrack: boolean): Promise<void> {
    if (this.closed) throw new FakeRtcError('TRACK_STATE_UNREACHABLE', 'track is closed');
    if (stopOldTrack) standIn(this.source)?.stop();
    this.replacedSources.push(this.source);
    this.source = track;
  }

  async setOptimizationMode(mode: OptimizationMode): Promise<void> {
    this.optimizationMode = mode;
  }
}

/** What a subscriber receives: its own receiver track, stable while the publisher's track lives. */
export class FakeRemoteTrack implements RtcRemoteTrackApi {
  readonly receiver: MediaStreamTrack;
  constructor(
    readonly trackMediaType: Kind,
    private readonly uid: UID,
  ) {
    this.receiver = fakeTrack(trackMediaType, `remote ${trackMediaType} of ${uid}`);
  }
  getMediaStreamTrack(): MediaStreamTrack {
    return this.receiver;
  }
  getUserId(): UID {
    return this.uid;
  }
}

export class FakeRtcClient implements RtcClientApi {
  connectionState: ConnectionState = 'DISCONNECTED';
  uid: number | undefined;
  channel: string | undefined;
  leaveCalls = 0;
  readonly published = new Set<FakeLocalTrack>();
  rtcStats: AgoraRTCStats = { Duration: 0, RecvBitrate: 0, RecvBytes: 0, SendBitrate: 0, SendBytes: 0, UserCount: 0, RTT: 0, OutgoingAvailableBandwidth: 0 };
  remoteVideoStats: Record<string, RemoteVideoTrackStats> = {};
  remoteAudioStats: Record<string, RemoteAudioTrackStats> = {};
  /** `setStreamFallbackOption` calls, by remote uid. */
  readonly fallbackOptions = new Map<UID, RemoteStreamFallbackType>();
  /** Whether `enableDualStream` was called (the SDK sends a low stream beside the video). */
  dualStream = false;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly received = new Map<string, FakeRemoteTrack>();
  private pendingJoin: ((error: FakeRtcError) => void) | undefined;

  constructor(
    private readonly network: FakeRtcNetwork,
    readonly config: ClientConfig,
  ) {}

  on(event: string, listener: Listener): void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
  }

  off(event: string, listener: Listener): void {
    this.listeners.get(event)?.delete(listener);
  }

  removeAllListeners(event?: string): void {
    if (event === undefined) this.listeners.clear();
    else this.listeners.delete(event);
  }

  /** How many listeners the adapter left on this client. */
  listenerCount(): number {
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }

  emit<K extends keyof FakeClientEvents>(event: K, ...args: FakeClientEvents[K]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) (listener as (...values: unknown[]) => void)(...args);
  }

  async join(appid: string, channel: string, token: string | null, uid?: UID | null): Promise<UID> {
    if (this.connectionState !== 'DISCONNECTED') throw new FakeRtcError('INVALID_OPERATION', `client is ${this.connectionState}`);
    if (!/^[A-Za-z0-9 !#$%&()+\-:;<=.>?@[\]^_{}|~,]{1,64}$/.test(channel)) throw new FakeRtcError('INVALID_PARAMS', 'invalid channel name');
    if (typeof uid !== 'number' || !Number.isInteger(uid) || uid < 1 || uid > 0xffffffff) throw new FakeRtcError('INVALID_PARAMS', 'invalid uid');
    this.network.joinAttempts.push({ channel, uid, token });
    this.setState('CONNECTING');
    if (this.network.unreachable) {
      // Offline the SDK retries its gateway requests until leave() aborts the join.
      return new Promise<UID>((_, reject) => {
        this.pendingJoin = reject;
      });
    }
    await this.network.tick();
    if (appid !== this.network.appId) return this.refuse('CAN_NOT_GET_GATEWAY_SERVER', 'invalid vendor key, can not find appid');
    if (!this.network.checkToken(channel, uid, token)) return this.refuse('CAN_NOT_GET_GATEWAY_SERVER', 'invalid token, authorized failed');
    const holder = this.network.member(channel, uid);
    if (holder && this.network.uidConflict === 'reject') return this.refuse('UID_CONFLICT', 'uid conflict');
    if (holder) holder.kick('UID_CONFLICT');
    this.uid = uid;
    this.channel = channel;
    this.network.enter(this);
    this.setState('CONNECTED');
    return uid;
  }

  async leave(): Promise<void> {
    this.leaveCalls += 1;
    this.pendingJoin?.(new FakeRtcError('OPERATION_ABORTED', 'cancel token canceled'));
    this.pendingJoin = undefined;
    if (this.connectionState === 'DISCONNECTED') return;
    this.published.clear();
    this.network.exit(this, 'Quit');
    this.setState('DISCONNECTED', 'LEAVE');
  }

  async publish(tracks: RtcLocalTrackApi | RtcLocalTrackApi[]): Promise<void> {
    if (this.connectionState !== 'CONNECTED') throw new FakeRtcError('INVALID_OPERATION', 'Can not publish without joining the channel');
    for (const track of asFakes(tracks)) {
      if (track.closed) throw new FakeRtcError('INVALID_LOCAL_TRACK', 'track is closed');
      const same = [...this.published].find((other) => other.trackMediaType === track.trackMediaType && other !== track);
      if (same && track.trackMediaType === 'video') throw new FakeRtcError('CAN_NOT_PUBLISH_MULTIPLE_VIDEO_TRACKS', 'one video track');
      this.published.add(track);
      track.owner = this;
      if (!track.muted) this.network.broadcast(this, 'user-published', track.trackMediaType);
    }
  }

  async unpublish(tracks?: RtcLocalTrackApi | RtcLocalTrackApi[]): Promise<void> {
    const list = tracks === undefined ? [...this.published] : asFakes(tracks);
    for (const track of list) this.drop(track);
  }

  /** A published track was closed: the SDK unpublishes it. */
  drop(track: FakeLocalTrack): void {
    if (!this.published.delete(track)) return;
    track.owner = undefined;
    if (!track.muted) this.network.broadcast(this, 'user-unpublished', track.trackMediaType);
  }

  async subscribe(user: UID, mediaType: Kind): Promise<RtcRemoteTrackApi> {
    await this.network.tick();
    const publisher = this.channel === undefined ? undefined : this.network.member(this.channel, user);
    if (!publisher?.isSending(mediaType)) throw new FakeRtcError('REMOTE_USER_IS_NOT_PUBLISHED', `${String(user)} does not publish ${mediaType}`);
    const key = `${String(user)}:${mediaType}`;
    let track = this.received.get(key);
    if (!track) this.received.set(key, (track = new FakeRemoteTrack(mediaType, user)));
    return track;
  }

  async setStreamFallbackOption(uid: UID, fallbackType: RemoteStreamFallbackType): Promise<void> {
    if (this.connectionState !== 'CONNECTED') throw new FakeRtcError('INVALID_OPERATION', 'not joined');
    this.fallbackOptions.set(uid, fallbackType);
  }

  async enableDualStream(): Promise<void> {
    if (this.dualStream) throw new FakeRtcError('INVALID_OPERATION', 'dual stream already enabled');
    this.dualStream = true;
  }

  async renewToken(token: string): Promise<void> {
    await this.network.tick();
    if (this.channel === undefined || this.uid === undefined) throw new FakeRtcError('INVALID_OPERATION', 'not joined');
    if (!this.network.checkToken(this.channel, this.uid, token)) throw new FakeRtcError('INVALID_PARAMS', 'invalid token, authorized failed');
    this.network.renewed.push({ uid: this.uid, token });
  }

  getRTCStats(): AgoraRTCStats {
    return this.rtcStats;
  }

  getRemoteVideoStats(): { [uid: string]: RemoteVideoTrackStats } {
    return this.remoteVideoStats;
  }

  getRemoteAudioStats(): { [uid: string]: RemoteAudioTrackStats } {
    return this.remoteAudioStats;
  }

  /** The user object other clients see for this one. */
  asRemoteUser(): IAgoraRTCRemoteUser {
    return { uid: this.uid ?? 0, hasAudio: this.isSending('audio'), hasVideo: this.isSending('video') };
  }

  isSending(kind: Kind): boolean {
    return [...this.published].some((track) => track.trackMediaType === kind && !track.muted);
  }

  /** A published track was muted or unmuted: peers see it unpublished or published. */
  visibilityChanged(track: FakeLocalTrack, visible: boolean): void {
    if (!this.published.has(track)) return;
    this.network.broadcast(this, visible ? 'user-published' : 'user-unpublished', track.trackMediaType);
  }

  /** Agora's connection changes (`RECONNECTING`, or `DISCONNECTED` with a reason). */
  setState(state: ConnectionState, reason?: Reason): void {
    const previous = this.connectionState;
    if (previous === state) return;
    this.connectionState = state;
    this.emit('connection-state-change', state, previous, reason as ConnectionDisconnectedReason | undefined);
  }

  /** Removed by Agora (banned, uid taken over, token expired…). */
  kick(reason: Reason): void {
    this.published.clear();
    this.network.exit(this, reason);
    this.setState('DISCONNECTED', reason);
  }

  private refuse(code: string, text: string): never {
    this.setState('DISCONNECTED');
    throw new FakeRtcError(code, text);
  }
}

function asFakes(tracks: RtcLocalTrackApi | RtcLocalTrackApi[]): FakeLocalTrack[] {
  const list = Array.isArray(tracks) ? tracks : [tracks];
  return list.map((track) => {
    if (!(track instanceof FakeLocalTrack)) throw new FakeRtcError('INVALID_LOCAL_TRACK', 'not a track of this SDK');
    return track;
  });
}

/** The fake SDK module (`AgoraRTC`), remembering how it was configured. */
export class FakeRtcSdk implements RtcSdkModule {
  readonly clients: FakeRtcClient[] = [];
  readonly parameters = new Map<string, unknown>();
  logLevel: number | undefined;
  logUploadDisabled = false;
  constructor(private readonly network: FakeRtcNetwork) {}

  createClient(config: ClientConfig): FakeRtcClient {
    const client = new FakeRtcClient(this.network, config);
    this.clients.push(client);
    return client;
  }
  createCustomAudioTrack(config: CustomAudioTrackInitConfig): FakeLocalAudioTrack {
    return new FakeLocalAudioTrack(config.mediaStreamTrack);
  }
  createCustomVideoTrack(config: CustomVideoTrackInitConfig): FakeLocalVideoTrack {
    return new FakeLocalVideoTrack(config.mediaStreamTrack, config.optimizationMode);
  }
  setLogLevel(level: number): void {
    this.logLevel = level;
  }
  disableLogUpload(): void {
    this.logUploadDisabled = true;
  }
  setParameter(key: string, value: unknown): void {
    this.parameters.set(key, value);
  }
}

export interface FakeRtcNetworkOptions {
  appId?: string;
  /** Decides a join/renew token. Default: `rtc:<channel>:<uid>` (see `fakeRtcToken`). */
  checkToken?: (channel: string, uid: number, token: string | null) => boolean;
}

/** The token the fake accepts by default. */
export function fakeRtcToken(channel: string, uid: number): string {
  return `rtc:${channel}:${uid}`;
}

/** The shared fake SD-RTN: channels of joined clients. */
export class FakeRtcNetwork {
  readonly appId: string;
  /** No network: `join` never settles (until `leave`), as the SDK offline. */
  unreachable = false;
  /** What a join with a uid already in the channel does: refuse it, or take over and kick the holder. */
  uidConflict: 'reject' | 'kick' = 'reject';
  readonly joinAttempts: { channel: string; uid: number; token: string | null }[] = [];
  readonly renewed: { uid: number; token: string }[] = [];
  readonly checkToken: (channel: string, uid: number, token: string | null) => boolean;
  private readonly channels = new Map<string, Map<number, FakeRtcClient>>();
  private readonly module: FakeRtcSdk;

  constructor(options: FakeRtcNetworkOptions = {}) {
    this.appId = options.appId ?? 'fake-app-id';
    this.checkToken = options.checkToken ?? ((channel, uid, token) => token === fakeRtcToken(channel, uid));
    this.module = new FakeRtcSdk(this);
  }

  /** The SDK module, as `loadSdk` returns it. */
  sdk(): FakeRtcSdk {
    return this.module;
  }

  member(channel: string, uid: UID): FakeRtcClient | undefined {
    return typeof uid === 'number' ? this.channels.get(channel)?.get(uid) : undefined;
  }

  /** Clients in a channel, by uid. */
  members(channel: string): number[] {
    return [...(this.channels.get(channel)?.keys() ?? [])];
  }

  /** Holds a uid in a channel with an idle client (a colliding user or another device). */
  async occupy(channel: string, uid: number): Promise<FakeRtcClient> {
    const client = new FakeRtcClient(this, { mode: 'rtc', codec: 'vp8' });
    await client.join(this.appId, channel, fakeRtcToken(channel, uid), uid);
    return client;
  }

  enter(client: FakeRtcClient): void {
    const { channel, uid } = client;
    if (channel === undefined || uid === undefined) return;
    let members = this.channels.get(channel);
    if (!members) this.channels.set(channel, (members = new Map()));
    const others = [...members.values()];
    members.set(uid, client);
    this.later(() => {
      for (const other of others) {
        if (client.connectionState !== 'CONNECTED' || other.connectionState !== 'CONNECTED') continue;
        other.emit('user-joined', client.asRemoteUser());
        client.emit('user-joined', other.asRemoteUser());
        for (const kind of ['audio', 'video'] as const) {
          if (other.isSending(kind)) client.emit('user-published', other.asRemoteUser(), kind);
        }
      }
    });
  }

  exit(client: FakeRtcClient, reason: string): void {
    const { channel, uid } = client;
    if (channel === undefined || uid === undefined) return;
    const members = this.channels.get(channel);
    if (members?.get(uid) === client) members.delete(uid);
    const user = client.asRemoteUser();
    for (const other of members?.values() ?? []) this.later(() => other.emit('user-left', user, reason));
  }

  broadcast(from: FakeRtcClient, event: 'user-published' | 'user-unpublished', kind: Kind): void {
    if (from.channel === undefined) return;
    const user = from.asRemoteUser();
    for (const other of this.channels.get(from.channel)?.values() ?? []) {
      if (other !== from) this.later(() => other.emit(event, user, kind));
    }
  }

  /** Resolves on a later macrotask, like a round trip. */
  tick(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 0));
  }

  private later(action: () => void): void {
    setTimeout(action, 0);
  }
}
