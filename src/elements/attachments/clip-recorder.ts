/**
 * Records a voice note (microphone) or a short clip (camera, the rear one on phones) with
 * `MediaRecorder`. Loaded on the first tap of a record button, never with the panel.
 */
import { SupportError } from '../../protocol/errors.js';
import { captureVideoFrame } from './media-probe.js';

/** What is recorded: a voice note or a video clip. */
export type ClipKind = 'audio' | 'video';

/** A finished recording. */
export interface Recording {
  blob: Blob;
  /** File name with the container's extension, e.g. `voice-message-20260118-140503.webm`. */
  name: string;
  durationMs: number;
  /** A JPEG of the last frame shown (clips). */
  poster?: Blob;
  width?: number;
  height?: number;
}

/** Containers in order of preference: WebM/Opus where there is (Chromium, Firefox), MP4 (Safari). */
const TYPES: Record<ClipKind, readonly string[]> = {
  audio: ['audio/webm;codecs=opus', 'audio/webm', 'audio/mp4', 'audio/ogg;codecs=opus'],
  video: ['video/webm;codecs=vp8,opus', 'video/webm', 'video/mp4'],
};

/** Bit rates that keep a 60 s clip around 12 MB and a 2 min voice note under 1 MB. */
const VIDEO_BITS_PER_SECOND = 1_500_000;
const AUDIO_BITS_PER_SECOND = 64_000;
/** MediaRecorder hands over data this often, so a long recording is not one buffer at the end. */
const TIMESLICE_MS = 1000;

function pickType(kind: ClipKind): string | undefined {
  return TYPES[kind].find((type) => MediaRecorder.isTypeSupported(type));
}

function extension(type: string): string {
  if (type.includes('mp4')) return type.startsWith('audio/') ? 'm4a' : 'mp4';
  if (type.includes('ogg')) return 'ogg';
  return 'webm';
}

