/**
 * What both sides of a call show for annotations: the frozen still (whose camera, which image),
 * the strokes on it and the live pointer. Pure state, no I/O: each side applies its own
 * operations as it sends them and the peer's as they arrive, in the same order the relay (or RTM)
 * delivers them, so both boards end equal.
 */
import { ANNOTATION_LIMITS, type AnnotationOp, type AnnotationStill, type AnnotationTool, type NormalPoint, type StrokeOp } from './call-annotation-ops.js';

/** One drawn shape on the still. */
export interface AnnotationStroke {
  id: string;
  tool: AnnotationTool;
  color: string;
  points: NormalPoint[];
  text?: string;
  /** Drawn on this side (undo removes only those). */
  mine: boolean;
}

/** The frozen frame. */
export interface AnnotationFreeze {
  id: string;
  /** The still is of this side's camera (the peer froze it): this side captures and shares it. */
  ownCamera: boolean;
  /** The camera's side's full-resolution still, once stored. */
  still?: AnnotationStill;
}

/** The live pointer. */
export interface AnnotationPointer {
  /** The peer points at this side's camera (else this side points at the peer's). */
  ownCamera: boolean;
  /** Where, in the camera frame; absent while lifted. */
  at?: NormalPoint;
}

/**
 * The annotation state of one call.
 *
 * @example
 * ```ts
 * const board = new AnnotationBoard();
 * board.apply({ op: 'freeze', id: 'f1' }, false); // the peer froze this side's camera
 * board.freeze?.ownCamera; // true: capture and share the still
 * ```
 */
export class AnnotationBoard {
  freeze: AnnotationFreeze | undefined;
  strokes: AnnotationStroke[] = [];
  pointer: AnnotationPointer | undefined;

  /** True while a still or a pointer is shown. */
  get active(): boolean {
    return this.freeze !== undefined || this.pointer !== undefined;
  }

  /** The newest stroke drawn on this side (what undo removes). */
  get lastOwnStroke(): AnnotationStroke | undefined {
    return this.strokes.findLast((stroke) => stroke.mine);
  }

  /** Applies one operation, `mine` when this side sent it. Returns false when it changed nothing (out of place, stale). */
  apply(op: AnnotationOp, mine: boolean): boolean {
    switch (op.op) {
      case 'freeze':
        this.freeze = { id: op.id, ownCamera: !mine };
        this.strokes = [];
        return true;
      case 'still':
        // Only the camera's side shares the still of a freeze.
        if (this.freeze?.id !== op.id || this.freeze.ownCamera !== mine) return false;
        this.freeze = { ...this.freeze, still: op.still };
        return true;
      case 'unfreeze':
        if (this.freeze?.id !== op.id) return false;
        this.freeze = undefined;
        this.strokes = [];
        return true;
      case 'stroke':
        return this.stroke(op, mine);
      case 'remove': {
        const before = this.strokes.length;
        this.strokes = this.strokes.filter((stroke) => stroke.id !== op.id);
        return this.strokes.length !== before;
      }
      case 'clear':
        if (this.strokes.length === 0) return false;
        this.strokes = [];
        return true;
      case 'pointing':
        if (op.on) this.pointer = { ownCamera: !mine };
        else if (this.pointer?.ownCamera === !mine) this.pointer = undefined;
        else return false;
        return true;
      case 'point':
        if (this.pointer?.ownCamera !== !mine) return false;
        this.pointer = op.at ? { ownCamera: !mine, at: op.at } : { ownCamera: !mine };
        return true;
    }
  }

  /** Forgets everything (the call ended). */
  reset(): void {
    this.freeze = undefined;
    this.strokes = [];
    this.pointer = undefined;
  }

  private stroke(op: StrokeOp, mine: boolean): boolean {
    if (!this.freeze) return false;
    const index = this.strokes.findIndex((stroke) => stroke.id === op.id);
    const existing = this.strokes[index];
    if (!existing) {
      if (op.at !== 0 || this.strokes.length >= ANNOTATION_LIMITS.maxStrokes) return false;
      const stroke: AnnotationStroke = { id: op.id, tool: op.tool, color: op.color, points: op.points.slice(0, ANNOTATION_LIMITS.maxPointsPerStroke), mine };
      if (op.text !== undefined) stroke.text = op.text;
      this.strokes = [...this.strokes, stroke];
      return true;
    }
    // A gap (a lost batch) or another side's id: ignore rather than draw a wrong line.
    if (op.at > existing.points.length || existing.mine !== mine) return false;
    const points = [...existing.points.slice(0, op.at), ...op.points].slice(0, ANNOTATION_LIMITS.maxPointsPerStroke);
    const updated: AnnotationStroke = { ...existing, points, ...(op.text !== undefined ? { text: op.text } : {}) };
    this.strokes = this.strokes.map((stroke, i) => (i === index ? updated : stroke));
    return true;
  }
}
