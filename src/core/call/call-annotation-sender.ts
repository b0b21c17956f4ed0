/**
 * Paces annotation operations onto the call's signalling: the pointer at most every `pointerMs`
 * (20 Hz by default) with the newest position winning, a stroke's new points batched every
 * `strokeMs`, and everything else at once, in order. The relay allows about 30 frames a second
 * per connection, and RTM has its own rate: a pen at 120 Hz must not spend it.
 */
import type { CallClock } from './call-clock.js';
import { systemClock } from './call-clock.js';
import { ANNOTATION_LIMITS, type AnnotationOp, type AnnotationTool, type NormalPoint, type StrokeOp } from './call-annotation-ops.js';

/** A stroke as it is being drawn. */
export interface LiveStroke {
  id: string;
  tool: AnnotationTool;
  color: string;
  points: readonly NormalPoint[];
  text?: string;
}

export interface AnnotationSenderOptions {
  /** Puts one operation on the wire (the call's `annotate` signal). */
  send(op: AnnotationOp): void;
  clock?: Pick<CallClock, 'setTimeout' | 'clearTimeout'>;
  /** Default 50 ms (20 Hz). */
  pointerMs?: number;
  /** Default 80 ms. */
  strokeMs?: number;
}

/**
 * @example
 * ```ts
 * const sender = new AnnotationSender({ send: (op) => void session.sendAnnotation(op) });
 * sender.point([0.4, 0.6]);                    // sent now; the next ones at most every 50 ms
 * sender.stroke(stroke, stroke.points.length - 1); // a pen's new point, batched
 * sender.finish();                             // the stroke's last points, now
 * ```
 */
export class AnnotationSender {
  private readonly clock: Pick<CallClock, 'setTimeout' | 'clearTimeout'>;
  private pointAt: NormalPoint | undefined;
  private pointPending = false;
  private pointTimer: unknown;
  private live: LiveStroke | undefined;
  /** The first point of `live` not yet sent as it is now. */
  private dirtyFrom = 0;
  private strokeTimer: unknown;

  constructor(private readonly options: AnnotationSenderOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** Sends `op` now, after whatever is waiting (so the peer sees the same order). */
  now(op: AnnotationOp): void {
    this.finish();
    this.flushPoint();
    this.options.send(op);
  }

  /** The pointer moved to `at` (undefined: lifted, sent at once). */
  point(at: NormalPoint | undefined): void {
    this.pointAt = at;
    this.pointPending = true;
    if (!at) return this.flushPoint();
    if (this.pointTimer === undefined) {
      this.flushPoint();
      this.pointTimer = this.clock.setTimeout(() => this.tickPoint(), this.options.pointerMs ?? 50);
    }
  }

  /** `stroke` changed from point index `from` on (a pen: its new points; a shape: its moving end). */
  stroke(stroke: LiveStroke, from: number): void {
    if (this.live && this.live.id !== stroke.id) this.finish();
    if (!this.live) this.dirtyFrom = 0;
    this.live = stroke;
    this.dirtyFrom = Math.min(this.dirtyFrom, Math.max(0, from));
    this.strokeTimer ??= this.clock.setTimeout(() => {
      this.strokeTimer = undefined;
      this.flushStroke();
    }, this.options.strokeMs ?? 80);
  }

  /** The stroke being drawn is done: its unsent points go now. */
  finish(): void {
    if (this.strokeTimer !== undefined) this.clock.clearTimeout(this.strokeTimer);
    this.strokeTimer = undefined;
    this.flushStroke();
    this.live = undefined;
  }

  /** Drops what waits and stops the timers (the call ended). */
  dispose(): void {
    if (this.strokeTimer !== undefined) this.clock.clearTimeout(this.strokeTimer);
    if (this.pointTimer !== undefined) this.clock.clearTimeout(this.pointTimer);
    this.strokeTimer = this.pointTimer = undefined;
    this.live = undefined;
    this.pointPending = false;
  }

  private tickPoint(): void {
    this.pointTimer = undefined;
    if (!this.pointPending) return;
    this.flushPoint();
    this.pointTimer = this.clock.setTimeout(() => this.tickPoint(), this.options.pointerMs ?? 50);
  }

  private flushPoint(): void {
    if (!this.pointPending) return;
    this.pointPending = false;
    this.options.send(this.pointAt ? { op: 'point', at: this.pointAt } : { op: 'point' });
  }

  private flushStroke(): void {
    const live = this.live;
    if (!live || this.dirtyFrom >= live.points.length) return;
    const max = ANNOTATION_LIMITS.maxPointsPerOp;
    for (let at = this.dirtyFrom; at < live.points.length; at += max) {
      const op: StrokeOp = { op: 'stroke', id: live.id, tool: live.tool, color: live.color, at, points: live.points.slice(at, at + max) };
      if (live.text !== undefined) op.text = live.text;
      this.options.send(op);
    }
    this.dirtyFrom = live.points.length;
  }
}
