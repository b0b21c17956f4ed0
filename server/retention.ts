/**
 * History retention (`SUPPORT_RETENTION_DAYS`): messages and uploads older than the retention
 * period are deleted, at start and then periodically; upload files go once no upload row
 * references them. Conversation rows stay (without their product context once idle past the
 * period) because they carry the sequence counter: seqs are never reused, so a client that
 * resumes from an old seq cannot mistake a new message for one it already has.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { RelayLog } from './log.js';
import type { PrivacyStore } from './privacy-store.js';
import type { UploadFiles } from './upload-store.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A file with no upload row younger than this may be an upload being committed right now. */
const ORPHAN_GRACE_MS = 60 * 60 * 1000;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const SHARD = /^[0-9a-f]{2}$/;

/** What one sweep removed. */
export interface SweepCounts {
  messages: number;
  uploads: number;
  /** Upload files removed from disk (expired bytes, and leftovers no upload row names). */
  files: number;
  /** Conversations whose product context was cleared because they were idle past the period. */
  contexts: number;
}

export interface RetentionOptions {
  db: Database.Database;
  files: UploadFiles;
  privacy: PrivacyStore;
  /** Days a message or upload is kept. */
  days: number;
  log: RelayLog;
  now?: () => number;
}

/** Checks `SUPPORT_RETENTION_DAYS`-style input: a positive number of days. */
export function isRetentionDays(value: number): boolean {
  return Number.isFinite(value) && value > 0;
}

/** The statements of a sweep, prepared once. */
function prepareStatements(db: Database.Database) {
  return {
    deleteMessages: db.prepare('DELETE FROM messages WHERE at < ?'),
    expiredHashes: db.prepare<[number], { sha256: string }>('SELECT DISTINCT sha256 FROM uploads WHERE created_at < ?'),
    deleteUploads: db.prepare('DELETE FROM uploads WHERE created_at < ?'),
    clearContexts: db.prepare('UPDATE conversations SET context = NULL WHERE updated_at < ? AND context IS NOT NULL'),
    hashInUse: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM uploads WHERE sha256 = ?'),
  };
}

export class RetentionSweeper {
  private readonly now: () => number;
  private readonly stmt: ReturnType<typeof prepareStatements>;
  private readonly expireTx: Database.Transaction<(cutoff: number) => { counts: Omit<SweepCounts, 'files'>; sha256s: string[] }>;

  constructor(private readonly options: RetentionOptions) {
    if (!isRetentionDays(options.days)) throw new RangeError(`retention days must be a positive number, got ${options.days}`);
    this.now = options.now ?? Date.now;
    const { db } = options;
    this.stmt = prepareStatements(db);
    this.expireTx = db.transaction((cutoff: number) => {
      const sha256s = this.stmt.expiredHashes.all(cutoff).map((row) => row.sha256);
      const counts = {
        messages: this.stmt.deleteMessages.run(cutoff).changes,
        uploads: this.stmt.deleteUploads.run(cutoff).changes,
        contexts: this.stmt.clearContexts.run(cutoff).changes,
      };
      return { counts, sha256s };
    });
  }

  /** The oldest time still kept. */
  cutoff(): number {
    return this.now() - this.options.days * DAY_MS;
  }

  /** Deletes everything older than the retention period; returns what went. */
  sweep(): SweepCounts {
    const { counts, sha256s } = this.expireTx.immediate(this.cutoff());
    const files = this.options.privacy.removeUnreferencedFiles(sha256s) + this.removeOrphanFiles();
    const result = { ...counts, files };
    if (result.messages + result.uploads + result.files + result.contexts > 0) {
      this.options.log({ level: 'info', event: 'retention-sweep', ...result, days: this.options.days });
    }
    return result;
  }

  /** Stored files no upload row names (e.g. a crash between storing the bytes and the row). */
  private removeOrphanFiles(): number {
    const root = this.options.files.root;
    const graceEnd = Date.now() - ORPHAN_GRACE_MS;
    let removed = 0;
    for (const shard of safeList(root)) {
      if (!SHARD.test(shard)) continue;
      for (const name of safeList(join(root, shard))) {
        if (!SHA256_HEX.test(name) || (this.stmt.hashInUse.get(name)?.n ?? 0) > 0) continue;
        const path = join(root, shard, name);
        try {
          if (statSync(path).mtimeMs > graceEnd) continue;
          rmSync(path);
          removed += 1;
        } catch {
          // Removed meanwhile.
        }
      }
    }
    return removed;
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
