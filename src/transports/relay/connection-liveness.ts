/**
 * Whether the relay is still there, for one open WebSocket. A reset or a closed socket is seen at
 * once; a silent stall (a dead zone: packets vanish, nothing is reset) is not, so:
 * - while idle, a ping every `intervalMs`, and the connection is dead after two silent intervals;
 * - when a frame that expects an answer goes out (a send, a request), the relay must say something
 *   (any frame) within `answerMs`, else a ping probes it, and silence for another `answerMs` is death.
 * Any frame from the relay counts as life. `intervalMs` 0 disables both.
 */

/** Options of `ConnectionLiveness`. */
export interface ConnectionLivenessOptions {
  /** Idle ping interval, ms; 0 disables the checks. */
  intervalMs: number;
  /** Silence allowed after a frame that expects an answer, then again after the probe, ms. */
  answerMs: number;
  ping(): void;
  /** The relay stopped answering: end the connection. Called at most once. */
  dead(): void;
}

export class ConnectionLiveness {
  private lastFrameAt = Date.now();
  private idleTimer: ReturnType<typeof setInterval> | undefined;
  private probeTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the oldest frame still waiting for any answer went out. */
  private awaitingSince: number | undefined;
  /** The probe ping is out. */
  private probing = false;
  private over = false;

  constructor(private readonly options: ConnectionLivenessOptions) {
    const { intervalMs } = options;
    if (intervalMs <= 0) return;
    this.idleTimer = setInterval(() => {
      if (Date.now() - this.lastFrameAt > intervalMs * 2) this.die();
      else options.ping();
    }, intervalMs);
  }

  /** A frame arrived from the relay: it is alive, nothing is awaited any more. */
  heard(): void {
    this.lastFrameAt = Date.now();
    this.awaitingSince = undefined;
    this.probing = false;
  }

  /** A frame that expects an answer went out: the relay must say something within `answerMs`. */
  expectAnswer(): void {
    if (this.options.intervalMs <= 0 || this.over) return;
    this.awaitingSince ??= Date.now();
    this.arm(this.options.answerMs);
  }

  stop(): void {
    this.over = true;
    clearInterval(this.idleTimer);
    clearTimeout(this.probeTimer);
  }

  private arm(delayMs: number): void {
    if (this.probeTimer === undefined) this.probeTimer = setTimeout(() => this.check(), delayMs);
  }

  /** Silent since the first unanswered frame: probe once with a ping, then give up. */
  private check(): void {
    this.probeTimer = undefined;
    if (this.awaitingSince === undefined || this.over) return;
    const waited = Date.now() - this.awaitingSince;
    if (waited < this.options.answerMs) return this.arm(this.options.answerMs - waited);
    if (this.probing) return this.die();
    this.probing = true;
    this.awaitingSince = Date.now();
    this.options.ping();
    this.arm(this.options.answerMs);
  }

  private die(): void {
    if (this.over) return;
    this.stop();
    this.options.dead();
  }
}
