import type { ReactiveControllerHost } from 'lit';
import { SupportError, toSupportError } from '../../../core/errors.js';
import { LIMITS, type Attachment } from '../../../protocol/model.js';
import type { UploadedFile } from '../../../uploads/types.js';
import type { AttachmentStrings } from './attachment-strings.js';
import type { DraftAttachment, DraftNotice, IncomingFile } from './draft-attachment.js';
import { formatBytes } from './media-format.js';
import { guessKind, isResizable, prepareUpload, type PreparedUpload } from './prepare-upload.js';
import type { UploadSource } from './upload-source.js';

/** Image types a chip can show as a thumbnail. */
const PREVIEWABLE = /^image\/(jpeg|png|gif|webp|bmp|avif)$/;

export interface AttachmentDraftOptions {
  strings: AttachmentStrings;
  uploads: UploadSource;
  /** The conversation files are added to now. */
  conversationId(): string | undefined;
  /** A failure the user met (the element's `support-error`). */
  report(error: unknown): void;
}

let nextKey = 0;

/**
 * The attachments of the message being written: each file is checked (size, count, empty),
 * prepared (photos resized, media probed) and uploaded at once, with progress, cancel and
 * retry. A file that cannot go (too large, unsupported) never enters the draft: it becomes a
 * notice, and the text and the other attachments stay. The inbox keeps one draft per conversation.
 */
export class AttachmentDraft {
  private readonly all: DraftAttachment[] = [];
  private noticeList: DraftNotice[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: AttachmentDraftOptions,
  ) {}

  /** The attachments of the current conversation, in the order they were added. */
  get items(): readonly DraftAttachment[] {
    const id = this.options.conversationId();
    return this.all.filter((item) => item.conversationId === id);
  }

  /** Files refused by the last addition (too large, unsupported, too many). */
  get notices(): readonly DraftNotice[] {
    return this.noticeList;
  }

  /** True when the draft holds files that are not uploaded yet (or failed): the message must wait. */
  get blocking(): boolean {
    return this.items.some((item) => item.state !== 'uploaded');
  }

  /** The stored files of the current conversation's draft, for the message. */
  ready(): Attachment[] {
    return this.items.flatMap((item) => (item.state === 'uploaded' && item.attachment ? [item.attachment] : []));
  }

  /** Whether the element can store files at all (it has an upload provider). */
  get available(): boolean {
    return this.options.uploads.provider !== undefined;
  }

  /** Checks and adds files to the current conversation's draft; each starts uploading. */
  add(files: Iterable<IncomingFile>): void {
    const conversationId = this.options.conversationId();
    if (!conversationId || !this.available) {
      this.refuse([{ term: 'attach.error.unavailable' }]);
      return;
    }
    const limit = this.options.uploads.maxBytes;
    const lang = this.options.strings.lang;
    const notices: DraftNotice[] = [];
    let room = LIMITS.maxAttachments - this.items.length;
    for (const file of files) {
      const { blob, name } = file;
      if (blob.size === 0) {
        notices.push({ term: 'attach.error.unsupported', params: { name } });
      } else if (!isResizable(blob.type) && blob.size > limit) {
        // Photos are checked after resizing (a 30 MB photo becomes a few hundred KB); other files now.
        notices.push({ term: 'attach.error.tooLarge', params: { name, size: formatBytes(lang, blob.size), limit: formatBytes(lang, limit) } });
      } else if (room <= 0) {
        if (!notices.some((notice) => notice.term === 'attach.error.tooMany')) {
          notices.push({ term: 'attach.error.tooMany', params: { count: LIMITS.maxAttachments } });
        }
      } else {
        room--;
        this.start(this.create(conversationId, file));
      }
    }
    this.refuse(notices);
  }

  /** Shows one notice (e.g. a recording that failed) in place of the others. */
  notify(notice: DraftNotice): void {
    this.noticeList = [notice];
    this.host.requestUpdate();
  }

  /** Shows why files were refused (replacing earlier notices), each also a `support-error`. */
  private refuse(notices: DraftNotice[]): void {
    this.noticeList = notices;
    for (const notice of notices) this.options.report(noticeError(notice));
    this.host.requestUpdate();
  }

  /** The user dismissed the notices. */
  dismissNotices(): void {
    if (this.noticeList.length === 0) return;
    this.noticeList = [];
    this.host.requestUpdate();
  }

  /** Cancels the upload (if under way) and drops the attachment from the draft. */
  remove(key: string): void {
    const item = this.all.find((candidate) => candidate.key === key);
    if (!item) return;
    item.abort?.abort();
    this.drop(item);
    this.host.requestUpdate();
  }

  /** Uploads a failed attachment again. */
  retry(key: string): void {
    const item = this.all.find((candidate) => candidate.key === key);
    if (!item || item.state !== 'failed') return;
    this.start(item);
  }

  /** The message went out: its attachments leave the draft. */
  clearSent(): void {
    for (const item of this.items) if (item.state === 'uploaded') this.drop(item);
    this.noticeList = [];
    this.host.requestUpdate();
  }

