import type { AttachmentKind } from '../protocol/model.js';

/** The kind a MIME type suggests (the server decides from the bytes; this picks the preparation and the icon). */
export function kindOfType(type: string): AttachmentKind {
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('video/')) return 'video';
  return 'file';
}
