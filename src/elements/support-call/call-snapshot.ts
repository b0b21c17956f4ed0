/**
 * A still frame of a playing video as a JPEG: the evidence an agent keeps of the fault they saw.
 */
import { SupportError } from '../../protocol/errors.js';

/** One captured frame. */
export interface Snapshot {
  blob: Blob;
  width: number;
  height: number;
}

/**
 * Draws the frame `video` shows now, at its natural size, and encodes it as JPEG.
 * Rejects with `not-found` when the video has no frame yet.
 */
export async function captureFrame(video: HTMLVideoElement, quality = 0.9): Promise<Snapshot> {
  const width = video.videoWidth;
  const height = video.videoHeight;
  if (!width || !height) throw new SupportError('not-found', 'There is no video frame to capture yet');
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new SupportError('internal', 'Canvas 2D is not available');
  context.drawImage(video, 0, 0, width, height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
  if (!blob) throw new SupportError('internal', 'The frame could not be encoded');
  return { blob, width, height };
}

/** A file name for a snapshot taken at `at`: `snapshot-20260118-140503.jpg` (local time). */
export function snapshotName(at: number): string {
  const d = new Date(at);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `snapshot-${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}-${two(d.getHours())}${two(d.getMinutes())}${two(d.getSeconds())}.jpg`;
}
