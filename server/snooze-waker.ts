/**
 * Ends snoozes on time: a `DueTimer` set for the earliest snooze end reopens every conversation
 * whose snooze has ended. Re-armed whenever a snooze is set or ends early.
 */
import type { DeskStore } from './desk-store.js';
import { DueTimer } from './due-timer.js';
import type { RelayLog } from './log.js';

export interface SnoozeWakerDeps {
  changes: Pick<DeskStore, 'nextSnoozeEnd' | 'dueSnoozes'>;
  now: () => number;
  reopen: (shop: string, id: string) => void;
  log: RelayLog;
}

export class SnoozeWaker {
  private readonly timer: DueTimer;

  constructor(deps: SnoozeWakerDeps) {
    this.timer = new DueTimer({
      next: () => deps.changes.nextSnoozeEnd(),
      fire: (now) => {
        const due = deps.changes.dueSnoozes(now);
        for (const { shop, id } of due) deps.reopen(shop, id);
        return due.length;
      },
      now: deps.now,
      log: deps.log,
      failureEvent: 'snooze-wake-failed',
    });
  }

  /** Sets the timer for the earliest snooze end (none: no timer). */
  arm(): void {
    this.timer.arm();
  }

  stop(): void {
    this.timer.stop();
  }
}
