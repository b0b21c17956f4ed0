/**
 * The relay backend's media: one browser-to-browser `RTCPeerConnection` per call, negotiated
 * with the perfect-negotiation pattern over the call's signalling (`offer` / `answer` / `ice`
 * signals relayed by the messaging server). No media server: with the default (no `iceServers`)
 * only host candidates are used, which is enough on one machine or one LAN. Real deployments
 * pass a STUN server (`{ urls: 'stun:stun.example.com:3478' }`) so peers behind NAT find their
 * public address, and a TURN server (`{ urls: 'turn:turn.example.com:3478?transport=udp',
 * username, credential }`, plus `turns:` on 443 for strict firewalls) to relay media when no
 * direct path exists.
 *
 * Browser-only at run time; importing this module anywhere (Node, SSR) is safe.
 */
import { Emitter } from '../../base/emitter.js';
import { SupportError, toSupportError } from '../../protocol/errors.js';
import type {
  CallQuality,
  MediaConnectionState,
  MediaJoinOptions,
  MediaSignal,
  MediaSignalAction,
  MediaSignalChannel,
  MediaTransport,
  MediaTransportEvents,
  PublishTracks,
  ReplaceVideoTrackOptions,
} from '../media-types.js';
import type { BitrateDegradationOptions } from './bitrate-degradation.js';
import { IceRecovery } from './ice-recovery.js';
import { joinDeadline, type JoinDeadline } from './join-deadline.js';
import { LocalMediaSenders, type MediaKind } from './local-media-senders.js';
import { MediaStateChannel, type MediaStateMessage } from './media-state-channel.js';
import { ICE_RESTART_REQUEST, isIceRestartRequest } from './negotiation-payloads.js';
import { PerfectNegotiation } from './perfect-negotiation.js';
import { applyPlayoutDelay, PlayoutDelay } from './playout-delay.js';
import { QualityMonitor } from './quality-monitor.js';
import { RemoteMedia } from './remote-media.js';
import { VideoFallback, type VideoFallbackOptions, type VideoSendSample } from './video-fallback.js';
import { setVideoSending } from './video-sender-active.js';
import { videoSendSample } from './video-send-stats.js';
import { applyVideoSenderSettings, degradationPreferenceFor } from './video-sender-parameters.js';

/** Options of `RelayMediaTransport`. */
export interface RelayMediaTransportOptions {
  /** The call's signalling (a `CallSession`): carries offers, answers and ICE candidates. */
  signalling: MediaSignalChannel;
  /** STUN/TURN servers. Default none (host candidates only: same machine or LAN). */
  iceServers?: RTCIceServer[];
  /** Default `globalThis.RTCPeerConnection`. */
  RTCPeerConnectionImpl?: typeof RTCPeerConnection;
  /** How often a `quality` event is emitted while connected, ms. Default 2000. */
  qualityIntervalMs?: number;
  /** Thresholds of graceful degradation (video bitrate caps under loss or long RTT). */
  degradation?: BitrateDegradationOptions;
  /**
   * Thresholds of the audio-only fallback: the sent video pauses when the uplink cannot carry it
   * and resumes by itself (`network-video-pause`). `false` never pauses it.
   */
  videoFallback?: VideoFallbackOptions | false;
}

/** Signals kept while waiting for `join()` (the peer's offer may come first). */
const MAX_EARLY_SIGNALS = 200;

/**
 * `MediaTransport` over a WebRTC peer connection. The caller's first offer lays out one audio
 * and one video transceiver (both directions) plus a small data channel, so publishing,
 * replacing and removing tracks later never renegotiates; only ICE restarts do.
 * It takes ownership of the tracks it is given (`publish`, `replaceVideoTrack`): `leave()` stops
 * every one of them, including replaced ones. A track is sent as given (its `enabled` included);
 * `setAudioEnabled` / `setVideoEnabled` switch the track sent at the time.
 *
 * @example
 * ```ts
 * const media = new RelayMediaTransport({ signalling: session, iceServers: [] });
 * const joined = media.join({ callId, conversationId, selfId, polite: session.polite, timeoutMs: 20_000 });
 * await media.publish({ audio: mic, video: camera });
 * await joined;
 * ```
 */
