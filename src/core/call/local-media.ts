/**
 * This side's camera, microphone and screen for one call: opening them, switching cameras
 * (front/rear by `facingMode` on phones, else the next camera in the device list), choosing a
 * device, sharing the screen, and stopping every track it ever opened.
 */
import { SupportError } from '../../protocol/errors.js';
import { mediaError } from './media-errors.js';

/** Which way a camera faces: `user` (front, selfie) or `environment` (rear, at the device). */
export type Facing = 'user' | 'environment';

/** What to open. */
export interface LocalMediaRequest {
  audio: boolean;
  video: boolean;
  /** Preferred camera direction (a preference: desktops have one camera with no direction). */
  facing?: Facing;
}

/** Available devices of each kind (labels are empty until a permission was granted). */
export interface MediaDeviceLists {
  cameras: MediaDeviceInfo[];
  microphones: MediaDeviceInfo[];
}

const VIDEO_SIZE: MediaTrackConstraints = { width: { ideal: 1280 }, height: { ideal: 720 } };

/**
 * Owns every local track of one call. `stop()` ends them all (also those opened after a switch
 * or a share), so nothing keeps the camera light on after the call.
 *
 * @example
 * ```ts
 * const local = new LocalMedia();
 * const missing = await local.open({ audio: true, video: true, facing: 'environment' });
 * await transport.publish({ audio: local.audio ?? undefined, video: local.camera ?? undefined });
 * local.stop();
 * ```
 */
export class LocalMedia {
  /** The microphone track, once opened. */
  audio: MediaStreamTrack | null = null;
  /** The camera track, once opened. */
  camera: MediaStreamTrack | null = null;
  /** The screen being shared, if any. */
  screen: MediaStreamTrack | null = null;
  private readonly opened = new Set<MediaStreamTrack>();
  private stopped = false;

  constructor(private readonly mediaDevices: MediaDevices | undefined = globalThis.navigator?.mediaDevices) {}

  /** Every track this object opened that is still live (for tests and leak checks). */
  get liveTracks(): MediaStreamTrack[] {
    return [...this.opened].filter((track) => track.readyState === 'live');
  }

  /** Direction of the current camera, when the device reports one. */
  get facing(): Facing | undefined {
    const facing = this.camera?.getSettings().facingMode;
    return facing === 'user' || facing === 'environment' ? facing : undefined;
  }

  /**
   * Opens what `request` asks for. When one kind is missing (a desk with no camera) the other
   * still opens and the `no-device` error is returned, not thrown. Throws `media-denied`, or
   * `no-device` when nothing at all could be opened.
   */
  async open(request: LocalMediaRequest): Promise<SupportError | undefined> {
    const video = request.video ? cameraConstraints(request.facing) : false;
    const audio = request.audio;
    if (!audio && !video) return undefined;
    try {
      this.adopt(await this.getUserMedia({ audio, video }));
      return undefined;
    } catch (error) {
      const coded = mediaError(error);
      if (coded.code !== 'no-device' || !audio || !video) throw coded;
      for (const alone of [{ audio: true }, { video }]) {
        try {
          this.adopt(await this.getUserMedia(alone));
        } catch (single) {
          const singleError = mediaError(single);
          if (singleError.code !== 'no-device') throw singleError;
        }
      }
      if (!this.audio && !this.camera) throw coded;
      return coded;
    }
  }

  /** The cameras and microphones there are now. */
  async devices(): Promise<MediaDeviceLists> {
    const all = (await this.mediaDevices?.enumerateDevices?.()) ?? [];
    return {
      cameras: all.filter((device) => device.kind === 'videoinput'),
      microphones: all.filter((device) => device.kind === 'audioinput'),
    };
  }

  /**
   * Switches to the other camera: front/rear on a phone, else the next one in the list.
   * Resolves with the new camera track (the previous one is stopped). Throws `no-device` when
   * there is no other camera.
   */
  async switchCamera(): Promise<MediaStreamTrack> {
    const facing = this.facing;
    if (facing) {
      const next: Facing = facing === 'user' ? 'environment' : 'user';
      // Many phones cannot open both cameras at once: release the current one first.
      const previous = this.camera?.getSettings().deviceId;
      this.releaseCamera();
      try {
        return this.adoptCamera(await this.getUserMedia({ video: { ...VIDEO_SIZE, facingMode: { exact: next } } }));
      } catch {
        if (previous) return this.adoptCamera(await this.getUserMedia({ video: { ...VIDEO_SIZE, deviceId: { exact: previous } } }));
        throw new SupportError('no-device', 'There is no other camera');
      }
    }
    const { cameras } = await this.devices();
    const current = cameras.findIndex((camera) => camera.deviceId === this.camera?.getSettings().deviceId);
    const next = cameras[(current + 1) % Math.max(1, cameras.length)];
    if (!next || cameras.length < 2) throw new SupportError('no-device', 'There is no other camera');
    return this.useCamera(next.deviceId);
  }

