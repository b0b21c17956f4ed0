/**
 * Whether the relay can write. A full disk (or a file-size limit, a quota, an I/O error) makes
 * SQLite and file writes fail; the relay then answers writes with a retryable `storage-full`
 * instead of crashing, keeps serving reads, and reports not ready (`/readyz`) until a write
 * succeeds again: the next stored message, or the probe `/readyz` runs while writes fail.
 */
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { errorText } from './log.js';
import type { RelayLog } from './log.js';

/** SQLite result codes of a write the disk refused (`SQLITE_IOERR_*` included). */
const SQLITE_STORAGE = /^SQLITE_(FULL|IOERR|CANTOPEN|READONLY)/;
/** Node errno codes of the same. */
const ERRNO_STORAGE = new Set(['ENOSPC', 'EFBIG', 'EDQUOT', 'EIO', 'EROFS']);

/** True when `error` says the disk refused a write (as opposed to a bug or bad input). */
export function isStorageError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return false;
  return SQLITE_STORAGE.test(code) || ERRNO_STORAGE.has(code);
}

/** The code of a storage error, for logs (never a path or a message that may quote one). */
function codeOf(error: unknown): string {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : 'unknown';
}

export const STORAGE_FULL_MESSAGE = 'the server cannot store this right now (its disk is full or failing); it is kept and retried';

/**
 * Room a recovery probe asks for besides one database page: a disk that takes a 4 KB page but
 * not a batch of messages would flap between ready and refusing.
 */
export const PROBE_HEADROOM_BYTES = 1024 * 1024;

export class StorageHealth {
  /** When writes started failing; undefined while they work. */
  private failingSince: number | undefined;
  private failures = 0;

  constructor(
    private readonly db: Database.Database,
    /** Where the headroom probe file is written (the data directory). */
    private readonly dir: string,
    private readonly log: RelayLog,
    private readonly now: () => number = Date.now,
  ) {}

  /** True while the last write failed for lack of storage. */
  get failing(): boolean {
    return this.failingSince !== undefined;
  }

  /** A write failed for lack of storage (`where`: what was being written). Logged once per outage, then counted. */
  failed(error: unknown, where: string): void {
    this.failures += 1;
    if (this.failingSince !== undefined) return;
    this.failingSince = this.now();
    this.log({ level: 'error', event: 'storage-failing', where, code: codeOf(error), error: errorText(error) });
  }

  /** A write succeeded: the outage, if any, is over. */
  succeeded(): void {
    if (this.failingSince === undefined) return;
    this.log({ level: 'info', event: 'storage-recovered', failedWrites: this.failures, downMs: this.now() - this.failingSince });
    this.failingSince = undefined;
    this.failures = 0;
  }

  /**
   * While failing: writes (and removes) a `PROBE_HEADROOM_BYTES` file beside the database, then
   * makes one real database write (the header's `user_version`, rewritten with its own value: one
   * WAL frame), and records the outcome. True when writes work.
   */
  probe(): boolean {
    if (this.failingSince === undefined) return true;
    const headroom = join(this.dir, `.storage-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      try {
        writeFileSync(headroom, Buffer.alloc(PROBE_HEADROOM_BYTES), { flag: 'wx', mode: 0o600 });
      } finally {
        rmSync(headroom, { force: true });
      }
      this.db
        .transaction(() => {
          const version = Number(this.db.pragma('user_version', { simple: true }));
          this.db.pragma(`user_version = ${version}`);
        })
        .immediate();
    } catch (error) {
      if (!isStorageError(error)) throw error;
      this.failed(error, 'probe');
      return false;
    }
    this.succeeded();
    return true;
  }
}
