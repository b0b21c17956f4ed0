/**
 * The one pending timeout of a call (ring, connect, reconnect): setting a new one replaces the
 * old, and a callback that fires after being replaced or cleared does nothing.
 */
import type { CallClock } from './call-clock.js';

/** A single-slot timeout on an injectable clock. */
export class CallTimer {
  private pending: { handle: unknown } | undefined;

  constructor(private readonly clock: CallClock) {}

  /** True while a timeout is pending. */
  get armed(): boolean {
    return this.pending !== undefined;
  }

  /** Runs `onTimeout` after `ms`, replacing any pending timeout. */
  set(ms: number, onTimeout: () => void): void {
    this.clear();
    const pending: { handle: unknown } = { handle: undefined };
    pending.handle = this.clock.setTimeout(() => {
      if (this.pending !== pending) return;
      this.pending = undefined;
      onTimeout();
    }, ms);
    this.pending = pending;
  }

  /** Cancels the pending timeout, if any. */
  clear(): void {
    if (!this.pending) return;
    this.clock.clearTimeout(this.pending.handle);
    this.pending = undefined;
  }
}
