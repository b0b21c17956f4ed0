import type { SupportError } from '../../protocol/errors.js';
import type { Attachment, AttachmentKind } from '../../protocol/model.js';
import type { PreparedFile, UploadJob } from '../../uploads/upload-job.js';
import type { AttachmentTermKey } from '../../i18n/en/attachments.js';
import type { PreparedUpload } from './prepare-upload.js';

/** Where one attachment of the draft is: being prepared (photo resize, probe), uploading, ready, or failed. */
export type DraftState = 'preparing' | 'uploading' | 'uploaded' | 'failed';

/** What a recording already knows (duration, poster frame). */
export type KnownFacts = PreparedUpload['facts'] & { poster?: Blob };

/**
 * A file the user added to the message being written: what the chip shows, over the `UploadJob`
 * that prepares and stores it (and that goes with the message when it is sent before it is done).
 */
export class DraftAttachment {
  /** A `blob:` URL of a picture for the chip (photo, or a video's poster frame). */
  previewUrl: string | undefined;

  constructor(
    /** Local id (for keys and tests). */
    readonly key: string,
    /** The file as picked, dropped, pasted or recorded. */
    readonly source: Blob,
    /** The name shown (the user's file name; a resized photo's upload name may differ). */
    readonly name: string,
    readonly job: UploadJob,
    readonly known?: KnownFacts,
  ) {}

  /** The conversation it is uploaded to (the inbox keeps one draft per conversation). */
  get conversationId(): string {
    return this.job.conversationId;
  }

  get kind(): AttachmentKind {
    return this.job.kind;
  }

  get state(): DraftState {
    const state = this.job.state;
    return state === 'waiting' ? 'preparing' : state;
  }

  /** Uploaded share, 0..1. */
  get progress(): number {
    return this.job.progress;
  }

  get prepared(): PreparedFile | undefined {
    return this.job.prepared;
  }

  /** The stored file, once uploaded. */
  get attachment(): Attachment | undefined {
    return this.job.attachment;
  }

  get error(): SupportError | undefined {
    return this.job.error;
  }
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
  known?: KnownFacts;
}