export class RelayMediaTransport implements MediaTransport {
  readonly backend = 'relay' as const;
  private readonly emitter = new Emitter<MediaTransportEvents>();
  /** Aborting it removes every listener this transport added. */
  private readonly lifetime = new AbortController();
  private readonly signalling: MediaSignalChannel;
  private readonly iceServers: RTCIceServer[];
  private readonly PeerConnection: typeof RTCPeerConnection | undefined;
  private readonly local = new LocalMediaSenders();
  private readonly remote = new RemoteMedia();
  private readonly quality: QualityMonitor;
  private readonly playout = new PlayoutDelay();
  private readonly fallback: VideoFallback | undefined;
  /** The fallback's bitrate cap last written, to rewrite it when it lapses. */
  private fallbackCap: number | undefined;
  /** Whether the peer said its video is paused by the network. */
  private remotePaused = false;
  private readonly unsubscribeSignals: () => void;
  private early: MediaSignal[] = [];
  private callId: string | undefined;
  private polite = false;
  private pc: RTCPeerConnection | undefined;
  private negotiation: PerfectNegotiation | undefined;
  private recovery: IceRecovery | undefined;
  private mediaStates: MediaStateChannel | undefined;
  private videoHint: 'motion' | 'detail' = 'motion';
  private state: MediaConnectionState | 'new' = 'new';
  private deadline: JoinDeadline | undefined;
  /** `setParameters` calls run one after another (each needs the previous one's transaction). */
  private senderSettings: Promise<void> = Promise.resolve();
  private left = false;

  constructor(options: RelayMediaTransportOptions) {
    this.signalling = options.signalling;
    this.iceServers = options.iceServers ?? [];
    this.PeerConnection = options.RTCPeerConnectionImpl;
    this.fallback = options.videoFallback === false ? undefined : new VideoFallback(options.videoFallback);
    this.quality = new QualityMonitor({
      intervalMs: options.qualityIntervalMs ?? 2000,
      degradation: options.degradation,
      readStats: () => this.pc?.getStats(),
      onQuality: (quality) => {
        if (this.pc && this.playout.assess(quality)) applyPlayoutDelay(this.pc, this.playout.targetMs);
        this.emitter.emit('quality', quality);
      },
      onCapChange: () => void this.applySenderSettings(),
      onReport: (report) => this.assessFallback(videoSendSample(report, Date.now())),
      onError: (error) => this.reportError(error),
    });
    // Subscribed from the start: the peer's offer may arrive before `join()` (e.g. during getUserMedia).
    this.unsubscribeSignals = this.signalling.on('media-signal', (signal) => this.onSignal(signal));
  }

  /** The peer's media, once a track has arrived; `null` before and after the call. */
  get remoteStream(): MediaStream | null {
    return this.remote.stream;
  }

  /** The media path's state; `new` before `join()`. */
  get connectionState(): MediaConnectionState | 'new' {
    return this.state;
  }

  /** True while this side's video is paused because the network cannot carry it (audio goes on). */
  get videoPausedByNetwork(): boolean {
    return this.fallback?.paused ?? false;
  }

  /** ICE restarts started so far (network changes, failures, `restartIce()`); the callee's are requests. */
  get iceRestarts(): number {
    return this.recovery?.restartCount ?? 0;
  }

  on<K extends keyof MediaTransportEvents>(event: K, listener: (payload: MediaTransportEvents[K]) => void): () => void {
    return this.emitter.on(event, listener);
  }

  async join(options: MediaJoinOptions): Promise<void> {
    if (this.left) throw new SupportError('closed', 'This call has already been left');
    if (this.pc) throw new SupportError('config', 'join() may be called once per RelayMediaTransport');
    if (options.signal?.aborted) throw new SupportError('closed', 'Joining the call was aborted');
    const pc = this.createPeerConnection();
    this.pc = pc;
    this.callId = options.callId;
    this.polite = options.polite;
    const signal = this.lifetime.signal;
    this.negotiation = new PerfectNegotiation({
      pc,
      polite: options.polite,
      signal,
      send: (action, payload) => this.sendSignal(action, payload),
      onError: (error) => this.reportError(error),
      beforeAnswer: () => this.local.adopt(pc),
    });
    this.recovery = new IceRecovery({
      pc,
      signal,
      onState: (state) => this.setState(state),
      requestRestart: () => (options.polite ? this.sendSignal('ice', ICE_RESTART_REQUEST) : pc.restartIce()),
    });
    this.mediaStates = new MediaStateChannel(pc, signal, (state) => this.onRemoteState(state));
    pc.addEventListener('track', (event) => this.emitter.emit('remote-stream', this.remote.add(event.track)), { signal });
    pc.addEventListener('signalingstatechange', () => void this.applySenderSettings(), { signal });
    // The caller lays out the call; the callee adopts that layout when the first offer arrives.
    if (!options.polite) this.local.layOut(pc);
    this.announceMediaState();
    this.deadline = joinDeadline(options);
    this.setState('connecting');
    const early = this.early;
    this.early = [];
    for (const earlySignal of early) this.onSignal(earlySignal);
    return this.deadline.promise;
  }

