/** Token bucket: `ratePerSecond` tokens refill continuously up to `burst`; each frame takes one. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Takes one token; false when the bucket is empty (the frame should be dropped). */
  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** True when the bucket has refilled completely (forgetting it loses nothing). */
  full(): boolean {
    this.refill();
    return this.tokens >= this.burst;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
  }
}

interface SharedBucket {
  bucket: TokenBucket;
  holders: number;
}

/**
 * One token bucket per user, shared by all of that user's connections, so opening more sockets
 * does not multiply a user's rate. A bucket outlives its last connection until it has refilled,
 * so reconnecting does not reset it either.
 */
export class UserRateLimits {
  private readonly buckets = new Map<string, SharedBucket>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The bucket of `key` for one more connection; pair with `release(key)`. */
  acquire(key: string): TokenBucket {
    let shared = this.buckets.get(key);
    if (shared === undefined) {
      shared = { bucket: new TokenBucket(this.perSecond, this.burst, this.now), holders: 0 };
      this.buckets.set(key, shared);
    }
    shared.holders += 1;
    return shared.bucket;
  }

  /** One connection of `key` is gone. */
  release(key: string): void {
    const shared = this.buckets.get(key);
    if (shared === undefined) return;
    shared.holders -= 1;
    if (shared.holders <= 0 && shared.bucket.full()) this.buckets.delete(key);
  }

  /** Forgets buckets without connections that have refilled (called periodically). */
  prune(): void {
    for (const [key, shared] of this.buckets) {
      if (shared.holders <= 0 && shared.bucket.full()) this.buckets.delete(key);
    }
  }

  /** Buckets currently kept (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }
}
