/** What a reconnect policy is told before each retry. */
export interface ReconnectContext {
  /** 0 for the first retry after a drop. */
  retryCount: number;
  /** Ms since the connection was lost. */
  elapsedMs: number;
  /** Why the last attempt failed. */
  reason?: unknown;
}

/**
 * Decides how long to wait before the next reconnect attempt; `null` gives up.
 * Same shape as LiveKit's `ReconnectPolicy`.
 */
export interface ReconnectPolicy {
  nextRetryDelayInMs(context: ReconnectContext): number | null;
}

/**
 * Exponential backoff with full jitter: delay = random(0, min(maxDelay, base * 2^n)),
 * never below `minDelayMs`. Gives up after `maxElapsedMs` (default: never). `maxDelayMs`
 * defaults to 4 000 ms, so a phone back from a dead zone (which fires no `online` event) is
 * connected again within about 5 s of its network returning (docs/weak-networks.md).
 */
/** The default ceiling of one wait between reconnect attempts, ms. */
export const DEFAULT_MAX_DELAY_MS = 4_000;

export class BackoffReconnectPolicy implements ReconnectPolicy {
  constructor(
    private readonly options: {
      baseDelayMs?: number;
      maxDelayMs?: number;
      minDelayMs?: number;
      maxElapsedMs?: number;
      random?: () => number;
    } = {},
  ) {}

  nextRetryDelayInMs(context: ReconnectContext): number | null {
    const { baseDelayMs = 500, maxDelayMs = DEFAULT_MAX_DELAY_MS, minDelayMs = 100, maxElapsedMs, random = Math.random } =
      this.options;
    if (maxElapsedMs !== undefined && context.elapsedMs >= maxElapsedMs) return null;
    const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(context.retryCount, 20));
    return Math.max(minDelayMs, Math.round(random() * cap));
  }
}
