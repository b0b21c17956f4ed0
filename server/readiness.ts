/**
 * Readiness (`GET /readyz`): the relay can do its work, i.e. the SQLite store answers a trivial
 * query, the data directory takes a write, and (after a write failed for lack of storage) the
 * database takes a write again. Liveness (`/healthz`) only says the process is up.
 * The answer names what failed, never a path or an internal message (those go to the log).
 */
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { errorText } from './log.js';
import type { RelayLog } from './log.js';
import type { StorageHealth } from './storage-health.js';

export type ReadinessResult = { ok: true } | { ok: false; error: 'storage'; message: string };

/** Checks readiness when called; never throws. */
export type ReadinessCheck = () => Promise<ReadinessResult>;

export interface ReadinessOptions {
  database: Database.Database;
  dataDir: string;
  log: RelayLog;
  /** Writes refused by the disk: not ready until a probe write succeeds. */
  storage?: StorageHealth;
}

export function createReadinessCheck(options: ReadinessOptions): ReadinessCheck {
  const { database, dataDir, log } = options;

  function failed(check: 'database' | 'data-dir' | 'database-writes', message: string, error: unknown): ReadinessResult {
    log({ level: 'error', event: 'not-ready', check, error: errorText(error) });
    return { ok: false, error: 'storage', message };
  }

  return async () => {
    try {
      database.prepare('SELECT 1 AS one').get();
    } catch (error) {
      return failed('database', 'the database does not answer', error);
    }
    // A fresh name each time: concurrent checks never trip over each other's file.
    const probe = join(dataDir, `.readyz-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      await writeFile(probe, 'ok', { flag: 'wx' });
      await rm(probe, { force: true });
    } catch (error) {
      return failed('data-dir', 'the data directory is not writable', error);
    }
    try {
      if (options.storage?.probe() === false) return { ok: false, error: 'storage', message: 'the database does not take writes (disk full or failing)' };
    } catch (error) {
      return failed('database-writes', 'the database does not take writes', error);
    }
    return { ok: true };
  };
}
