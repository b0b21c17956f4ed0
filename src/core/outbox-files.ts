import type { Attachment } from '../protocol/model.js';
import type { UploadProvider } from '../uploads/types.js';
import { kindOfType } from '../uploads/file-kind.js';
import { UploadJob, type PreparedFile } from '../uploads/upload-job.js';
import { SupportError } from '../protocol/errors.js';
import { fileKey, type OutboxFileStore } from './outbox-file-store.js';
import type { Outbox, OutboxEntry, PendingFile } from './outbox.js';
import type { MessageUpload } from './types.js';

export interface OutboxFilesOptions {
  outbox: Outbox;
  store: OutboxFileStore;
  /** Where files are stored now; undefined when there is nowhere (a `config` failure of the message). */
  provider(): UploadProvider | undefined;
  /** The files of an entry moved (state, progress, stored): its message shows them again. */
  changed(clientMsgId: string): void;
}

/**
 * The files of queued messages: the uploads a message took over from the composer (or made from
 * bytes given to `send()`), their bytes kept in the `OutboxFileStore` until the message is
 * acknowledged, new uploads from those bytes after a reload or in another tab, and the progress
 * the message shows. A stored file moves into its entry's `attachments`, in its place.
 */
export class OutboxFiles {
  /** This tab's uploads, by `fileKey`. */
  private readonly jobs = new Map<string, { job: UploadJob; off: () => void; saved: Promise<void> }>();

  constructor(private readonly options: OutboxFilesOptions) {}

  /**
   * Splits the files of a message being sent: stored ones join `attachments`, the others become
   * its pending files (their uploads kept here, their bytes saved as soon as they are prepared).
   */
  take(
    clientMsgId: string,
    conversationId: string,
    attachments: readonly Attachment[],
    files: readonly (UploadJob | PreparedFile)[],
  ): { attachments: Attachment[]; files: PendingFile[] } {
    const stored = [...attachments];
    const pending: PendingFile[] = [];
    files.forEach((file, index) => {
      const job = file instanceof UploadJob ? file : jobFor(file, conversationId);
      if (job.attachment) {
        stored.push(job.attachment);
        return;
      }
      const slot = attachments.length + index;
      pending.push({ slot, name: job.name, kind: job.kind });
      this.keep(clientMsgId, fileKey(clientMsgId, slot), job);
    });
    return { attachments: stored, files: pending };
  }

  /** True when this tab has uploads of the entry (under way or to run again). */
  has(entry: OutboxEntry): boolean {
    return (entry.files ?? []).some((file) => this.jobs.has(fileKey(entry.clientMsgId, file.slot)));
  }

  /** Waits for this tab's uploads of the entry under way and for its bytes to be saved; moves what was stored into the entry. */
  async settle(clientMsgId: string): Promise<void> {
    const own = [...this.jobs.entries()].filter(([key]) => key.startsWith(`${clientMsgId}/`));
    await Promise.all(own.map(([, { job, saved }]) => Promise.all([job.idle(), saved])));
    this.fold(clientMsgId);
  }

  /**
   * Stores the entry's files that are not stored yet (this tab's uploads, or new ones from the
   * saved bytes) and resolves to the entry, ready to send. Rejects with the first failure (what
   * was stored meanwhile stays stored).
   */
  async complete(entry: OutboxEntry): Promise<OutboxEntry> {
    const id = entry.clientMsgId;
    const provider = this.options.provider();
    if (!provider) throw new SupportError('config', 'no upload provider for the files of a queued message', { retryable: false });
    const runs = (entry.files ?? []).map(async (file) => {
      const key = fileKey(id, file.slot);
      let job = this.jobs.get(key)?.job;
      if (!job) {
        const saved = await this.options.store.get(key);
        if (!saved) throw new SupportError('not-found', `the file ${file.name} is no longer on this device`, { retryable: false });
        job = jobFor(saved, entry.conversationId);
        this.keep(id, key, job, false);
      }
      return job.run(provider);
    });
    const results = await Promise.allSettled(runs);
    const current = this.fold(id) ?? entry;
    const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) throw failure.reason;
    return current;
  }

  /** The progress of the entry's files that are not stored yet. */
  uploads(entry: OutboxEntry): MessageUpload[] {
    return (entry.files ?? []).map((file) => {
      const job = this.jobs.get(fileKey(entry.clientMsgId, file.slot))?.job;
      // A failed upload of a message still queued is tried again when it is its turn.
      const state = !job || (job.state === 'failed' && !entry.failed) ? 'waiting' : job.state;
      return { name: file.name, kind: file.kind, state, progress: job && state !== 'waiting' ? job.progress : 0 };
    });
  }

  /** The message left the outbox (sent, or `cancel`led): its uploads and saved bytes go. */
  release(clientMsgId: string, cancel = false): void {
    const saving: Promise<void>[] = [];
    for (const [key, { job, off, saved }] of [...this.jobs.entries()]) {
      if (!key.startsWith(`${clientMsgId}/`)) continue;
      off();
      if (cancel) job.abort();
      this.jobs.delete(key);
      saving.push(saved);
    }
    // A save still under way (an ack can beat a slow IndexedDB write) would leave its bytes behind.
    void Promise.all(saving)
      .then(() => this.options.store.deleteMessage(clientMsgId))
      .catch(() => undefined);
  }

  /** Moves the entry's stored files into its attachments; returns the entry as it is now. */
  private fold(clientMsgId: string): OutboxEntry | undefined {
    const entry = this.options.outbox.get(clientMsgId);
    const done = (entry?.files ?? []).flatMap((file) => {
      const attachment = this.jobs.get(fileKey(clientMsgId, file.slot))?.job.attachment;
      return attachment ? [{ file, attachment }] : [];
    });
    if (!entry || done.length === 0) return entry;
    const updated = this.options.outbox.update(clientMsgId, (current) => {
      const attachments = [...(current.attachments ?? [])];
      let files = current.files ?? [];
      for (const { file, attachment } of done) {
        // Its place: its slot, less the files before it that are still not stored.
        files = files.filter((other) => other.slot !== file.slot);
        const before = files.filter((other) => other.slot < file.slot).length;
        attachments.splice(Math.min(attachments.length, file.slot - before), 0, attachment);
      }
      const { files: _files, ...rest } = current;
      return files.length > 0 ? { ...rest, attachments, files } : { ...rest, attachments };
    });
    this.options.changed(clientMsgId);
    return updated;
  }

  private keep(clientMsgId: string, key: string, job: UploadJob, save = true): void {
    let percent = -1;
    let state = job.state;
    const off = job.subscribe(() => {
      const now = Math.round(job.progress * 100);
      if (now === percent && job.state === state) return;
      percent = now;
      state = job.state;
      this.options.changed(clientMsgId);
    });
    const saved = save
      ? job
          .prepare()
          .then((file) => this.options.store.put(key, file))
          .catch(() => undefined) // unsaved bytes only cost the reload; this tab still has them
      : Promise.resolve();
    this.jobs.set(key, { job, off, saved });
  }
}

/** An upload of bytes given as they are. */
function jobFor(file: PreparedFile, conversationId: string): UploadJob {
  return new UploadJob({ name: file.name, kind: kindOfType(file.blob.type), conversationId, prepare: () => Promise.resolve(file) });
}
