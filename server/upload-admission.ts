/**
 * Whether `POST /uploads` may start reading a body, and what it answers when one goes wrong:
 * the free-disk floor (507 `storage-full`), the quotas and uploads at once (429 `quota-exceeded`),
 * a body that stalls (408 `timeout`), a disk that refuses the bytes (507 `storage-full`).
 */
import { statfs } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import type { TokenClaims } from 'support-widget/protocol';
import { errorText } from './log.js';
import type { RelayLog } from './log.js';
import { isStorageError } from './storage-health.js';
import type { StorageHealth } from './storage-health.js';
import type { UploadLimits } from './upload-limits.js';
import { QuotaExceededError } from './upload-quotas.js';
import type { UploadQuotas, UploadTicket } from './upload-quotas.js';
import { UploadStalledError } from './upload-store.js';
import type { ReceiveOptions } from './upload-store.js';

export interface Refusal {
  status: number;
  code: 'storage-full' | 'quota-exceeded' | 'timeout';
  message: string;
}

export type Admission = { ok: true; ticket: UploadTicket } | ({ ok: false } & Refusal);

/** The user an upload is counted against (ids cannot contain '/'): the same key is rebuilt from a stored upload's shop and uploader. */
export function uploaderKey(claims: Pick<TokenClaims, 'shop' | 'sub'>): string {
  return `${claims.shop}/${claims.sub}`;
}

/** The TCP peer of a request: the default address quotas key (`ClientAddresses` trusts proxies when configured). */
export function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

export const STORAGE_FULL: Refusal = { status: 507, code: 'storage-full', message: 'the server is short of disk space; try again later' };

export interface UploadAdmissionOptions {
  limits: UploadLimits;
  quotas: UploadQuotas;
  dataDir: string;
  log: RelayLog;
  storage?: StorageHealth;
  /** Free bytes of the data directory's file system; default `fs.statfs`. */
  freeBytes?: (dir: string) => Promise<number>;
  /** The client's address of a request (`ClientAddresses.of`); default the TCP peer. */
  clientAddress?: (req: IncomingMessage) => string;
}

async function statfsFree(dir: string): Promise<number> {
  const stats = await statfs(dir);
  return stats.bavail * stats.bsize;
}

export class UploadAdmission {
  private readonly freeBytes: (dir: string) => Promise<number>;

  constructor(private readonly options: UploadAdmissionOptions) {
    this.freeBytes = options.freeBytes ?? statfsFree;
  }

  /** Checks the disk floor and the quotas before a body is read; an ok comes with a ticket to `finish`. */
  async admit(claims: TokenClaims, req: IncomingMessage, declared: number | undefined): Promise<Admission> {
    const { limits } = this.options;
    if (limits.minFreeDiskBytes > 0) {
      let free: number;
      try {
        free = await this.freeBytes(this.options.dataDir);
      } catch (error) {
        this.options.log({ level: 'error', event: 'statfs-failed', error: errorText(error) });
        free = Number.POSITIVE_INFINITY;
      }
      if (free - (declared ?? 0) < limits.minFreeDiskBytes) {
        this.options.log({ level: 'warn', event: 'disk-below-floor', freeBytes: free, floorBytes: limits.minFreeDiskBytes });
        return { ok: false, ...STORAGE_FULL };
      }
    }
    const verdict = this.options.quotas.begin(uploaderKey(claims), (this.options.clientAddress ?? clientAddress)(req));
    if (!verdict.ok) return { ok: false, status: 429, code: 'quota-exceeded', message: verdict.message };
    return verdict;
  }

  /** How the body is read: charged to the ticket as it comes, cut when it stalls. */
  receiveOptions(ticket: UploadTicket): ReceiveOptions {
    return {
      onChunk: (bytes) => ticket.charge(bytes),
      idleTimeoutMs: this.options.limits.idleTimeoutMs,
      // 0 means only a window with no byte at all cuts the body.
      minBytesPerWindow: Math.max(1, this.options.limits.minBytesPerWindow),
    };
  }

  /** The answer for an error while receiving or storing an upload, or undefined when it is none of ours. */
  refusalOf(error: unknown): Refusal | undefined {
    if (error instanceof QuotaExceededError) return { status: 429, code: 'quota-exceeded', message: error.message };
    if (error instanceof UploadStalledError) return { status: 408, code: 'timeout', message: error.message };
    if (isStorageError(error)) {
      this.options.storage?.failed(error, 'upload');
      return STORAGE_FULL;
    }
    return undefined;
  }
}
