import type { Attachment } from '../protocol/model.js';

/**
 * A stored file, ready to go into a message's `attachments` (add `width`/`height`/`durationMs`
 * when known). `url` is what the message carries: `/uploads/<id>` on the relay (to display it, ask
 * `requestSignedUploadUrl` for a short-lived address), or an absolute URL for a shop's own storage.
 */
export type UploadedFile = Pick<Attachment, 'id' | 'url' | 'mime' | 'size' | 'name' | 'kind'>;

export interface UploadOptions {
  /** The conversation the file belongs to: only its members may fetch it. */
  conversationId: string;
  /** Display and download name (the server keeps only a safe base name). */
  name: string;
  /** Cancels the upload; the promise then rejects with `SupportError` `closed`. */
  signal?: AbortSignal;
  /** Bytes sent so far and in total; not called where progress cannot be observed (fetch). */
  onProgress?: (loaded: number, total: number) => void;
}

/**
 * Where attachments are stored. The relay backend uses `relayUploadProvider`; a shop on the
 * agora backend implements this against its own storage (see docs/uploads.md).
 *
 * Failures reject with `SupportError`: `upload-too-large`, `unsupported-type`, `forbidden`,
 * `unauthorized`/`token-expired`, `network`, `timeout`, `closed` (cancelled).
 */
export interface UploadProvider {
  upload(file: Blob, options: UploadOptions): Promise<UploadedFile>;
}