  /** Opens a camera for a call that has none yet (video turned on during a voice call); the camera in use when there is one. */
  async openCamera(facing: Facing | undefined): Promise<MediaStreamTrack> {
    if (this.camera) return this.camera;
    return this.adoptCamera(await this.getUserMedia({ video: cameraConstraints(facing) }));
  }

  /** Opens the camera `deviceId` and stops the previous one. */
  async useCamera(deviceId: string): Promise<MediaStreamTrack> {
    const stream = await this.getUserMedia({ video: { ...VIDEO_SIZE, deviceId: { exact: deviceId } } });
    this.releaseCamera();
    return this.adoptCamera(stream);
  }

  /** Opens the microphone `deviceId` and stops the previous one. */
  async useMicrophone(deviceId: string): Promise<MediaStreamTrack> {
    const stream = await this.getUserMedia({ audio: { deviceId: { exact: deviceId } } });
    const track = stream.getAudioTracks()[0];
    if (!track) throw new SupportError('no-device', 'The microphone gave no audio track');
    this.audio?.stop();
    this.audio = this.keep(track);
    return track;
  }

  /** Asks the user for a screen, window or tab; the track is marked `detail` so text stays sharp. */
  async openScreen(): Promise<MediaStreamTrack> {
    const getDisplayMedia = this.mediaDevices?.getDisplayMedia?.bind(this.mediaDevices);
    if (!getDisplayMedia) throw new SupportError('no-device', 'Screen sharing is not supported by this browser');
    let stream: MediaStream;
    try {
      stream = await getDisplayMedia({ video: true, audio: false });
    } catch (error) {
      throw mediaError(error);
    }
    const track = stream.getVideoTracks()[0];
    if (!track) throw new SupportError('no-device', 'No screen was shared');
    track.contentHint = 'detail';
    this.stopScreen();
    this.screen = this.keep(track);
    return track;
  }

  /** Stops sharing the screen. */
  stopScreen(): void {
    this.screen?.stop();
    this.screen = null;
  }

  /** Stops every track opened so far; later opens fail with `closed`. */
  stop(): void {
    this.stopped = true;
    for (const track of this.opened) track.stop();
    this.opened.clear();
    this.audio = this.camera = this.screen = null;
  }

  private async getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream> {
    if (this.stopped) throw new SupportError('closed', 'The call is over');
    if (!this.mediaDevices?.getUserMedia) throw new SupportError('no-device', 'This browser cannot open a camera or microphone (insecure page?)');
    let stream: MediaStream;
    try {
      stream = await this.mediaDevices.getUserMedia(constraints);
    } catch (error) {
      throw mediaError(error);
    }
    if (this.stopped) {
      // The call ended while the permission prompt was open.
      for (const track of stream.getTracks()) track.stop();
      throw new SupportError('closed', 'The call is over');
    }
    return stream;
  }

  private adopt(stream: MediaStream): void {
    const audio = stream.getAudioTracks()[0];
    const video = stream.getVideoTracks()[0];
    if (audio) this.audio = this.keep(audio);
    if (video) this.camera = this.keep(video);
  }

  private adoptCamera(stream: MediaStream): MediaStreamTrack {
    const track = stream.getVideoTracks()[0];
    if (!track) throw new SupportError('no-device', 'The camera gave no video track');
    this.camera = this.keep(track);
    return track;
  }

  private releaseCamera(): void {
    this.camera?.stop();
    this.camera = null;
  }

  private keep(track: MediaStreamTrack): MediaStreamTrack {
    this.opened.add(track);
    return track;
  }
}

function cameraConstraints(facing: Facing | undefined): MediaTrackConstraints {
  return facing ? { ...VIDEO_SIZE, facingMode: { ideal: facing } } : { ...VIDEO_SIZE };
}
