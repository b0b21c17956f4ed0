import type { SupportError } from '../../../core/errors.js';
import type { Attachment, AttachmentKind } from '../../../protocol/model.js';
import type { AttachmentTermKey } from './attachment-strings.js';
import type { PreparedUpload } from './prepare-upload.js';

/** Where one attachment of the draft is: being prepared (photo resize, probe), uploading, ready, or failed. */
export type DraftState = 'preparing' | 'uploading' | 'uploaded' | 'failed';

/** A file the user added to the message being written. */
export interface DraftAttachment {
  /** Local id (for keys and tests). */
  readonly key: string;
  /** The conversation it is uploaded to (the inbox keeps one draft per conversation). */
  readonly conversationId: string;
  /** The file as picked, dropped, pasted or recorded. */
  readonly source: Blob;
  /** The name shown (the user's file name; a resized photo's upload name may differ). */
  readonly name: string;
  readonly kind: AttachmentKind;
  /** What a recording already knows (duration, poster frame). */
  readonly known?: PreparedUpload['facts'] & { poster?: Blob };
  state: DraftState;
  /** Uploaded share, 0..1. */
  progress: number;
  /** A `blob:` URL of a picture for the chip (photo, or a video's poster frame). */
  previewUrl?: string;
  prepared?: PreparedUpload;
  /** The stored file, once uploaded. */
  attachment?: Attachment;
  error?: SupportError;
  /** Cancels the preparation or upload under way. */
  abort?: AbortController;
}

/** A file the user added that is not in the draft, and why (a localised line above the composer). */
export interface DraftNotice {
  term: AttachmentTermKey;
  params?: Record<string, string | number>;
}

/** A file handed to the draft: from a picker, a drop, the clipboard, or a recorder. */
export interface IncomingFile {
  blob: Blob;
  name: string;
  known?: DraftAttachment['known'];
}
