/**
 * Ends snoozes on time: one timer, set for the earliest snooze end (at most a minute ahead, so a
 * clock change is caught), reopens every conversation whose snooze has ended, then sets itself
 * again. Re-armed whenever a snooze is set or ends early; unref'd, so it never keeps the process
 * alive.
 */
import type { DeskStore } from './desk-store.js';
import type { RelayLog } from './log.js';
import { errorText } from './log.js';

/** Longest the timer sleeps before looking again. */
const MAX_SLEEP_MS = 60_000;

export interface SnoozeWakerDeps {
  changes: Pick<DeskStore, 'nextSnoozeEnd' | 'dueSnoozes'>;
  now: () => number;
  reopen: (shop: string, id: string) => void;
  log: RelayLog;
}

export class SnoozeWaker {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(private readonly deps: SnoozeWakerDeps) {}

  /** Sets the timer for the earliest snooze end (none: no timer). */
  arm(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.deps.changes.nextSnoozeEnd();
    if (next === undefined) return;
    this.timer = setTimeout(() => this.wake(), Math.min(MAX_SLEEP_MS, Math.max(0, next - this.deps.now())));
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Reopens the conversations whose snooze ended, then re-arms. Never throws out of the timer. */
  private wake(): void {
    this.timer = undefined;
    try {
      // A hundred at a time, ten times at most: a conversation that would not reopen cannot spin the loop.
      for (let pass = 0; pass < 10; pass += 1) {
        const due = this.deps.changes.dueSnoozes(this.deps.now());
        for (const { shop, id } of due) this.deps.reopen(shop, id);
        if (due.length === 0) break;
      }
      this.arm();
    } catch (error) {
      // A full disk or a closed store: try again in a while rather than end the process.
      this.deps.log({ level: 'warn', event: 'snooze-wake-failed', error: errorText(error) });
      if (!this.stopped) this.timer = setTimeout(() => this.wake(), MAX_SLEEP_MS).unref();
    }
  }
}
