/**
 * What is sent for a picked, dropped, pasted or recorded file: photos scaled down and re-encoded
 * (no EXIF, GPS or camera serial leaves the device), audio and video probed for their duration,
 * size and a poster frame.
 */
import type { Attachment } from '../../protocol/model.js';
import { resizeImage } from '../../uploads/image-resize.js';
import { kindOfType } from '../../uploads/file-kind.js';
import { probeMedia } from './media-probe.js';

/** Long side of photos after resizing. */
export const PHOTO_LONG_SIDE = 2048;

/** Photo types the browser decodes and re-encodes; GIFs keep their animation, others go as they are. */
const RESIZABLE = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/bmp', 'image/avif']);

/** A file ready to upload, with what is known about it. */
export interface PreparedUpload {
  blob: Blob;
  name: string;
  /** Metadata to add to the stored file's. */
  facts: Pick<Attachment, 'width' | 'height' | 'durationMs'>;
  /** A poster frame to upload beside a video. */
  poster?: Blob;
}

/** Whether a file of this type is a photo the browser re-encodes (and so is size-checked after resizing). */
export function isResizable(type: string): boolean {
  return RESIZABLE.has(type);
}

/** The kind the browser's type suggests (the server decides from the bytes; this picks the preparation and the icon). */
export const guessKind = kindOfType;

/** `photo.heic` → `photo.jpg`: the name follows the re-encoded type. */
function renamed(name: string, mime: string): string {
  const extension = mime === 'image/png' ? '.png' : '.jpg';
  const dot = name.lastIndexOf('.');
  return `${dot > 0 ? name.slice(0, dot) : name || 'photo'}${extension}`;
}

/**
 * Prepares `file` for upload. Photos become a JPEG (PNG stays PNG, for screenshots) of at most
 * 2048 px on the long side with the EXIF orientation applied; one the browser cannot decode
 * (e.g. HEIC) goes as it is. Known facts (`known`, from a recording) win over probed ones.
 */
export async function prepareUpload(
  file: Blob,
  name: string,
  known: PreparedUpload['facts'] & { poster?: Blob } = {},
): Promise<PreparedUpload> {
  const kind = guessKind(file.type);
  if (isResizable(file.type)) {
    const mime = file.type === 'image/png' ? 'image/png' : 'image/jpeg';
    try {
      const photo = await resizeImage(file, { maxLongSide: PHOTO_LONG_SIDE, mime });
      return { blob: photo.blob, name: renamed(name, photo.blob.type || mime), facts: { width: photo.width, height: photo.height } };
    } catch {
      return { blob: file, name, facts: {} };
    }
  }
  if (kind === 'audio' || kind === 'video') {
    const probed = known.durationMs !== undefined && (kind === 'audio' || known.poster) ? {} : await probeMedia(file, kind);
    const facts: PreparedUpload['facts'] = {};
    const durationMs = known.durationMs ?? probed.durationMs;
    const width = known.width ?? probed.width;
    const height = known.height ?? probed.height;
    if (durationMs !== undefined) facts.durationMs = Math.round(durationMs);
    if (width !== undefined && height !== undefined) {
      facts.width = Math.round(width);
      facts.height = Math.round(height);
    }
    const poster = known.poster ?? probed.poster;
    return poster ? { blob: file, name, facts, poster } : { blob: file, name, facts };
  }
  return { blob: file, name, facts: {} };
}
