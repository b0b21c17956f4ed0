/**
 * The media of the current call, for `<support-call>`: opens the camera and microphone, attaches
 * them to a `RelayMediaTransport` signalled by the client's `CallSession`, mirrors the media
 * path into the session (connected, reconnecting, failed), and tears everything down when the
 * call ends or the element leaves the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CallManager } from '../../core/call/call-manager.js';
import type { CallSession } from '../../core/call/call-session.js';
import type { CallStateChange } from '../../core/call/call-events.js';
import { isCallAccepted, isCallActive } from '../../core/call/call-states.js';
import { toSupportError, type SupportError } from '../../core/errors.js';
import type { CallQuality, MediaConnectionState, MediaTransport } from '../../transports/media-types.js';
import { RelayMediaTransport } from '../../transports/relay/relay-media-transport.js';
import { LocalMedia, type Facing, type MediaDeviceLists } from './local-media.js';

type Host = ReactiveControllerHost & HTMLElement;

/** What the peer sends, as far as we were told. */
export interface RemoteMedia {
  audio: boolean;
  video: boolean;
  screen: boolean;
}

export interface CallMediaOptions {
  /** STUN/TURN servers for the peer connection. */
  iceServers(): RTCIceServer[] | undefined;
  /** A failure the user must hear about (visible message + `support-error`). */
  onError(error: SupportError): void;
  /** Whether calls of this conversation are the host's (default all). */
  handles?(conversationId: string): boolean;
  /** Longest wait for the media to connect once accepted. Default 25 000 ms. */
  joinTimeoutMs?: number;
}

/** Everything that belongs to one call; dropped as a whole at its end. */
interface CallMedia {
  callId: string;
  session: CallSession;
  local: LocalMedia;
  /** Resolves to true once the local tracks are open (false when they could not be). */
  opening?: Promise<boolean>;
  transport?: MediaTransport;
  /** Aborting removes every listener added for this call. */
  lifetime: AbortController;
  offs: (() => void)[];
  wasConnected: boolean;
}

const NO_REMOTE: RemoteMedia = { audio: true, video: true, screen: false };

