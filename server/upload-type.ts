/**
 * What an uploaded file is, from its bytes: a known binary format, plain text, or opaque
 * bytes. The client's Content-Type is not trusted; it can only get a file refused (an "image"
 * that is not one) or split a container that holds either audio or video.
 */
import type { AttachmentKind } from 'support-widget/protocol';
import { detectBinaryType } from './magic-bytes.js';
import type { TextVerdict } from './text-sniffer.js';

export type UploadType =
  | { ok: true; mime: string; kind: AttachmentKind }
  | { ok: false; code: 'unsupported-type'; message: string };

/** Served for anything unrecognised, and for markup: the browser can only download it. */
export const OPAQUE_MIME = 'application/octet-stream';

/** Images every browser shows; HEIC, AVIF and SVG are not on the list. */
const INLINE_IMAGES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

/** The media type of a Content-Type header value, lower case and without parameters. */
export function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Whether a stored type may be shown in the page (`inline`) rather than only downloaded. */
export function isInlineMime(mime: string): boolean {
  return INLINE_IMAGES.has(mime) || mime.startsWith('audio/') || mime.startsWith('video/');
}

/** The Content-Type a stored file is served with. */
export function servedContentType(mime: string): string {
  return mime === 'text/plain' ? 'text/plain; charset=utf-8' : mime;
}

/** Classifies an upload from its first bytes, the text sniffer's verdict and the claimed type. */
export function classifyUpload(head: Buffer, text: TextVerdict, claimedHeader: string | undefined): UploadType {
  const claimed = mediaTypeOf(claimedHeader);
  const binary = detectBinaryType(head, claimed);
  let mime: string;
  let kind: AttachmentKind;
  if (binary !== undefined) ({ mime, kind } = binary);
  else if (text === 'text') [mime, kind] = ['text/plain', 'file'];
  else [mime, kind] = [OPAQUE_MIME, 'file'];
  if (claimed.startsWith('image/') && kind !== 'image') {
    return { ok: false, code: 'unsupported-type', message: `the file claims to be ${claimed} but its bytes are not an image we accept` };
  }
  return { ok: true, mime, kind };
}
