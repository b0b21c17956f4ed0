/**
 * The media of one call: this side's camera and microphone (`LocalMedia`) attached to the
 * backend's `MediaTransport` (relay: WebRTC signalled by the call's `CallSession`; agora: RTC on
 * the conversation's channel), which the client makes when the call is accepted; the media path
 * mirrored into the session (connected, reconnecting, failed), the user's controls (mute, camera,
 * switch, devices, screen share) and torch/zoom help. A voice call opens no camera until the user
 * turns video on. `leave()` stops every track and removes every listener.
 * DOM-free at module level: it touches `MediaStream` only once a device gave it a track.
 */
import { Emitter } from '../../base/emitter.js';
import { toSupportError, type SupportError } from '../../protocol/errors.js';
import { CallDevices } from './call-devices.js';
import { cameraHelpFor, type CameraAssist } from './camera-assist.js';
import type {
  CallMediaEvents,
  CallMediaConfig,
  CallQuality,
  LocalControls,
  MediaConnectionState,
  MediaTransport,
  NetworkVideoPause,
  RemoteMedia,
} from './call-media-types.js';
import type { CallSession } from './call-session.js';
import { isCallAccepted } from './call-states.js';
import { LocalMedia, type Facing } from './local-media.js';
import { cameraError } from './media-errors.js';
import { joinOptionsOf, mirrorMediaState } from './media-path.js';

/**
 * One call's media, owned by the client (`client.calls.media`). Made when the call starts ringing
 * (caller) or is accepted (callee); a call UI renders its streams and calls its controls.
 *
 * @example
 * ```ts
 * const media = client.calls.media;
 * media?.on('remote-stream', (stream) => (video.srcObject = stream));
 * media?.toggleMic();
 * ```
 */
export class CallMedia {
  readonly callId: string;
  // The fields below are the media's state for UIs to read; the methods change them.
  remoteStream: MediaStream | null = null;
  /** What the self-view shows: the camera, or the shared screen. */
  selfStream: MediaStream | null = null;
  micOn = true;
  /** The camera is sent; false from the start in a voice call (`toggleCamera()` opens one). */
  cameraOn: boolean;
  sharing = false;
  remote: RemoteMedia;
  /**
   * Video held back by a weak network, audio going on: `local` when this side's video is not sent,
   * `remote` when the peer's does not arrive (its last frame stays on screen). Both come back by themselves.
   */
  networkVideoPause: NetworkVideoPause = { local: false, remote: false };
  quality: CallQuality | undefined;
  /** Local time of the first `connected`, for the call timer. */
  connectedAt: number | undefined;
  /** What the device picker shows: the lists and the ids in use. */
  readonly devices: CallDevices;
  /** State of the media path (`connecting` until the transport reports). */
  connectionState: MediaConnectionState = 'connecting';
  /** Torch and zoom: what the peer's camera can do, requests and answers, both ways. */
  readonly cameraHelp: CameraAssist;
  private readonly local: LocalMedia;
  private readonly emitter = new Emitter<CallMediaEvents>();
  private readonly mediaDevices: MediaDevices | undefined;
  /** Aborting removes every listener added for this call. */
  private readonly lifetime = new AbortController();
  private readonly offs: (() => void)[] = [];
  private opening: Promise<boolean> | undefined;
  private cameraOpening: Promise<void> | undefined;
  private connecting = false;
  private transport: MediaTransport | undefined;
  private wasConnected = false;
  private left = false;

  constructor(
    readonly session: CallSession,
    private readonly options: CallMediaConfig,
  ) {
    this.callId = session.callId ?? '';
    this.mediaDevices = options.mediaDevices ?? globalThis.navigator?.mediaDevices;
    this.local = new LocalMedia(this.mediaDevices);
    this.devices = new CallDevices(this.local, this.mediaDevices, this.lifetime.signal, (lists) => this.emit('devices', lists));
    const video = session.invite?.video !== false;
    this.cameraOn = video;
    this.remote = { audio: true, video, screen: false };
    this.cameraHelp = cameraHelpFor(session, this.lifetime.signal, () => this.emit('camera-help', this.cameraHelp));
  }

  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof CallMediaEvents>(event: K, listener: (payload: CallMediaEvents[K]) => void): () => void { return this.emitter.on(event, listener); }
  /** Mute, camera and screen-share state of this side. */
  get controls(): LocalControls { return { micOn: this.micOn, cameraOn: this.cameraOn, sharing: this.sharing }; }
  /** True when the browser can share a screen. */
  get canShareScreen(): boolean { return typeof this.mediaDevices?.getDisplayMedia === 'function'; }
  /** Direction of the camera in use, when the device tells. */
  get facing(): Facing | undefined { return this.local.facing; }
  /** True when there is another camera to switch to: two cameras at least (a laptop that names its one camera's facing has none). */
  get canSwitchCamera(): boolean { return this.devices.lists.cameras.length > 1; }
  /** Tracks opened for this call and still live (0 after `leave()`). */
  get liveLocalTracks(): number { return this.local.liveTracks.length; }

