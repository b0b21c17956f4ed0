import type { ReactiveControllerHost } from 'lit';
import { SupportError, toSupportError } from '../../protocol/errors.js';
import { LIMITS } from '../../protocol/model.js';
import { UploadJob } from '../../uploads/upload-job.js';
import type { AttachmentTermKey } from '../../i18n/en/attachments.js';
import type { Terms } from '../../i18n/localize-controller.js';
import { DraftAttachment, type DraftNotice, type IncomingFile } from './draft-attachment.js';
import { formatBytes } from './media-format.js';
import { guessKind, isResizable, prepareUpload } from './prepare-upload.js';
import type { UploadSource } from './upload-source.js';

/** Image types a chip can show as a thumbnail. */
const PREVIEWABLE = /^image\/(jpeg|png|gif|webp|bmp|avif)$/;

export interface AttachmentDraftOptions {
  strings: Terms<AttachmentTermKey>;
  uploads: UploadSource;
  /** The conversation files are added to now. */
  conversationId(): string | undefined;
  /** A failure the user met (the element's `support-error`). */
  report(error: unknown): void;
}

let nextKey = 0;

/**
 * The attachments of the message being written: each file is checked (size, count, empty),
 * prepared (photos resized, media probed) and uploaded at once (an `UploadJob`), with progress,
 * cancel and retry. Sending does not wait for them: the message takes the jobs over. A file that cannot go (too large, unsupported) never enters the draft: it becomes a
 * notice, and the text and the other attachments stay. The inbox keeps one draft per conversation.
 */
export class AttachmentDraft {
  private readonly all: DraftAttachment[] = [];
  private readonly subscriptions = new Map<DraftAttachment, () => void>();
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

  /** The files of the current conversation's draft, in order, for the message: stored or still on their way. */
  files(): UploadJob[] {
    return this.items.map((item) => item.job);
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
    this.drop(item, true);
    this.host.requestUpdate();
  }

  /** Uploads a failed attachment again. */
  retry(key: string): void {
    const item = this.all.find((candidate) => candidate.key === key);
    if (!item || item.state !== 'failed') return;
    this.start(item);
  }

  /**
   * The message went out: its attachments leave the draft. Uploads under way are not cancelled:
   * the message took them over (the client sends it once they are stored).
   */
  clearSent(): void {
    for (const item of this.items) this.drop(item, false);
    this.noticeList = [];
    this.host.requestUpdate();
  }

  private create(conversationId: string, file: IncomingFile): DraftAttachment {
    const { blob, name, known } = file;
    const job = new UploadJob({
      name,
      kind: guessKind(blob.type),
      conversationId,
      prepare: () => prepareUpload(blob, name, known),
      maxBytes: this.options.uploads.maxBytes,
    });
    const item = new DraftAttachment(`draft-${++nextKey}`, blob, name, job, known);
    const picture = PREVIEWABLE.test(blob.type) ? blob : known?.poster;
    if (picture) item.previewUrl = URL.createObjectURL(picture);
    const unsubscribe = job.subscribe(() => {
      if (!item.previewUrl && job.prepared?.poster) item.previewUrl = URL.createObjectURL(job.prepared.poster);
      this.host.requestUpdate();
    });
    this.subscriptions.set(item, unsubscribe);
    this.all.push(item);
    return item;
  }

  /** Takes an attachment out of the draft (cancelling its upload when `cancel`). */
  private drop(item: DraftAttachment, cancel: boolean): void {
    const index = this.all.indexOf(item);
    if (index >= 0) this.all.splice(index, 1);
    this.subscriptions.get(item)?.();
    this.subscriptions.delete(item);
    if (cancel) item.job.abort();
    // A sent photo's chip picture goes; the thread shows the stored one.
    if (item.previewUrl) URL.revokeObjectURL(item.previewUrl);
  }

  private start(item: DraftAttachment): void {
    const provider = this.options.uploads.provider;
    if (!provider) {
      this.options.report(new SupportError('config', 'no upload provider: set `uploadProvider` or a relay `server` and tokens'));
      return;
    }
    item.job.run(provider).catch((thrown: unknown) => {
      const error = toSupportError(thrown);
      // Cancelled, or sent with the message (whose bubble shows the failure): nothing for the draft to say.
      if (error.code === 'closed' || !this.all.includes(item)) return;
      this.options.report(error);
      if (error.code === 'upload-too-large' || error.code === 'unsupported-type') {
        // What the server (or the resized photo) refused leaves the draft, like a refusal up front.
        this.drop(item, false);
        this.noticeList = [...this.noticeList, this.refusal(error, item)];
        this.host.requestUpdate();
      }
    });
  }

  private refusal(error: SupportError, item: DraftAttachment): DraftNotice {
    if (error.code === 'unsupported-type') return { term: 'attach.error.unsupported', params: { name: item.name } };
    const lang = this.options.strings.lang;
    const size = item.prepared?.blob.size ?? item.source.size;
    const limit = this.options.uploads.maxBytes;
    return { term: 'attach.error.tooLarge', params: { name: item.name, size: formatBytes(lang, size), limit: formatBytes(lang, limit) } };
  }
}

/** The coded error a refused file reports as `support-error`. */
function noticeError(notice: DraftNotice): SupportError {
  const name = String(notice.params?.name ?? '');
  if (notice.term === 'attach.error.tooLarge') return new SupportError('upload-too-large', `${name} is larger than the upload limit`, { retryable: false });
  if (notice.term === 'attach.error.unsupported') return new SupportError('unsupported-type', `${name} cannot be sent`, { retryable: false });
  if (notice.term === 'attach.error.tooMany') return new SupportError('bad-frame', `at most ${LIMITS.maxAttachments} attachments per message`, { retryable: false });
  return new SupportError('config', 'files cannot be sent: no upload provider or conversation', { retryable: false });
}
