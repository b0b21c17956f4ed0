/**
 * The other side of a 1:1 call on Agora RTC: follows one remote user's published audio and video,
 * subscribes to them and keeps one `MediaStream` of their `MediaStreamTrack`s for the UI.
 */
import type { IAgoraRTCRemoteUser } from 'agora-rtc-sdk-ng';
import type { SupportError } from '../../protocol/errors.js';
import type { RemoteMediaStateEvent } from '../media-types.js';
import { fromRtcError } from './rtc-errors.js';
import type { RtcRemoteTrackApi, UID } from './rtc-sdk.js';

type Kind = 'audio' | 'video';

/** What the peer tracker needs from the transport. */
export interface RtcRemotePeerHost {
  /** Whether this remote uid is the call's peer (others in the channel are ignored). */
  accepts(uid: UID): boolean;
  subscribe(uid: UID, kind: Kind): Promise<RtcRemoteTrackApi>;
  createStream(): MediaStream;
  onStream(stream: MediaStream | null): void;
  onMediaState(state: RemoteMediaStateEvent): void;
  /** The peer's video stopped reaching us because of the network (Agora's audio-only fallback), or came back. */
  onVideoPause(paused: boolean): void;
  onError(error: SupportError): void;
}

type RemoteUser = Pick<IAgoraRTCRemoteUser, 'uid'>;

function isKind(kind: string): kind is Kind {
  return kind === 'audio' || kind === 'video';
}

export class RtcRemotePeer {
  private peer: UID | undefined;
  private current: MediaStream | null = null;
  private readonly tracks: Partial<Record<Kind, MediaStreamTrack>> = {};
  private readonly sending: Record<Kind, boolean> = { audio: false, video: false };
  /** Bumped by every change of a kind, so a subscription that finishes late is dropped. */
  private readonly version: Record<Kind, number> = { audio: 0, video: 0 };
  private reported: RemoteMediaStateEvent = { audio: false, video: false };
  /** Agora fell back to the peer's audio only: its video track stays, on its last frame. */
  private videoPaused = false;
  private disposed = false;

  constructor(private readonly host: RtcRemotePeerHost) {}

  /** The peer's uid once it has appeared in the channel. */
  get uid(): UID | undefined {
    return this.peer;
  }

  get stream(): MediaStream | null {
    return this.current;
  }

  /** `user-joined`: the peer is in the channel (its stats can be read before it publishes). */
  joined(user: RemoteUser): void {
    this.adopt(user.uid);
  }

  /** `user-published`: subscribe and add the track to the stream. */
  async published(user: RemoteUser, kind: string): Promise<void> {
    if (!isKind(kind) || !this.adopt(user.uid, true)) return;
    const version = ++this.version[kind];
    this.sending[kind] = true;
    this.reportState();
    let remote: RtcRemoteTrackApi;
    try {
      remote = await this.host.subscribe(user.uid, kind);
    } catch (error) {
      if (this.isCurrent(kind, version, user.uid)) this.host.onError(fromRtcError(error, `receiving the peer's ${kind}`));
      return;
    }
    if (this.isCurrent(kind, version, user.uid)) this.attach(kind, remote.getMediaStreamTrack());
  }

  /** `user-unpublished` (also sent when the peer mutes or turns the camera off). */
  unpublished(user: RemoteUser, kind: string): void {
    if (!isKind(kind) || this.disposed || user.uid !== this.peer) return;
    this.version[kind]++;
    this.sending[kind] = false;
    this.detach(kind);
    // No video at all now (camera off): nothing is paused by the network any more.
    if (kind === 'video') this.setVideoPaused(false);
    this.reportState();
  }

  /** `stream-fallback`: the peer's video is paused (`true`) or back because of the network. */
  fellBack(uid: UID, paused: boolean): void {
    if (this.disposed || uid !== this.peer) return;
    this.setVideoPaused(paused);
  }

  /** `user-left`: the stream goes away; a peer rejoining (possibly with another uid) is followed again. */
  left(user: RemoteUser): void {
    if (this.disposed || user.uid !== this.peer) return;
    const hadStream = this.reset();
    this.peer = undefined;
    this.setVideoPaused(false);
    this.reportState();
    if (hadStream) this.host.onStream(null);
  }

  /** Stops following (the call ended); returns whether there was a stream to retract. */
  dispose(): boolean {
    this.disposed = true;
    return this.reset();
  }

  private reset(): boolean {
    const stream = this.current;
    for (const kind of ['audio', 'video'] as const) {
      this.version[kind]++;
      this.sending[kind] = false;
      this.tracks[kind]?.stop();
      delete this.tracks[kind];
    }
    this.current = null;
    return stream !== null;
  }

  /**
   * Whether `uid` is (now) the peer. A user who only joined is followed until an accepted user
   * who publishes appears while the followed one sends nothing (e.g. the peer's stale tab holds
   * its plain uid and the live one joined with a salted uid).
   */
  private adopt(uid: UID, publishing = false): boolean {
    if (this.disposed || !this.host.accepts(uid)) return false;
    if (this.peer === undefined) this.peer = uid;
    else if (publishing && this.peer !== uid && !this.sending.audio && !this.sending.video) {
      this.reset();
      this.peer = uid;
    }
    return this.peer === uid;
  }

  private isCurrent(kind: Kind, version: number, uid: UID): boolean {
    return !this.disposed && this.version[kind] === version && this.peer === uid;
  }

  private attach(kind: Kind, track: MediaStreamTrack): void {
    const stream = this.current ?? this.host.createStream();
    for (const old of stream.getTracks()) {
      if (old.kind === kind && old !== track) stream.removeTrack(old);
    }
    if (!stream.getTracks().includes(track)) stream.addTrack(track);
    this.tracks[kind] = track;
    this.current = stream;
    this.host.onStream(stream);
  }

  private detach(kind: Kind): void {
    const track = this.tracks[kind];
    delete this.tracks[kind];
    if (!track || !this.current) return;
    this.current.removeTrack(track);
    this.host.onStream(this.current);
  }

  private setVideoPaused(paused: boolean): void {
    if (paused === this.videoPaused) return;
    this.videoPaused = paused;
    this.host.onVideoPause(paused);
  }

  private reportState(): void {
    const state = { audio: this.sending.audio, video: this.sending.video };
    if (state.audio === this.reported.audio && state.video === this.reported.video) return;
    this.reported = state;
    this.host.onMediaState(state);
  }
}