  /** Opens the microphone, and the camera unless it is a voice call; the callee of an agent who asked starts on the rear camera. */
  openLocal(): Promise<boolean> {
    if (this.opening) return this.opening;
    const session = this.session;
    this.opening = this.local
      .open({ audio: true, video: session.invite?.video !== false, facing: this.preferredFacing })
      .then((missing) => {
        if (this.left) return false;
        if (missing) this.fail(missing);
        const camera = this.local.camera;
        this.showSelf(camera ? new MediaStream([camera]) : null);
        this.devices.refresh();
        this.devices.watch();
        return true;
      })
      .catch((error: unknown) => {
        const coded = toSupportError(error);
        if (this.left || coded.code === 'closed') return false;
        this.fail(coded);
        const reason = coded.code === 'media-denied' || coded.code === 'no-device' ? coded.code : 'failed';
        void session.markFailed(reason).catch(() => undefined);
        return false;
      });
    return this.opening;
  }

  /** Accepted: the media transport is made now (its code loads meanwhile), then joined and fed the local tracks. */
  connect(): void {
    if (this.connecting || this.left) return;
    this.connecting = true;
    const session = this.session;
    let created: Promise<MediaTransport>;
    try {
      created = this.options.createTransport(session);
    } catch (error) {
      created = Promise.reject(error);
    }
    // Devices open while the transport's code loads.
    const opened = this.openLocal();
    created.then(
      (transport) => this.start(transport, opened),
      (error: unknown) => {
        if (this.left) return;
        this.fail(toSupportError(error));
        void session.markFailed('failed').catch(() => undefined);
      },
    );
  }

  private start(transport: MediaTransport, opened: Promise<boolean>): void {
    if (this.left) {
      void transport.leave().catch(() => undefined);
      return;
    }
    const session = this.session;
    this.transport = transport;
    this.offs.push(
      transport.on('remote-stream', (stream) => {
        this.remoteStream = stream;
        this.emit('remote-stream', stream);
      }),
      transport.on('remote-media-state', (state) => this.setRemote({ ...this.remote, audio: state.audio, video: state.video })),
      transport.on('network-video-pause', ({ side, paused }) => {
        if (this.networkVideoPause[side] === paused) return;
        this.networkVideoPause = { ...this.networkVideoPause, [side]: paused };
        this.emit('network-video-pause', { ...this.networkVideoPause });
      }),
      transport.on('quality', (quality) => {
        this.quality = quality;
        this.emit('quality', quality);
      }),
      transport.on('connection-state', (state) => this.onMediaState(state)),
    );
    const joined = transport.join(joinOptionsOf(session, this.lifetime.signal, this.options.joinTimeoutMs));
    // Not connected in time: the call ends with `failed`, which the call UI reports.
    joined.catch((error: unknown) => {
      const coded = toSupportError(error);
      if (this.left || coded.code === 'closed') return;
      // A refusal (token, permission, configuration) says more than "could not connect".
      if (coded.code !== 'timeout' && coded.code !== 'network') this.fail(coded);
      void session.markFailed('failed').catch(() => undefined);
    });
    void opened
      .then(async (ok) => {
        if (!ok || this.left) return;
        const { audio, camera } = this.local;
        if (audio) audio.enabled = this.micOn;
        if (camera) camera.enabled = this.cameraOn;
        await transport.publish({ ...(audio ? { audio } : {}), ...(camera ? { video: camera } : {}) });
        // Muted before the transport existed: a transport that mutes on its own (Agora) must hear it.
        if (!this.micOn) await transport.setAudioEnabled(false);
        if (!this.cameraOn) await transport.setVideoEnabled(false);
        this.announce();
      })
      .catch((error: unknown) => {
        if (!this.left) this.fail(toSupportError(error));
      });
  }

  /** The peer's media state as told over signalling (it alone knows about screen sharing). */
  setRemote(remote: RemoteMedia): void {
    this.remote = { ...remote };
    this.emit('remote-media', { ...remote });
  }

  /** Mutes or unmutes the microphone (the peer is told). */
  toggleMic(): void {
    this.micOn = !this.micOn;
    if (this.local.audio) this.local.audio.enabled = this.micOn;
    void this.transport?.setAudioEnabled(this.micOn);
    this.announce();
  }

  /** Turns the camera off or on (the peer is told); without one yet (a voice call) opens it: the call goes on as video, or as voice if refused (`camera-denied`). */
  toggleCamera(): Promise<void> {
    if (!this.cameraOn && !this.local.camera) return this.openCamera();
    this.cameraOn = !this.cameraOn;
    if (this.local.camera) this.local.camera.enabled = this.cameraOn;
    void this.transport?.setVideoEnabled(this.cameraOn);
    this.announce();
    return Promise.resolve();
  }

