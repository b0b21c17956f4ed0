/**
 * Upload quotas, counted as the bytes arrive: per user and per remote address, bytes per rolling
 * hour (one-minute buckets) and bytes outstanding (received or being received, not attached to a
 * message yet); per user, uploads at once. Kept in memory and, at start, restored per user from the
 * uploads table (`restore`): a restart does not hand a user a fresh quota. The per-address counts
 * start again at zero after a restart: the relay does not store addresses.
 */
import type { UploadLimits } from './upload-limits.js';

export type QuotaLimits = Pick<UploadLimits, 'userBytesPerHour' | 'ipBytesPerHour' | 'userOutstandingBytes' | 'ipOutstandingBytes' | 'concurrentPerUser'>;

/** Bytes past a quota, thrown while the body streams; the partial file is removed. */
export class QuotaExceededError extends Error {
  override readonly name = 'QuotaExceededError';
}

/** Which of the upload ids are attached to a message now. */
export type AttachedCheck = (uploadIds: readonly string[]) => ReadonlySet<string>;

const MINUTE_MS = 60_000;
/** The address of an upload restored from the database: not stored, so no address is charged. */
const UNKNOWN_ADDRESS = '';
const HOUR_MINUTES = 60;

interface Outstanding {
  user: string;
  ip: string;
  bytes: number;
}

/** One upload being received: charge its bytes as they come, then `finish` it once. */
export interface UploadTicket {
  /** Counts `bytes` more; throws `QuotaExceededError` when a quota would be passed. */
  charge(bytes: number): void;
  /** The body is done: `stored` (with its upload id) keeps its bytes outstanding until attached or swept. */
  finish(stored?: { id: string }): void;
}

export type QuotaVerdict = { ok: true; ticket: UploadTicket } | { ok: false; message: string };

export class UploadQuotas {
  /** Bytes per key (`u:<user>` or `i:<ip>`) per minute. */
  private readonly hourly = new Map<string, Map<number, number>>();
  /** Outstanding bytes per key. */
  private readonly outstandingBytes = new Map<string, number>();
  /** Stored uploads not known to be attached yet. */
  private readonly stored = new Map<string, Outstanding>();
  private readonly receiving = new Map<string, number>();

  constructor(
    private readonly limits: QuotaLimits,
    private readonly attached: AttachedCheck,
    private readonly now: () => number = Date.now,
  ) {}

  /** A user starts an upload from `ip`: refused at once when they have the most uploads running or a quota is used up. */
  begin(user: string, ip: string): QuotaVerdict {
    const running = this.receiving.get(user) ?? 0;
    if (running >= this.limits.concurrentPerUser) return { ok: false, message: `at most ${this.limits.concurrentPerUser} uploads at once` };
    const full = this.exceeded(user, ip, 1);
    if (full !== undefined) return { ok: false, message: full };
    this.receiving.set(user, running + 1);
    let charged = 0;
    let finished = false;
    const ticket: UploadTicket = {
      charge: (bytes) => {
        const over = this.exceeded(user, ip, bytes);
        if (over !== undefined) throw new QuotaExceededError(over);
        charged += bytes;
        this.addHourly(`u:${user}`, bytes);
        this.addHourly(`i:${ip}`, bytes);
        this.addOutstanding(user, ip, bytes);
      },
      finish: (stored) => {
        if (finished) return;
        finished = true;
        const left = (this.receiving.get(user) ?? 1) - 1;
        if (left > 0) this.receiving.set(user, left);
        else this.receiving.delete(user);
        // The hour's bytes stay counted either way; outstanding ones only when a file was kept.
        if (stored === undefined) this.addOutstanding(user, ip, -charged);
        else this.stored.set(stored.id, { user, ip, bytes: charged });
      },
    };
    return { ok: true, ticket };
  }

