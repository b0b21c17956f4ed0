/**
 * What `POST /uploads` may cost, beyond the size of one file (`maxUploadBytes`): bytes per hour
 * and bytes not yet attached to a message, per user and per address; uploads at once per user; a
 * free-disk floor; a minimum pace for the body; and how long a file may wait for its message.
 * `createRelayServer({ uploadLimits })` takes any of these; the rest are the defaults below.
 */

export interface UploadLimits {
  /** Bytes a user (shop, role, id) may upload per rolling hour. */
  userBytesPerHour: number;
  /** Bytes one remote address may upload per rolling hour. */
  ipBytesPerHour: number;
  /** Bytes of a user's uploads not attached to a message yet (being received included). */
  userOutstandingBytes: number;
  /** The same per remote address. */
  ipOutstandingBytes: number;
  /** Uploads of one user being received at once. */
  concurrentPerUser: number;
  /** Free space `DATA_DIR`'s file system must keep: an upload that would go below it gets 507 `storage-full`. 0: no floor. */
  minFreeDiskBytes: number;
  /** A body must deliver `minBytesPerWindow` in every window this long, or it is cut with 408 (and its partial file removed). */
  idleTimeoutMs: number;
  /** See `idleTimeoutMs`. */
  minBytesPerWindow: number;
  /** Uploaded files not attached to a message within this time are removed. */
  unattachedTtlMs: number;
  /** Period of the sweep that removes them. */
  sweepIntervalMs: number;
}

const MiB = 1024 * 1024;
const MINUTE_MS = 60_000;

export const UPLOAD_LIMIT_DEFAULTS: Readonly<UploadLimits> = {
  userBytesPerHour: 200 * MiB,
  ipBytesPerHour: 1024 * MiB,
  userOutstandingBytes: 100 * MiB,
  ipOutstandingBytes: 500 * MiB,
  concurrentPerUser: 4,
  minFreeDiskBytes: 256 * MiB,
  idleTimeoutMs: 15_000,
  minBytesPerWindow: 16 * 1024,
  unattachedTtlMs: 60 * MINUTE_MS,
  sweepIntervalMs: 5 * MINUTE_MS,
};

/** The defaults with `given` on top; throws a `RangeError` naming a field that is not a number of the right sign. */
export function resolveUploadLimits(given: Partial<UploadLimits> = {}): UploadLimits {
  const limits: UploadLimits = { ...UPLOAD_LIMIT_DEFAULTS, ...given };
  for (const [name, value] of Object.entries(limits) as Array<[keyof UploadLimits, number]>) {
    const allowsZero = name === 'minFreeDiskBytes' || name === 'minBytesPerWindow';
    if (!Number.isFinite(value) || value < 0 || (value === 0 && !allowsZero)) {
      throw new RangeError(`uploadLimits.${name} must be a ${allowsZero ? 'non-negative' : 'positive'} number, got ${value}`);
    }
  }
  return limits;
}