function stamp(at: number): string {
  const d = new Date(at);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}-${two(d.getHours())}${two(d.getMinutes())}${two(d.getSeconds())}`;
}

/** The coded error of a `getUserMedia` or `MediaRecorder` failure. */
export function recordingError(error: unknown): SupportError {
  if (error instanceof SupportError) return error;
  const name = error instanceof DOMException ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'NotAllowedError' || name === 'SecurityError') return new SupportError('media-denied', message, { cause: error, retryable: false });
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError') {
    return new SupportError('no-device', message, { cause: error, retryable: false });
  }
  return new SupportError('internal', message, { cause: error });
}

/** True where this browser can record (secure context, a media API and MediaRecorder). */
export function canRecord(): boolean {
  return typeof MediaRecorder === 'function' && typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

async function openStream(clip: ClipKind): Promise<MediaStream> {
  if (clip === 'audio') return navigator.mediaDevices.getUserMedia({ audio: true });
  const video = { facingMode: { ideal: 'environment' } };
  try {
    return await navigator.mediaDevices.getUserMedia({ video, audio: true });
  } catch (error) {
    // A camera without a microphone still records a (silent) clip.
    if (error instanceof DOMException && error.name === 'NotFoundError') return navigator.mediaDevices.getUserMedia({ video });
    throw error;
  }
}

/**
 * One recording from start to stop. `start()` asks for the microphone (and camera); the clip
 * stops by itself at `maxMs` (`onLimit` is called: the owner then calls `stop()`).
 *
 * @example
 * const recorder = await ClipRecorder.start('audio', { maxMs: 120_000, onLimit: () => void finish() });
 * const { blob, durationMs } = await recorder.stop();
 */
export class ClipRecorder {
  private readonly chunks: Blob[] = [];
  private readonly startedAt = performance.now();
  private readonly limitTimer: ReturnType<typeof setTimeout>;
  private readonly preview: HTMLVideoElement | undefined;
  private stopped: Promise<Recording> | undefined;

  private constructor(
    readonly kind: ClipKind,
    /** The live stream (for a preview). */
    readonly stream: MediaStream,
    private readonly recorder: MediaRecorder,
    readonly maxMs: number,
    onLimit: () => void,
  ) {
    recorder.addEventListener('dataavailable', (event) => {
      if (event.data.size > 0) this.chunks.push(event.data);
    });
    this.limitTimer = setTimeout(onLimit, maxMs);
    if (kind === 'video') {
      // A detached player of the stream, to grab the poster frame from when the clip stops.
      this.preview = document.createElement('video');
      this.preview.muted = true;
      this.preview.playsInline = true;
      this.preview.srcObject = stream;
      this.preview.play().catch(() => undefined);
    }
  }

  /** Opens the microphone (and for `video` the camera) and starts recording. */
  static async start(clip: ClipKind, options: { maxMs: number; onLimit: () => void }): Promise<ClipRecorder> {
    if (!canRecord()) throw new SupportError('config', 'this browser cannot record (no MediaRecorder or getUserMedia)', { retryable: false });
    let stream: MediaStream;
    try {
      stream = await openStream(clip);
    } catch (error) {
      throw recordingError(error);
    }
    try {
      const mimeType = pickType(clip);
      const recorder = new MediaRecorder(stream, {
        ...(mimeType ? { mimeType } : {}),
        audioBitsPerSecond: AUDIO_BITS_PER_SECOND,
        ...(clip === 'video' ? { videoBitsPerSecond: VIDEO_BITS_PER_SECOND } : {}),
      });
      const recording = new ClipRecorder(clip, stream, recorder, options.maxMs, options.onLimit);
      recorder.start(TIMESLICE_MS);
      return recording;
    } catch (error) {
      for (const track of stream.getTracks()) track.stop();
      throw recordingError(error);
    }
  }

  /** How long it has been recording, at most `maxMs`. */
  get elapsedMs(): number {
    return Math.min(this.maxMs, performance.now() - this.startedAt);
  }

  /** Stops recording and hands over the clip; the microphone and camera are released. */
  stop(): Promise<Recording> {
    this.stopped ??= this.finish();
    return this.stopped;
  }

  /** Stops and throws the recording away. */
  cancel(): void {
    clearTimeout(this.limitTimer);
    this.chunks.length = 0;
    if (this.recorder.state !== 'inactive') this.recorder.stop();
    this.release();
  }

  private async finish(): Promise<Recording> {
    clearTimeout(this.limitTimer);
    const durationMs = Math.round(this.elapsedMs);
    const poster = this.preview ? await captureVideoFrame(this.preview).catch(() => undefined) : undefined;
    const size = this.preview ? { width: this.preview.videoWidth, height: this.preview.videoHeight } : undefined;
    try {
      // A recorder that stopped by itself (the device went away) has already handed over its data.
      if (this.recorder.state !== 'inactive') {
        const done = new Promise<void>((resolve, reject) => {
          this.recorder.addEventListener('stop', () => resolve(), { once: true });
          this.recorder.addEventListener('error', (event) => reject(recordingError((event as ErrorEvent).error ?? event)), { once: true });
        });
        this.recorder.stop();
        await done;
      }
    } finally {
      this.release();
    }
    const type = (this.recorder.mimeType || TYPES[this.kind][0] || '').split(';')[0] ?? '';
    const blob = new Blob(this.chunks, { type: this.recorder.mimeType || type });
    if (blob.size === 0) throw new SupportError('internal', 'the recording is empty');
    const name = `${this.kind === 'audio' ? 'voice-message' : 'video'}-${stamp(Date.now())}.${extension(type)}`;
    const recording: Recording = { blob, name, durationMs };
    if (poster) recording.poster = poster;
    if (size?.width && size.height) {
      recording.width = size.width;
      recording.height = size.height;
    }
    return recording;
  }

  private release(): void {
    for (const track of this.stream.getTracks()) track.stop();
    if (this.preview) this.preview.srcObject = null;
  }
}
