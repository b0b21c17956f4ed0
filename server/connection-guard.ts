/**
 * What a connection may cost before it does anything useful: open sockets per address (refused
 * before the WebSocket upgrade), hellos per address (a token bucket: each hello verifies an HMAC
 * and builds a welcome), and per user at most `maxSocketsPerUser` sockets, each hello also taking
 * a token from the user's frame bucket (shared by all their sockets, so reconnect storms count).
 */
import { UserRateLimits } from './rate-limit.js';
import type { TokenBucket } from './rate-limit.js';

export interface ConnectionGuardOptions {
  /** Open WebSockets per remote address. */
  maxConnectionsPerIp: number;
  /** Hellos per remote address: token bucket. */
  helloRatePerIp: { perSecond: number; burst: number };
  /** Authenticated sockets per user (shop, role and id). */
  maxSocketsPerUser: number;
  /** Per-user frame bucket shared by the user's connections (the hello takes one token too). */
  userRate: { perSecond: number; burst: number };
  now?: () => number;
}

/** Defaults of `createRelayServer` (see docs/server.md). */
export const CONNECTION_GUARD_DEFAULTS = {
  maxConnectionsPerIp: 100,
  helloRatePerIp: { perSecond: 10, burst: 50 },
  maxSocketsPerUser: 10,
} as const;

export type JoinResult = { ok: true; bucket: TokenBucket } | { ok: false; code: 'too-many-connections' | 'rate-limited'; message: string };

export class ConnectionGuard {
  private readonly connectionsByIp = new Map<string, number>();
  private readonly socketsByUser = new Map<string, number>();
  private readonly ipHellos: UserRateLimits;
  private readonly userRates: UserRateLimits;

  constructor(private readonly options: ConnectionGuardOptions) {
    const now = options.now ?? (() => performance.now());
    this.ipHellos = new UserRateLimits(options.helloRatePerIp.perSecond, options.helloRatePerIp.burst, now);
    this.userRates = new UserRateLimits(options.userRate.perSecond, options.userRate.burst, now);
  }

  /** True when `ip` holds the most sockets allowed: refuse its upgrade before doing the work. */
  full(ip: string): boolean {
    return (this.connectionsByIp.get(ip) ?? 0) >= this.options.maxConnectionsPerIp;
  }

  /**
   * A socket from `ip` opened: its address's hello bucket (take one token per hello), or
   * undefined when the address already holds the maximum. Pair a bucket with `release(ip)`.
   */
  admit(ip: string): TokenBucket | undefined {
    const open = this.connectionsByIp.get(ip) ?? 0;
    if (open >= this.options.maxConnectionsPerIp) return undefined;
    this.connectionsByIp.set(ip, open + 1);
    return this.ipHellos.acquire(ip);
  }

  /** The socket of `ip` closed. */
  release(ip: string): void {
    const open = (this.connectionsByIp.get(ip) ?? 1) - 1;
    if (open > 0) this.connectionsByIp.set(ip, open);
    else this.connectionsByIp.delete(ip);
    this.ipHellos.release(ip);
  }

  /**
   * An authenticated socket of `userKey`: refused when the user already has the maximum open or
   * their frame bucket is empty (the hello is charged to it). Pair an ok with `leave(userKey)`.
   */
  join(userKey: string): JoinResult {
    const open = this.socketsByUser.get(userKey) ?? 0;
    if (open >= this.options.maxSocketsPerUser) {
      return { ok: false, code: 'too-many-connections', message: `at most ${this.options.maxSocketsPerUser} connections per user; close another one first` };
    }
    const bucket = this.userRates.acquire(userKey);
    if (!bucket.take()) {
      this.userRates.release(userKey);
      return { ok: false, code: 'rate-limited', message: 'too many connections and frames for this user; slow down and retry' };
    }
    this.socketsByUser.set(userKey, open + 1);
    return { ok: true, bucket };
  }

  /** An authenticated socket of `userKey` closed. */
  leave(userKey: string): void {
    const open = (this.socketsByUser.get(userKey) ?? 1) - 1;
    if (open > 0) this.socketsByUser.set(userKey, open);
    else this.socketsByUser.delete(userKey);
    this.userRates.release(userKey);
  }

  /** Forgets refilled buckets of addresses and users without connections (called periodically). */
  prune(): void {
    this.ipHellos.prune();
    this.userRates.prune();
  }

  /** Open sockets of an address (for tests and metrics). */
  connectionsOf(ip: string): number {
    return this.connectionsByIp.get(ip) ?? 0;
  }
}
