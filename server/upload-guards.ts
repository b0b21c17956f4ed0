/**
 * The relay's upload guards put together: quotas that ask the database which files got
 * attached, the admission `POST /uploads` consults, and the timer that sweeps files never attached.
 */
import type { IncomingMessage } from 'node:http';
import type Database from 'better-sqlite3';
import { errorText } from './log.js';
import type { RelayLog } from './log.js';
import type { PrivacyStore } from './privacy-store.js';
import type { StorageHealth } from './storage-health.js';
import { UnattachedUploads } from './unattached-uploads.js';
import { UploadAdmission, uploaderKey } from './upload-admission.js';
import { resolveUploadLimits } from './upload-limits.js';
import type { UploadLimits } from './upload-limits.js';
import { UploadQuotas } from './upload-quotas.js';

const HOUR_MS = 3_600_000;

export interface UploadGuardsOptions {
  db: Database.Database;
  privacy: PrivacyStore;
  dataDir: string;
  limits?: Partial<UploadLimits>;
  log: RelayLog;
  storage?: StorageHealth;
  /** Free bytes of the data directory's file system (tests); default `fs.statfs`. */
  freeBytes?: (dir: string) => Promise<number>;
  /** The client's address of a request, for the per-address quotas; default the TCP peer. */
  clientAddress?: (req: IncomingMessage) => string;
}

export interface UploadGuards {
  admission: UploadAdmission;
  unattached: UnattachedUploads;
  /** Stops the sweep timer. */
  stop(): void;
}

/** Builds the guards and starts the sweep (unref'd: it never keeps the process alive); throws a `RangeError` for bad limits. */
export function createUploadGuards(options: UploadGuardsOptions): UploadGuards {
  const limits = resolveUploadLimits(options.limits);
  const unattached = new UnattachedUploads({
    db: options.db,
    privacy: options.privacy,
    ttlMs: limits.unattachedTtlMs,
    log: options.log,
    ...(options.storage === undefined ? {} : { storage: options.storage }),
    // Called only by a sweep, after `quotas` exists.
    removed: (ids) => quotas.forget(ids),
  });
  const quotas = new UploadQuotas(limits, (ids) => unattached.attached(ids));
  quotas.restore(
    unattached.counted(Date.now() - HOUR_MS).map((upload) => ({ ...upload, user: uploaderKey({ shop: upload.shop, sub: upload.uploaderId }) })),
  );
  const admission = new UploadAdmission({
    limits,
    quotas,
    dataDir: options.dataDir,
    log: options.log,
    ...(options.storage === undefined ? {} : { storage: options.storage }),
    ...(options.freeBytes === undefined ? {} : { freeBytes: options.freeBytes }),
    ...(options.clientAddress === undefined ? {} : { clientAddress: options.clientAddress }),
  });
  const timer = setInterval(() => {
    try {
      unattached.sweep();
      quotas.refresh();
    } catch (error) {
      options.log({ level: 'error', event: 'unattached-sweep-failed', error: errorText(error) });
    }
  }, limits.sweepIntervalMs);
  timer.unref();
  return { admission, unattached, stop: () => clearInterval(timer) };
}