  private create(conversationId: string, file: IncomingFile): DraftAttachment {
    const item: DraftAttachment = {
      key: `draft-${++nextKey}`,
      conversationId,
      source: file.blob,
      name: file.name,
      kind: guessKind(file.blob.type),
      ...(file.known ? { known: file.known } : {}),
      state: 'preparing',
      progress: 0,
    };
    const picture = PREVIEWABLE.test(file.blob.type) ? file.blob : file.known?.poster;
    if (picture) item.previewUrl = URL.createObjectURL(picture);
    this.all.push(item);
    return item;
  }

  private drop(item: DraftAttachment): void {
    const index = this.all.indexOf(item);
    if (index >= 0) this.all.splice(index, 1);
    if (item.previewUrl) URL.revokeObjectURL(item.previewUrl);
  }

  private start(item: DraftAttachment): void {
    void this.run(item);
  }

  private async run(item: DraftAttachment): Promise<void> {
    const abort = new AbortController();
    item.abort = abort;
    item.error = undefined;
    item.progress = 0;
    item.state = item.prepared ? 'uploading' : 'preparing';
    this.host.requestUpdate();
    try {
      const provider = this.options.uploads.provider;
      if (!provider) throw new SupportError('config', 'no upload provider: set `uploadProvider` or a relay `server` and tokens');
      item.prepared ??= await prepareUpload(item.source, item.name, item.known);
      if (abort.signal.aborted) return;
      const prepared = item.prepared;
      if (!item.previewUrl && prepared.poster) item.previewUrl = URL.createObjectURL(prepared.poster);
      const limit = this.options.uploads.maxBytes;
      if (prepared.blob.size > limit) {
        throw new SupportError('upload-too-large', `the file has ${prepared.blob.size} bytes; at most ${limit} are accepted`);
      }
      item.state = 'uploading';
      this.host.requestUpdate();
      const stored = await provider.upload(prepared.blob, {
        conversationId: item.conversationId,
        name: prepared.name,
        signal: abort.signal,
        onProgress: (loaded, total) => {
          item.progress = total > 0 ? Math.min(1, loaded / total) : 0;
          this.host.requestUpdate();
        },
      });
      const posterUrl = await this.uploadPoster(prepared, stored, item.conversationId, abort.signal);
      item.attachment = attachmentOf(stored, prepared, posterUrl);
      item.state = 'uploaded';
      item.progress = 1;
    } catch (thrown) {
      if (abort.signal.aborted) return; // cancelled: the item has left the draft
      const error = toSupportError(thrown);
      this.options.report(error);
      if (error.code === 'upload-too-large' || error.code === 'unsupported-type') {
        // What the server (or the resized photo) refused leaves the draft, like a refusal up front.
        this.drop(item);
        this.noticeList = [...this.noticeList, this.refusal(error, item)];
      } else {
        item.state = 'failed';
        item.error = error;
      }
    } finally {
      if (item.abort === abort) item.abort = undefined;
      this.host.requestUpdate();
    }
  }

  /** A video's poster frame, stored beside it; a poster that fails only costs the picture. */
  private async uploadPoster(
    prepared: PreparedUpload,
    stored: UploadedFile,
    conversationId: string,
    signal: AbortSignal,
  ): Promise<string | undefined> {
    const provider = this.options.uploads.provider;
    if (!prepared.poster || stored.kind !== 'video' || !provider) return undefined;
    const base = prepared.name.replace(/\.[^.]*$/, '') || 'video';
    try {
      const poster = await provider.upload(prepared.poster, { conversationId, name: `${base}-poster.jpg`, signal });
      return poster.kind === 'image' ? poster.url : undefined;
    } catch (error) {
      if (signal.aborted) throw error;
      return undefined;
    }
  }

  private refusal(error: SupportError, item: DraftAttachment): DraftNotice {
    if (error.code === 'unsupported-type') return { term: 'attach.error.unsupported', params: { name: item.name } };
    const lang = this.options.strings.lang;
    const size = item.prepared?.blob.size ?? item.source.size;
    const limit = this.options.uploads.maxBytes;
    return { term: 'attach.error.tooLarge', params: { name: item.name, size: formatBytes(lang, size), limit: formatBytes(lang, limit) } };
  }
}

/** The message's metadata of a stored file: the server's fields plus what only the browser knew. */
function attachmentOf(stored: UploadedFile, prepared: PreparedUpload, posterUrl: string | undefined): Attachment {
  const attachment: Attachment = { ...stored };
  const { width, height, durationMs } = prepared.facts;
  if ((stored.kind === 'image' || stored.kind === 'video') && width && height) {
    attachment.width = width;
    attachment.height = height;
  }
  if ((stored.kind === 'audio' || stored.kind === 'video') && durationMs !== undefined) attachment.durationMs = durationMs;
  if (posterUrl) attachment.posterUrl = posterUrl;
  return attachment;
}

/** The coded error a refused file reports as `support-error`. */
function noticeError(notice: DraftNotice): SupportError {
  const name = String(notice.params?.name ?? '');
  if (notice.term === 'attach.error.tooLarge') return new SupportError('upload-too-large', `${name} is larger than the upload limit`, { retryable: false });
  if (notice.term === 'attach.error.unsupported') return new SupportError('unsupported-type', `${name} cannot be sent`, { retryable: false });
  if (notice.term === 'attach.error.tooMany') return new SupportError('bad-frame', `at most ${LIMITS.maxAttachments} attachments per message`, { retryable: false });
  return new SupportError('config', 'files cannot be sent: no upload provider or conversation', { retryable: false });
}