  /** Front/rear (or the next camera); the call goes on with the new one. */
  switchCamera(): Promise<void> {
    return this.run(async () => this.sendCamera(await this.local.switchCamera()));
  }

  /** Sends the camera `deviceId` instead. */
  chooseCamera(deviceId: string): Promise<void> {
    if (deviceId === this.devices.cameraId) return Promise.resolve();
    return this.run(async () => this.sendCamera(await this.local.useCamera(deviceId)));
  }

  /** Sends the microphone `deviceId` instead. */
  chooseMicrophone(deviceId: string): Promise<void> {
    if (deviceId === this.devices.microphoneId) return Promise.resolve();
    return this.run(async () => {
      const track = await this.local.useMicrophone(deviceId);
      track.enabled = this.micOn;
      await this.transport?.publish({ audio: track });
      this.devices.refresh();
    });
  }

  /** Starts or stops sharing the screen (`detail`: text stays sharp); the camera comes back when the share ends. */
  toggleScreenShare(): Promise<void> {
    if (this.sharing) return this.stopSharing();
    return this.run(async () => {
      const screen = await this.local.openScreen();
      // The browser's own "Stop sharing" button ends the track.
      screen.addEventListener('ended', () => void this.stopSharing(), { once: true, signal: this.lifetime.signal });
      this.sharing = true;
      this.showSelf(new MediaStream([screen]));
      await this.transport?.replaceVideoTrack(screen, { contentHint: 'detail' });
      this.announce();
    });
  }

  /** Opens the camera during the call (once, however often the button is pressed meanwhile) and sends it. */
  private openCamera(): Promise<void> {
    this.cameraOpening ??= this.run(async () => {
      const camera = await this.local.openCamera(this.preferredFacing).catch((error: unknown) => Promise.reject(cameraError(error)));
      this.cameraOn = true;
      // Unmuted before it is sent: a transport that mutes on its own (Agora) publishes it live.
      await this.transport?.setVideoEnabled(true);
      await this.sendCamera(camera);
    }).finally(() => (this.cameraOpening = undefined));
    return this.cameraOpening;
  }

  /** The camera direction to open: the rear one for the callee of an agent who asked to see the device. */
  private get preferredFacing(): Facing {
    return this.session.direction === 'incoming' && this.session.invite?.askRearCamera ? 'environment' : 'user';
  }

  /** Stops every track, leaves the peer connection and removes every listener of the call. */
  async leave(): Promise<void> {
    if (this.left) return;
    this.left = true;
    this.lifetime.abort();
    for (const off of this.offs) off();
    this.local.stop();
    this.remoteStream = null;
    this.selfStream = null;
    this.sharing = false;
    this.emitter.removeAllListeners();
    await this.transport?.leave().catch(() => undefined);
  }

  private async stopSharing(): Promise<void> {
    if (!this.sharing || this.left) return;
    this.sharing = false;
    this.local.stopScreen();
    const camera = this.local.camera;
    this.showSelf(camera ? new MediaStream([camera]) : null);
    this.announce();
    await this.transport?.replaceVideoTrack(camera, { contentHint: 'motion' }).catch(() => undefined);
  }

  private async sendCamera(track: MediaStreamTrack): Promise<void> {
    track.enabled = this.cameraOn;
    if (!this.sharing) {
      this.showSelf(new MediaStream([track]));
      await this.transport?.replaceVideoTrack(track, { contentHint: 'motion' });
    }
    this.devices.refresh();
    this.announce();
  }

  /** Runs a user action; its failure is reported (`error`), never thrown at the button. */
  private async run(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      if (!this.left) this.fail(toSupportError(error));
    }
  }

  private onMediaState(state: MediaConnectionState): void {
    if (this.left) return;
    this.connectionState = state;
    this.emit('connection-state', state);
    try {
      mirrorMediaState(this.session, state, this.wasConnected);
      if (state === 'connected') this.wasConnected = true;
    } catch (error) {
      this.fail(toSupportError(error));
    }
  }

  /** Tells the peer (over signalling) what we send, including screen sharing, and what the sent camera can do. */
  private announce(): void {
    this.emit('controls', this.controls);
    if (this.left || !isCallAccepted(this.session.state)) return;
    this.cameraHelp.follow(this.cameraOn && !this.sharing ? this.local.camera : null);
    const state = {
      audio: this.micOn && this.local.audio !== null,
      video: this.cameraOn && (this.local.camera !== null || this.sharing),
      screen: this.sharing,
    };
    this.session.sendMediaState(state).catch(() => undefined);
  }

  private showSelf(stream: MediaStream | null): void {
    this.selfStream = stream;
    this.emit('local-stream', stream);
  }

  private fail(error: SupportError): void {
    this.emit('error', error);
  }

  /** One event, then `change` for UIs that redraw on anything. */
  private emit<K extends Exclude<keyof CallMediaEvents, 'change'>>(event: K, payload: CallMediaEvents[K]): void {
    this.emitter.emit(event, payload);
    this.emitter.emit('change', undefined);
  }
}