  async leave(): Promise<void> {
    if (this.left) return;
    this.left = true;
    this.unsubscribeSignals();
    this.early = [];
    this.quality.stop();
    this.deadline?.settle(new SupportError('closed', 'The call was left before its media connected'));
    this.lifetime.abort();
    this.pc?.close();
    this.local.stopAll();
    const hadRemote = this.remote.stream !== null;
    this.remote.stopAll();
    if (this.state !== 'new') this.setState('closed');
    if (hadRemote) this.emitter.emit('remote-stream', null);
    this.emitter.removeAllListeners();
  }

  async publish(tracks: PublishTracks): Promise<void> {
    this.assertOpen('publish');
    if (tracks.video) this.videoHint = isDetail(tracks.video.contentHint) ? 'detail' : 'motion';
    const pending = [
      tracks.audio ? this.local.send('audio', tracks.audio) : undefined,
      tracks.video ? this.local.send('video', tracks.video) : undefined,
    ];
    this.announceMediaState();
    await Promise.all(pending);
    await this.applySenderSettings();
  }

  async replaceVideoTrack(track: MediaStreamTrack | null, options: ReplaceVideoTrackOptions = {}): Promise<void> {
    this.assertOpen('replace the video track');
    if (track && options.contentHint) track.contentHint = options.contentHint;
    this.videoHint = options.contentHint ?? (track && isDetail(track.contentHint) ? 'detail' : 'motion');
    const replaced = this.local.send('video', track);
    this.resetFallback();
    this.announceMediaState();
    await replaced;
    await this.applySenderSettings();
  }

  async setAudioEnabled(enabled: boolean): Promise<void> {
    this.setEnabled('audio', enabled);
  }

  async setVideoEnabled(enabled: boolean): Promise<void> {
    this.setEnabled('video', enabled);
  }

  async getStats(): Promise<CallQuality> {
    if (!this.pc || this.left) return {};
    return (await this.quality.sample()).quality;
  }

  /**
   * Restarts ICE now (new candidates over the current network); the call keeps its media meanwhile.
   * The callee asks the caller to do it. Calls within a second of the last restart are one restart.
   */
  restartIce(): void {
    this.recovery?.restart();
  }

  private createPeerConnection(): RTCPeerConnection {
    const Impl = this.PeerConnection ?? globalThis.RTCPeerConnection;
    if (typeof Impl !== 'function') throw new SupportError('config', 'WebRTC (RTCPeerConnection) is not available here');
    try {
      return new Impl({ iceServers: this.iceServers, bundlePolicy: 'max-bundle' });
    } catch (error) {
      throw new SupportError('config', 'Could not create the peer connection (check iceServers)', { cause: error });
    }
  }

  private setState(state: MediaConnectionState): void {
    if (state === this.state || (this.left && state !== 'closed')) return;
    this.state = state;
    if (state === 'connected') {
      this.quality.start();
      void this.primePlayout();
      this.deadline?.settle();
    } else {
      this.quality.stop();
    }
    if (state === 'failed') {
      const error = new SupportError('network', 'The media connection failed and could not be restored');
      this.emitter.emit('error', error);
      this.deadline?.settle(error);
    }
    this.emitter.emit('connection-state', state);
  }

  private onSignal(signal: MediaSignal): void {
    if (this.left) return;
    if (!this.negotiation) {
      this.early.push(signal);
      if (this.early.length > MAX_EARLY_SIGNALS) this.early.shift();
      return;
    }
    if (signal.callId !== this.callId) return;
    if (signal.action === 'ice' && isIceRestartRequest(signal.payload)) {
      if (!this.polite) this.recovery?.restart();
      return;
    }
    void this.negotiation.receive(signal.action, signal.payload);
  }

