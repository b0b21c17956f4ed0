import { SupportError, toSupportError } from '../protocol/errors.js';
import type { Attachment, AttachmentKind } from '../protocol/model.js';
import type { UploadedFile, UploadProvider } from './types.js';

/** A file ready to store, with what the browser knows of it that the server cannot tell. */
export interface PreparedFile {
  blob: Blob;
  /** The name it is stored under. */
  name: string;
  /** Added to the stored file's metadata. */
  facts?: Pick<Attachment, 'width' | 'height' | 'durationMs'>;
  /** A video's poster frame, stored beside it. */
  poster?: Blob;
}

/** Where an upload is: not started (or waiting for its turn), preparing the bytes, sending them, stored, or failed. */
export type UploadJobState = 'waiting' | 'preparing' | 'uploading' | 'uploaded' | 'failed';

export interface UploadJobInit {
  /** The name shown while it uploads. */
  name: string;
  kind: AttachmentKind;
  /** Only members of this conversation may fetch the stored file. */
  conversationId: string;
  /** Makes the bytes to store (a resized photo, a probed clip); called once, when first needed. */
  prepare: () => Promise<PreparedFile>;
  /** Refuse a prepared file larger than this, before sending a byte. */
  maxBytes?: number;
}

/**
 * One file on its way to storage: prepared once, uploaded with progress (a video's poster frame
 * beside it), cancellable, and runnable again after a failure. The composer starts one when a
 * file is added; the client's outbox takes it over when the message is sent before it is done,
 * or makes one from the bytes it kept when the page was reloaded. DOM-free.
 */
export class UploadJob {
  state: UploadJobState = 'waiting';
  /** Uploaded share, 0..1. */
  progress = 0;
  /** The stored file, once uploaded. */
  attachment: Attachment | undefined;
  error: SupportError | undefined;
  private preparing: Promise<PreparedFile> | undefined;
  private file: PreparedFile | undefined;
  private running: Promise<Attachment> | undefined;
  private abortController: AbortController | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly init: UploadJobInit) {}

  get name(): string {
    return this.init.name;
  }

  get kind(): AttachmentKind {
    return this.init.kind;
  }

  get conversationId(): string {
    return this.init.conversationId;
  }

  /** The prepared file, once known. */
  get prepared(): PreparedFile | undefined {
    return this.file;
  }

  /** True while preparing or uploading. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /** The bytes to store; prepares them on first call. */
  prepare(): Promise<PreparedFile> {
    this.preparing ??= this.init.prepare().then(
      (file) => {
        this.file = file;
        this.changed();
        return file;
      },
      (error: unknown) => {
        this.preparing = undefined; // the next attempt prepares again
        throw error;
      },
    );
    return this.preparing;
  }

  /** Calls `listener` on every change of state or progress; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Uploads with `provider` and resolves to the stored file: the upload under way if there is
   * one, the stored file if done, else a new attempt (after a failure too). Rejects with a
   * `SupportError` (`closed` when cancelled).
   */
  run(provider: UploadProvider): Promise<Attachment> {
    if (this.attachment) return Promise.resolve(this.attachment);
    this.running ??= this.execute(provider).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Resolves when no attempt is under way (at once when none is). */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /** Cancels the attempt under way; the job can run again later. */
  abort(): void {
    this.abortController?.abort();
  }

  private async execute(provider: UploadProvider): Promise<Attachment> {
    const abort = new AbortController();
    this.abortController = abort;
    this.error = undefined;
    this.progress = 0;
    this.set(this.file ? 'uploading' : 'preparing');
    try {
      const file = await this.prepare();
      if (abort.signal.aborted) throw new SupportError('closed', 'upload cancelled');
      const limit = this.init.maxBytes;
      if (limit !== undefined && file.blob.size > limit) {
        throw new SupportError('upload-too-large', `the file has ${file.blob.size} bytes; at most ${limit} are accepted`);
      }
      this.set('uploading');
      const stored = await provider.upload(file.blob, {
        conversationId: this.init.conversationId,
        name: file.name,
        signal: abort.signal,
        onProgress: (loaded, total) => {
          this.progress = total > 0 ? Math.min(1, loaded / total) : 0;
          this.changed();
        },
      });
      const posterUrl = await uploadPoster(provider, file, stored, this.init.conversationId, abort.signal);
      this.attachment = attachmentOf(stored, file, posterUrl);
      this.progress = 1;
      this.set('uploaded');
      return this.attachment;
    } catch (thrown) {
      const error = abort.signal.aborted ? new SupportError('closed', 'upload cancelled') : toSupportError(thrown);
      this.error = error;
      this.set('failed');
      throw error;
    } finally {
      if (this.abortController === abort) this.abortController = undefined;
    }
  }

  private set(state: UploadJobState): void {
    this.state = state;
    this.changed();
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/** A video's poster frame, stored beside it; a poster that fails only costs the picture. */
async function uploadPoster(
  provider: UploadProvider,
  file: PreparedFile,
  stored: UploadedFile,
  conversationId: string,
  signal: AbortSignal,
): Promise<string | undefined> {
  if (!file.poster || stored.kind !== 'video') return undefined;
  const base = file.name.replace(/\.[^.]*$/, '') || 'video';
  try {
    const poster = await provider.upload(file.poster, { conversationId, name: `${base}-poster.jpg`, signal });
    return poster.kind === 'image' ? poster.url : undefined;
  } catch (error) {
    if (signal.aborted) throw error;
    return undefined;
  }
}

/** The message's metadata of a stored file: the server's fields plus what only the browser knew. */
export function attachmentOf(stored: UploadedFile, file: PreparedFile, posterUrl?: string): Attachment {
  const attachment: Attachment = { ...stored };
  const { width, height, durationMs } = file.facts ?? {};
  if ((stored.kind === 'image' || stored.kind === 'video') && width && height) {
    attachment.width = width;
    attachment.height = height;
  }
  if ((stored.kind === 'audio' || stored.kind === 'video') && durationMs !== undefined) attachment.durationMs = durationMs;
  if (posterUrl) attachment.posterUrl = posterUrl;
  return attachment;
}
