/**
 * Uploaded files that never made it into a message: a client uploads, then its user closes the
 * tab, or an abuser uploads and never sends. Upload rows older than the limit that no message of
 * their conversation names (`/uploads/<id>` in its attachments) are deleted, with their bytes
 * once no other upload row shares them. Runs on a timer (`uploadLimits.sweepIntervalMs`).
 */
import type Database from 'better-sqlite3';
import { errorText } from './log.js';
import type { RelayLog } from './log.js';
import type { PrivacyStore } from './privacy-store.js';
import { isStorageError } from './storage-health.js';
import type { StorageHealth } from './storage-health.js';

/** A message of the upload's conversation names it (as `url` or `posterUrl`, both `/uploads/<id>`). */
const NAMED = `EXISTS (SELECT 1 FROM messages m WHERE m.shop = u.shop AND m.conversation_id = u.conversation_id
    AND m.attachments IS NOT NULL AND instr(m.attachments, '/uploads/' || u.id || '"') > 0)`;

/** An upload the quotas count after a restart: uploaded within the hour, or not attached yet. */
export interface CountedUpload {
  id: string;
  shop: string;
  uploaderId: string;
  size: number;
  createdAt: number;
  attached: boolean;
}

export interface UnattachedUploadsOptions {
  db: Database.Database;
  privacy: PrivacyStore;
  /** Files not attached within this time go. */
  ttlMs: number;
  log: RelayLog;
  storage?: StorageHealth;
  /** Told which upload ids were removed (quotas forget them). */
  removed?: (ids: readonly string[]) => void;
  now?: () => number;
}

export class UnattachedUploads {
  private readonly expired: Database.Statement<[number], { id: string; sha256: string }>;
  private readonly attachedStmt: Database.Statement<[string], { id: string }>;
  private readonly existingStmt: Database.Statement<[string], { id: string }>;
  private readonly countedStmt: Database.Statement<[number], { id: string; shop: string; uploader_id: string; size: number; created_at: number; attached: number }>;
  private readonly deleteRow: Database.Statement<[string]>;
  private readonly deleteTx: Database.Transaction<(ids: readonly string[]) => void>;
  private readonly now: () => number;

  constructor(private readonly options: UnattachedUploadsOptions) {
    const { db } = options;
    this.now = options.now ?? Date.now;
    this.expired = db.prepare<[number], { id: string; sha256: string }>(`SELECT u.id, u.sha256 FROM uploads u WHERE u.created_at < ? AND NOT ${NAMED}`);
    this.attachedStmt = db.prepare<[string], { id: string }>(`SELECT u.id FROM uploads u WHERE u.id IN (SELECT value FROM json_each(?)) AND ${NAMED}`);
    this.existingStmt = db.prepare<[string], { id: string }>('SELECT id FROM uploads WHERE id IN (SELECT value FROM json_each(?))');
    this.countedStmt = db.prepare(
      `SELECT u.id, u.shop, u.uploader_id, u.size, u.created_at, ${NAMED} AS attached FROM uploads u WHERE u.created_at >= ? OR NOT ${NAMED}`,
    );
    this.deleteRow = db.prepare<[string]>('DELETE FROM uploads WHERE id = ?');
    this.deleteTx = db.transaction((ids: readonly string[]) => {
      for (const id of ids) this.deleteRow.run(id);
    });
  }

  /** Which of `ids` a message names now (uploads that no longer exist are reported attached: nothing is outstanding). */
  attached(ids: readonly string[]): ReadonlySet<string> {
    const list = JSON.stringify(ids);
    const found = new Set(this.attachedStmt.all(list).map((row) => row.id));
    const existing = new Set(this.existingStmt.all(list).map((row) => row.id));
    for (const id of ids) if (!existing.has(id)) found.add(id);
    return found;
  }

  /** The stored uploads that still count against a quota: created since `since` (epoch ms), or not attached yet. */
  counted(since: number): CountedUpload[] {
    return this.countedStmt.all(since).map((row) => ({
      id: row.id,
      shop: row.shop,
      uploaderId: row.uploader_id,
      size: row.size,
      createdAt: row.created_at,
      attached: row.attached === 1,
    }));
  }

  /** Removes the uploads older than the limit that no message names; returns how many rows and files went. */
  sweep(): { uploads: number; files: number } {
    const rows = this.expired.all(this.now() - this.options.ttlMs);
    if (rows.length === 0) return { uploads: 0, files: 0 };
    const ids = rows.map((row) => row.id);
    try {
      this.deleteTx.immediate(ids);
    } catch (error) {
      if (isStorageError(error)) this.options.storage?.failed(error, 'unattached-sweep');
      this.options.log({ level: 'error', event: 'unattached-sweep-failed', error: errorText(error) });
      return { uploads: 0, files: 0 };
    }
    const files = this.options.privacy.removeUnreferencedFiles(new Set(rows.map((row) => row.sha256)));
    this.options.removed?.(ids);
    this.options.log({ level: 'info', event: 'unattached-uploads-removed', uploads: ids.length, files });
    return { uploads: ids.length, files };
  }
}