/** Media controller of `<support-call>`; the element reads its fields to render. */
export class CallMediaController implements ReactiveController {
  remoteStream: MediaStream | null = null;
  /** What the self-view shows: the camera, or the shared screen. */
  selfStream: MediaStream | null = null;
  micOn = true;
  cameraOn = true;
  sharing = false;
  remote: RemoteMedia = { ...NO_REMOTE };
  quality: CallQuality | undefined;
  /** Local time of the first `connected`, for the call timer. */
  connectedAt: number | undefined;
  devices: MediaDeviceLists = { cameras: [], microphones: [] };
  /** Device ids in use, for the device picker. */
  cameraId = '';
  microphoneId = '';
  private calls: CallManager | undefined;
  private offCalls: (() => void)[] = [];
  private call: CallMedia | undefined;
  private tick: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: Host,
    private readonly options: CallMediaOptions,
  ) {
    host.addController(this);
  }

  /** Direction of the camera in use, when the device tells. */
  get facing(): Facing | undefined {
    return this.call?.local.facing;
  }

  /** True when more than one camera can be switched to. */
  get canSwitchCamera(): boolean {
    return this.devices.cameras.length > 1 || this.call?.local.facing !== undefined;
  }

  /** Tracks opened for the current call and still live (0 after teardown). */
  get liveLocalTracks(): number {
    return this.call?.local.liveTracks.length ?? 0;
  }

  /** Follows the calls of `calls` (the element's client); `undefined` detaches. */
  attach(calls: CallManager | undefined): void {
    if (calls === this.calls) return;
    this.detach();
    this.calls = calls;
    if (!calls) return;
    this.offCalls = [
      calls.on('call-state', (change) => this.onCallState(change)),
      calls.on('remote-media-state', (state) => {
        this.remote = { audio: state.audio, video: state.video, screen: state.screen };
        this.host.requestUpdate();
      }),
    ];
    // A call that began before this element (accepted from the chat, or the UI loaded late).
    const session = calls.session;
    if (session && isCallActive(session.state) && this.handles(session)) {
      this.begin(session);
      if (isCallAccepted(session.state)) this.connect(session);
      else if (session.direction === 'outgoing') this.openLocal(session);
    }
  }

  hostConnected(): void {
    // The element attaches its client again on its next update.
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    // A move within the page reconnects at once: only a real removal ends the call.
    queueMicrotask(() => {
      if (this.host.isConnected) return;
      const calls = this.calls;
      this.detach();
      void calls?.hangup();
    });
  }

  toggleMic(): void {
    this.micOn = !this.micOn;
    const call = this.call;
    if (call?.local.audio) call.local.audio.enabled = this.micOn;
    void call?.transport?.setAudioEnabled(this.micOn);
    this.announce();
  }

  toggleCamera(): void {
    this.cameraOn = !this.cameraOn;
    const call = this.call;
    if (call?.local.camera) call.local.camera.enabled = this.cameraOn;
    void call?.transport?.setVideoEnabled(this.cameraOn);
    this.announce();
  }

  /** Front/rear (or the next camera); the call goes on with the new one. */
  async switchCamera(): Promise<void> {
    const call = this.call;
    if (!call) return;
    await this.run(call, async () => this.sendCamera(call, await call.local.switchCamera()));
  }

  async chooseCamera(deviceId: string): Promise<void> {
    const call = this.call;
    if (!call || deviceId === this.cameraId) return;
    await this.run(call, async () => this.sendCamera(call, await call.local.useCamera(deviceId)));
  }

  async chooseMicrophone(deviceId: string): Promise<void> {
    const call = this.call;
    if (!call || deviceId === this.microphoneId) return;
    await this.run(call, async () => {
      const track = await call.local.useMicrophone(deviceId);
      track.enabled = this.micOn;
      await call.transport?.publish({ audio: track });
      this.refreshDevices(call);
    });
  }

  /** Starts or stops sharing the screen; the camera comes back when the share ends. */
  async toggleScreenShare(): Promise<void> {
    const call = this.call;
    if (!call) return;
    if (this.sharing) {
      await this.stopSharing(call);
      return;
    }
    await this.run(call, async () => {
      const screen = await call.local.openScreen();
      // The browser's own "Stop sharing" button ends the track.
      screen.addEventListener('ended', () => void this.stopSharing(call), { once: true, signal: call.lifetime.signal });
      this.sharing = true;
      this.selfStream = new MediaStream([screen]);
      await call.transport?.replaceVideoTrack(screen, { contentHint: 'detail' });
      this.announce();
    });
  }

  private async stopSharing(call: CallMedia): Promise<void> {
    if (!this.sharing || this.call !== call) return;
    this.sharing = false;
    call.local.stopScreen();
    const camera = call.local.camera;
    this.selfStream = camera ? new MediaStream([camera]) : null;
    this.announce();
    await call.transport?.replaceVideoTrack(camera, { contentHint: 'motion' }).catch(() => undefined);
  }

  private async sendCamera(call: CallMedia, track: MediaStreamTrack): Promise<void> {
    track.enabled = this.cameraOn;
    if (!this.sharing) {
      this.selfStream = new MediaStream([track]);
      await call.transport?.replaceVideoTrack(track, { contentHint: 'motion' });
    }
    this.refreshDevices(call);
  }

  /** Runs a user action; its failure is reported, never thrown at the button. */
  private async run(call: CallMedia, action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      if (this.call === call) this.options.onError(toSupportError(error));
    } finally {
      this.host.requestUpdate();
    }
  }

  private onCallState(change: CallStateChange): void {
    const session = this.calls?.session;
    if (!session || session.callId !== change.callId || !this.handles(session)) return;
    switch (change.state) {
      case 'outgoing-ringing':
        this.begin(session);
        this.openLocal(session);
        break;
      case 'connecting':
        this.begin(session);
        this.connect(session);
        break;
      case 'connected':
        this.connectedAt ??= Date.now();
        this.startTick();
        break;
      case 'ended':
        void this.teardown();
        break;
      default:
        break;
    }
    this.host.requestUpdate();
  }

  /** Fresh per-call state (a no-op when this call already has it). */
  private begin(session: CallSession): void {
    if (this.call && this.call.callId === session.callId) return;
    void this.teardown();
    this.call = {
      callId: session.callId ?? '',
      session,
      local: new LocalMedia(),
      lifetime: new AbortController(),
      offs: [],
      wasConnected: false,
    };
    this.micOn = true;
    this.cameraOn = true;
    this.connectedAt = undefined;
    this.remote = { ...NO_REMOTE };
    globalThis.addEventListener?.('pagehide', () => void this.calls?.hangup(), { signal: this.call.lifetime.signal });
  }

  /** Opens camera and microphone as the invite asks; the callee of an agent who asked starts on the rear camera. */
  private openLocal(session: CallSession): Promise<boolean> {
    const call = this.call;
    if (!call) return Promise.resolve(false);
    if (call.opening) return call.opening;
    const invite = session.invite ?? { video: true, askRearCamera: false };
    const facing = session.direction === 'incoming' && invite.askRearCamera ? 'environment' : 'user';
    call.opening = call.local
      .open({ audio: true, video: invite.video, facing })
      .then((missing) => {
        if (this.call !== call) return false;
        if (missing) this.options.onError(missing);
        const camera = call.local.camera;
        this.selfStream = camera ? new MediaStream([camera]) : null;
        this.refreshDevices(call);
        mediaDevices()?.addEventListener('devicechange', () => this.refreshDevices(call), { signal: call.lifetime.signal });
        return true;
      })
      .catch((error: unknown) => {
        const coded = toSupportError(error);
        if (this.call !== call || coded.code === 'closed') return false;
        this.options.onError(coded);
        const reason = coded.code === 'media-denied' || coded.code === 'no-device' ? coded.code : 'failed';
        void session.markFailed(reason).catch(() => undefined);
        return false;
      })
      .finally(() => this.host.requestUpdate());
    return call.opening;
  }

  /** Accepted: the peer connection starts now (synchronously, so the peer's offer finds it). */
  private connect(session: CallSession): void {
    const call = this.call;
    if (!call || call.transport) return;
    const transport = new RelayMediaTransport({ signalling: session, ...iceServersOf(this.options.iceServers()) });
    call.transport = transport;
    call.offs.push(
      transport.on('remote-stream', (stream) => {
        this.remoteStream = stream;
        this.host.requestUpdate();
      }),
      transport.on('remote-media-state', (state) => {
        this.remote = { ...this.remote, audio: state.audio, video: state.video };
        this.host.requestUpdate();
      }),
      transport.on('quality', (quality) => {
        this.quality = quality;
        this.host.requestUpdate();
      }),
      transport.on('connection-state', (state) => this.onMediaState(call, state)),
    );
    const joined = transport.join({
      callId: call.callId,
      conversationId: session.conversationId ?? '',
      selfId: session.selfId,
      ...(session.peer ? { peerId: session.peer.id } : {}),
      polite: session.polite,
      signal: call.lifetime.signal,
      timeoutMs: this.options.joinTimeoutMs ?? 25_000,
    });
    // Not connected in time: the call ends with `failed`, which the element reports.
    joined.catch((error: unknown) => {
      if (this.call !== call || toSupportError(error).code === 'closed') return;
      void session.markFailed('failed').catch(() => undefined);
    });
    void this.openLocal(session).then(async (opened) => {
      if (!opened || this.call !== call) return;
      const { audio, camera } = call.local;
      if (audio) audio.enabled = this.micOn;
      if (camera) camera.enabled = this.cameraOn;
      await transport.publish({ ...(audio ? { audio } : {}), ...(camera ? { video: camera } : {}) });
      this.announce();
    }).catch((error: unknown) => {
      if (this.call === call) this.options.onError(toSupportError(error));
    });
  }

  private onMediaState(call: CallMedia, state: MediaConnectionState): void {
    const session = call.session;
    if (this.call !== call || !isCallActive(session.state)) return;
    try {
      if (state === 'connected') {
        call.wasConnected = true;
        session.markConnected();
      } else if (state === 'reconnecting') {
        session.markReconnecting();
      } else if (state === 'failed') {
        // Lost after it worked: the peer vanished (tab closed, network gone). The element reports the end.
        void session.markFailed(call.wasConnected ? 'peer-left' : 'failed').catch(() => undefined);
      }
    } catch (error) {
      this.options.onError(toSupportError(error));
    }
  }

  /** Tells the peer (over signalling) what we send, including screen sharing. */
  private announce(): void {
    const call = this.call;
    this.host.requestUpdate();
    if (!call || !isCallAccepted(call.session.state)) return;
    const state = {
      audio: this.micOn && call.local.audio !== null,
      video: this.cameraOn && (call.local.camera !== null || this.sharing),
      screen: this.sharing,
    };
    call.session.sendMediaState(state).catch(() => undefined);
  }

  private refreshDevices(call: CallMedia): void {
    this.cameraId = call.local.camera?.getSettings().deviceId ?? '';
    this.microphoneId = call.local.audio?.getSettings().deviceId ?? '';
    void call.local.devices().then((devices) => {
      if (this.call !== call) return;
      this.devices = devices;
      this.host.requestUpdate();
    });
  }

  private handles(session: CallSession): boolean {
    return !session.conversationId || (this.options.handles?.(session.conversationId) ?? true);
  }

  private startTick(): void {
    if (this.tick !== undefined) return;
    this.tick = setInterval(() => this.host.requestUpdate(), 1000);
  }

  /** Stops every track, leaves the peer connection and removes every listener of the call. */
  private async teardown(): Promise<void> {
    const call = this.call;
    this.call = undefined;
    if (this.tick !== undefined) clearInterval(this.tick);
    this.tick = undefined;
    this.remoteStream = null;
    this.selfStream = null;
    this.quality = undefined;
    this.sharing = false;
    this.devices = { cameras: [], microphones: [] };
    if (!call) return;
    call.lifetime.abort();
    for (const off of call.offs) off();
    call.local.stop();
    await call.transport?.leave().catch(() => undefined);
    this.host.requestUpdate();
  }

  private detach(): void {
    for (const off of this.offCalls) off();
    this.offCalls = [];
    this.calls = undefined;
    void this.teardown();
  }
}

function mediaDevices(): MediaDevices | undefined {
  return globalThis.navigator?.mediaDevices;
}

function iceServersOf(servers: RTCIceServer[] | undefined): { iceServers?: RTCIceServer[] } {
  return servers ? { iceServers: servers } : {};
}
