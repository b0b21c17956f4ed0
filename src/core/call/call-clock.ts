/**
 * Time as the call state machine sees it: injectable so tests can ring for 45 s in no time.
 */

/** Timers and the current time. `setTimeout` returns an opaque handle for `clearTimeout`. */
export interface CallClock {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Ms since epoch. */
  now(): number;
}

/** The real clock: global timers and `Date.now()`. */
export const systemClock: CallClock = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  now: () => Date.now(),
};
