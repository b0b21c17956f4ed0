/**
 * The camera of a serial scan: the rear camera when there is one (a phone's), opened without a
 * microphone, and its picture as pixels for the barcode reader.
 */
import { mediaError } from '../../core/call/media-errors.js';
import { SupportError } from '../../protocol/errors.js';
import type { Frame } from '../../scan/barcode-reader.js';

/** Widest frame handed to the reader: a serial label at arm's length stays sharp, a phone decodes it in time. */
const MAX_FRAME_WIDTH = 1280;

/** What the scan asks of the camera: the rear one first, in HD where it can. */
export const SCAN_CAMERA: MediaTrackConstraints = { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } };

/**
 * One opened camera. `open()` rejects with `media-denied`, `no-device` or (no camera API, as on
 * a page without HTTPS) `config`.
 */
export class RearCamera {
  private canvas: HTMLCanvasElement | undefined;

  private constructor(
    /** The live picture (for the preview). */
    readonly stream: MediaStream,
  ) {}

  static async open(): Promise<RearCamera> {
    if (typeof navigator === 'undefined' || typeof navigator.mediaDevices?.getUserMedia !== 'function') {
      throw new SupportError('config', 'this page cannot use the camera (no getUserMedia: not HTTPS?)', { retryable: false });
    }
    try {
      return new RearCamera(await navigator.mediaDevices.getUserMedia({ video: SCAN_CAMERA, audio: false }));
    } catch (error) {
      throw mediaError(error);
    }
  }

  /** The picture `video` shows now (scaled down to `MAX_FRAME_WIDTH`), or undefined while it has none. */
  frame(video: HTMLVideoElement | null | undefined): Frame | undefined {
    if (!video || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.videoWidth === 0) return undefined;
    const scale = Math.min(1, MAX_FRAME_WIDTH / video.videoWidth);
    const width = Math.round(video.videoWidth * scale);
    const height = Math.round(video.videoHeight * scale);
    const canvas = (this.canvas ??= document.createElement('canvas'));
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) return undefined;
    context.drawImage(video, 0, 0, width, height);
    return context.getImageData(0, 0, width, height);
  }

  /** Turns the camera off. */
  stop(): void {
    for (const track of this.stream.getTracks()) track.stop();
  }
}