  /**
   * Counts uploads stored before this relay started (see `UnattachedUploads.counted`): each one's
   * bytes against its uploader's hour (by the minute it arrived) and, while not attached, their
   * outstanding bytes. `user` is the uploader key `begin` is given for the same person.
   */
  restore(uploads: Iterable<{ id: string; user: string; size: number; createdAt: number; attached: boolean }>): void {
    const oldest = this.minute() - HOUR_MINUTES;
    for (const upload of uploads) {
      const minute = Math.floor(upload.createdAt / MINUTE_MS);
      if (minute > oldest) this.addHourly(`u:${upload.user}`, upload.size, minute);
      if (upload.attached || this.stored.has(upload.id)) continue;
      this.stored.set(upload.id, { user: upload.user, ip: UNKNOWN_ADDRESS, bytes: upload.size });
      this.addOutstanding(upload.user, UNKNOWN_ADDRESS, upload.size);
    }
  }

  /** These uploads are gone or attached: their bytes are no longer outstanding. */
  forget(uploadIds: Iterable<string>): void {
    for (const id of uploadIds) {
      const entry = this.stored.get(id);
      if (entry === undefined) continue;
      this.stored.delete(id);
      this.addOutstanding(entry.user, entry.ip, -entry.bytes);
    }
  }

  /** Asks which outstanding uploads (of one user or address, or all) got attached, and forgets those. */
  refresh(match: (entry: Outstanding) => boolean = () => true): void {
    const ids = [...this.stored].filter(([, entry]) => match(entry)).map(([id]) => id);
    if (ids.length > 0) this.forget(this.attached(ids));
    const oldest = this.minute() - HOUR_MINUTES;
    for (const [key, minutes] of this.hourly) {
      for (const minute of minutes.keys()) if (minute <= oldest) minutes.delete(minute);
      if (minutes.size === 0) this.hourly.delete(key);
    }
  }

  /** Bytes outstanding for a user (`u:`) or address (`i:`) key, for tests. */
  outstanding(key: string): number {
    return this.outstandingBytes.get(key) ?? 0;
  }

  /** Why `bytes` more would pass a quota, or undefined when they fit (asks about attachments before refusing). */
  private exceeded(user: string, ip: string, bytes: number): string | undefined {
    if (this.hour(`u:${user}`) + bytes > this.limits.userBytesPerHour) return `at most ${this.limits.userBytesPerHour} bytes per hour per user`;
    if (this.hour(`i:${ip}`) + bytes > this.limits.ipBytesPerHour) return `at most ${this.limits.ipBytesPerHour} bytes per hour per address`;
    const fits = (): boolean =>
      this.outstanding(`u:${user}`) + bytes <= this.limits.userOutstandingBytes && this.outstanding(`i:${ip}`) + bytes <= this.limits.ipOutstandingBytes;
    if (fits()) return undefined;
    this.refresh((entry) => entry.user === user || entry.ip === ip);
    if (fits()) return undefined;
    return `at most ${this.limits.userOutstandingBytes} bytes per user (${this.limits.ipOutstandingBytes} per address) of files not sent in a message yet`;
  }

  private minute(): number {
    return Math.floor(this.now() / MINUTE_MS);
  }

  private hour(key: string): number {
    const minutes = this.hourly.get(key);
    if (minutes === undefined) return 0;
    const oldest = this.minute() - HOUR_MINUTES;
    let total = 0;
    for (const [minute, bytes] of minutes) if (minute > oldest) total += bytes;
    return total;
  }

  private addHourly(key: string, bytes: number, minute = this.minute()): void {
    let minutes = this.hourly.get(key);
    if (minutes === undefined) this.hourly.set(key, (minutes = new Map()));
    minutes.set(minute, (minutes.get(minute) ?? 0) + bytes);
  }

  private addOutstanding(user: string, ip: string, bytes: number): void {
    for (const key of ip === UNKNOWN_ADDRESS ? [`u:${user}`] : [`u:${user}`, `i:${ip}`]) {
      const total = (this.outstandingBytes.get(key) ?? 0) + bytes;
      if (total > 0) this.outstandingBytes.set(key, total);
      else this.outstandingBytes.delete(key);
    }
  }
}
