/**
 * A manual clock for call tests: timers fire only when the test advances time.
 */
import type { CallClock } from '../../../src/core/call/call-clock.js';

interface PendingTimer {
  at: number;
  callback: () => void;
}

export class FakeClock implements CallClock {
  private time: number;
  private nextHandle = 1;
  private readonly timers = new Map<number, PendingTimer>();

  constructor(start = 1_700_000_000_000) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.timers.set(handle, { at: this.time + ms, callback });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Number of timers still pending. */
  get pending(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, firing due timers in time order (timers they set may fire too). */
  advance(ms: number): void {
    const target = this.time + ms;
    for (;;) {
      let next: [number, PendingTimer] | undefined;
      for (const entry of this.timers) {
        if (entry[1].at <= target && (!next || entry[1].at < next[1].at)) next = entry;
      }
      if (!next) break;
      this.timers.delete(next[0]);
      this.time = next[1].at;
      next[1].callback();
    }
    this.time = target;
  }
}
