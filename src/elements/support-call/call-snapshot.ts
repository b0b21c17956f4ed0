/**
 * A still frame of a playing video as a JPEG: the evidence an agent keeps of the fault they saw,
 * captured, offered to the page (`support-snapshot`, cancelable), stored and sent into the call's
 * conversation as an image message.
 */
import type { SupportClient } from '../../core/support-client.js';
import { SupportError } from '../../protocol/errors.js';
import type { UploadProvider } from '../../uploads/types.js';

/** Detail of `support-snapshot`. */
export interface SupportSnapshotDetail {
  blob: Blob;
  width: number;
  height: number;
  /** Whose video was captured. */
  source: 'remote' | 'local';
  conversationId: string;
}

/** How a snapshot is shared. */
export interface ShareSnapshotOptions {
  video: HTMLVideoElement;
  source: 'remote' | 'local';
  conversationId: string;
  client: SupportClient;
  /** Where it is stored; none: it is only offered to the page. */
  uploads: UploadProvider | undefined;
  /** Fires `support-snapshot`; false when a listener cancelled it. */
  offer(detail: SupportSnapshotDetail): boolean;
  /** The upload starts (the UI says "sending"). */
  sending(): void;
}

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

/**
 * Captures `video`, offers the frame to the page and, unless cancelled, stores it and sends it into
 * the conversation. Resolves with what happened: `cancelled`, `taken` (nowhere to store it) or `sent`.
 */
export async function shareSnapshot(options: ShareSnapshotOptions): Promise<'cancelled' | 'taken' | 'sent'> {
  const { conversationId, uploads } = options;
  const shot = await captureFrame(options.video);
  if (!options.offer({ ...shot, source: options.source, conversationId })) return 'cancelled';
  if (!uploads) return 'taken';
  options.sending();
  const file = await uploads.upload(shot.blob, { conversationId, name: snapshotName(Date.now()) });
  options.client.send(conversationId, { body: '', attachments: [{ ...file, width: shot.width, height: shot.height }] });
  return 'sent';
}