  private sendSignal(action: MediaSignalAction, payload: unknown): void {
    if (this.left) return;
    // A lost negotiation message surfaces as the join timeout or an ICE failure, not here:
    // sends fail routinely while the call is ending.
    try {
      this.signalling.sendMediaSignal(action, payload).catch(() => undefined);
    } catch {
      // Thrown synchronously when the call is no longer accepted.
    }
  }

  private setEnabled(kind: MediaKind, enabled: boolean): void {
    if (this.left) return;
    this.local.setEnabled(kind, enabled);
    // The user's own choice starts the fallback afresh (a paused video sends again when turned on).
    if (kind === 'video' && this.resetFallback()) void this.applySenderSettings();
    this.announceMediaState();
  }

  private announceMediaState(): void {
    this.mediaStates?.update({ ...this.local.state, videoPausedByNetwork: this.videoPausedByNetwork });
  }

  private onRemoteState(state: MediaStateMessage): void {
    this.emitter.emit('remote-media-state', { audio: state.audio, video: state.video });
    const paused = state.videoPausedByNetwork === true;
    if (paused === this.remotePaused) return;
    this.remotePaused = paused;
    this.emitter.emit('network-video-pause', { side: 'remote', paused });
  }

  /** One quality tick of the audio-only fallback: pause or resume the sent video, lift a lapsed cap. */
  private assessFallback(sample: VideoSendSample): void {
    const fallback = this.fallback;
    if (!fallback || this.left) return;
    // Nothing sent (camera off, a voice call): nothing to judge.
    if (!this.local.state.video || !this.local.videoSender) {
      if (this.resetFallback()) void this.applySenderSettings();
      return;
    }
    const decision = fallback.assess(sample);
    if (decision) {
      void this.applySenderSettings();
      this.announceMediaState();
      this.emitter.emit('network-video-pause', { side: 'local', paused: decision === 'pause' });
    } else if (fallback.maxBitrateBps(Date.now()) !== this.fallbackCap) {
      void this.applySenderSettings();
    }
  }

  /** Forgets a network pause; true (and the event) when the video was paused. */
  private resetFallback(): boolean {
    if (!this.fallback?.reset()) return false;
    this.emitter.emit('network-video-pause', { side: 'local', paused: false });
    return true;
  }

  /** Writes the bitrate cap, degradation preference and network pause on the video sender (once negotiated). */
  private applySenderSettings(): Promise<void> {
    this.senderSettings = this.senderSettings
      .then(async () => {
        const sender = this.local.videoSender;
        if (!sender || this.left) return;
        const paused = this.videoPausedByNetwork;
        // A network pause waits for no negotiation (one whose answer was lost may never settle).
        if (paused) await setVideoSending(sender, false);
        if (this.pc?.signalingState === 'stable') {
          this.fallbackCap = this.fallback?.maxBitrateBps(Date.now());
          await applyVideoSenderSettings(sender, {
            maxBitrateBps: lowerCap(this.quality.maxBitrateBps, this.fallbackCap),
            degradationPreference: degradationPreferenceFor(this.videoHint),
          });
        }
        if (!paused) await setVideoSending(sender, true);
      })
      .catch((error: unknown) => this.reportError(error));
    return this.senderSettings;
  }

  /** Once connected the round trip is known: a long path's video is held from its first frames. */
  private async primePlayout(): Promise<void> {
    const pc = this.pc;
    const { quality } = await this.quality.sample().catch(() => ({ quality: undefined }));
    if (pc && !this.left && this.playout.prime(quality?.rttMs)) applyPlayoutDelay(pc, this.playout.targetMs);
  }

  private reportError(error: unknown): void {
    if (this.left) return;
    this.emitter.emit('error', toSupportError(error, 'network'));
  }

  private assertOpen(what: string): void {
    if (this.left) throw new SupportError('closed', `Cannot ${what}: this call has been left`);
  }
}

/** The tighter of two optional caps. */
function lowerCap(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

function isDetail(contentHint: string): boolean {
  return contentHint === 'detail' || contentHint === 'text';
}

/**
 * Creates the relay backend's media transport for one call.
 *
 * @example
 * ```ts
 * const media = createRelayMediaTransport({ signalling: session, iceServers: [{ urls: 'stun:stun.example.com' }] });
 * ```
 */
export function createRelayMediaTransport(options: RelayMediaTransportOptions): RelayMediaTransport {
  return new RelayMediaTransport(options);
}
