/**
 * One timer for "things due at a time" kept in the store (snooze ends, follow-ups, office-hours
 * changes, emails to send): set for the earliest due time (at most `maxSleepMs` ahead, so a clock
 * change is caught), it handles what is due, then sets itself again. Re-armed whenever something
 * due is added or moved; unref'd, so it never keeps the process alive. What is due lives in the
 * store, so a relay that was down at the time handles it at the next start (`arm()` at once).
 */
import type { RelayLog } from './log.js';
import { errorText } from './log.js';

/** Longest the timer sleeps before looking again, by default. */
export const DUE_TIMER_MAX_SLEEP_MS = 60_000;

export interface DueTimerDeps {
  /** The earliest due time, ms since epoch (undefined: nothing is due, no timer). */
  next: () => number | undefined;
  /** Handles what is due at `now` (at most a batch); returns how many it handled (0 ends the turn). */
  fire: (now: number) => number;
  now: () => number;
  log: RelayLog;
  /** The log event of a turn that failed, e.g. `snooze-wake-failed`. */
  failureEvent: string;
  /** Longest sleep, ms. Default `DUE_TIMER_MAX_SLEEP_MS`. */
  maxSleepMs?: number;
}

export class DueTimer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private readonly maxSleepMs: number;

  constructor(private readonly deps: DueTimerDeps) {
    this.maxSleepMs = deps.maxSleepMs ?? DUE_TIMER_MAX_SLEEP_MS;
  }

  /** Sets the timer for the earliest due time (none: no timer). */
  arm(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.deps.next();
    if (next === undefined) return;
    this.timer = setTimeout(() => this.wake(), Math.min(this.maxSleepMs, Math.max(0, next - this.deps.now())));
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Handles what is due, then re-arms. Never throws out of the timer. */
  private wake(): void {
    this.timer = undefined;
    try {
      // A batch at a time, ten times at most: an item that would not leave the due list cannot spin the loop.
      for (let pass = 0; pass < 10; pass += 1) if (this.deps.fire(this.deps.now()) === 0) break;
      this.arm();
    } catch (error) {
      // A full disk or a closed store: try again in a while rather than end the process.
      this.deps.log({ level: 'warn', event: this.deps.failureEvent, error: errorText(error) });
      if (!this.stopped) this.timer = setTimeout(() => this.wake(), this.maxSleepMs).unref();
    }
  }
}
