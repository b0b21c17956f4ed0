/**
 * What travels when an agent freezes, draws on or points at a call's video (the `annotate` signal):
 * small operations in normalised coordinates (0..1 of the still or of the camera frame), and the
 * strict parser every received one goes through, so a peer on another SDK version (or a hostile
 * one) cannot hand the drawing code NaN, a million points or a foreign address.
 */
import { isAttachmentUrl } from '../../protocol/attachment-url.js';
import { SupportError } from '../../protocol/errors.js';

/** The drawing tools. */
export type AnnotationTool = 'arrow' | 'circle' | 'pen' | 'text';

/** A point as `[x, y]`, each 0..1 of the still's (or the camera frame's) width and height. */
export type NormalPoint = readonly [number, number];

/** A full-resolution still as the camera's side stored it. */
export interface AnnotationStill {
  /** Where it is stored: a relay upload (`/uploads/<id>`) or the shop's storage (http(s)). */
  url: string;
  width: number;
  height: number;
}

/**
 * One annotation operation. Who is meant by "your camera" is relative to the receiver: `freeze`
 * and `pointing` say the sender froze or points at the video it receives, i.e. the receiver's camera.
 */
export type AnnotationOp =
  /** The sender froze the receiver's camera: the receiver captures and shares the still (`still`). */
  | { op: 'freeze'; id: string }
  /** The camera's side stored the full-resolution still of freeze `id`: both sides show it. */
  | { op: 'still'; id: string; still: AnnotationStill }
  /** Back to live video on both sides; the drawing goes with the still. */
  | { op: 'unfreeze'; id: string }
  /**
   * Creates or extends a stroke: its points from index `at` on are replaced by `points` (a pen
   * appends; an arrow or circle resends its two points as they move).
   */
  | { op: 'stroke'; id: string; tool: AnnotationTool; color: string; at: number; points: NormalPoint[]; text?: string }
  /** Removes one stroke (undo). */
  | { op: 'remove'; id: string }
  /** Removes every stroke. */
  | { op: 'clear' }
  /** The sender points at the receiver's camera (`on`), or stopped. */
  | { op: 'pointing'; on: boolean }
  /** Where the pointer is, in the receiver's camera frame; without `at` it is lifted. */
  | { op: 'point'; at?: NormalPoint };

/** The `stroke` operation. */
export type StrokeOp = Extract<AnnotationOp, { op: 'stroke' }>;

/** Bounds a received operation must keep. */
export const ANNOTATION_LIMITS = {
  /** Points in one `stroke` operation (the sender batches at most this many). */
  maxPointsPerOp: 64,
  /** Points in one stroke. */
  maxPointsPerStroke: 2000,
  /** Strokes on one still. */
  maxStrokes: 100,
  maxTextChars: 80,
  maxIdChars: 64,
  maxUrlChars: 2048,
  /** Longest side of a still, px. */
  maxStillSide: 8192,
} as const;

const TOOLS: readonly AnnotationTool[] = ['arrow', 'circle', 'pen', 'text'];
const COLOR = /^#[0-9a-f]{6}$/i;
const ID = /^[A-Za-z0-9_-]+$/;

/** The result of reading one received payload. */
export type AnnotationParse = { ok: true; op: AnnotationOp } | { ok: false; error: SupportError };

class Refused extends Error {}

function refuse(why: string): never {
  throw new Refused(why);
}

function objectOf(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) refuse('not an object');
  return value as Record<string, unknown>;
}

function idOf(o: Record<string, unknown>): string {
  const id = o['id'];
  if (typeof id !== 'string' || id.length > ANNOTATION_LIMITS.maxIdChars || !ID.test(id)) refuse('bad id');
  return id;
}

function unit(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) refuse('coordinate outside 0..1');
  return value;
}

function pointOf(value: unknown): NormalPoint {
  if (!Array.isArray(value) || value.length !== 2) refuse('a point is [x, y]');
  return [unit(value[0]), unit(value[1])];
}

function intIn(value: unknown, min: number, max: number, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) refuse(`bad ${what}`);
  return value;
}

/** Control characters (a label is one line of plain text). */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function stillOf(value: unknown): AnnotationStill {
  const o = objectOf(value);
  const url = o['url'];
  if (typeof url !== 'string' || url.length > ANNOTATION_LIMITS.maxUrlChars || !isAttachmentUrl(url)) refuse('bad still url');
  const max = ANNOTATION_LIMITS.maxStillSide;
  return { url, width: intIn(o['width'], 1, max, 'still width'), height: intIn(o['height'], 1, max, 'still height') };
}

function strokeOf(o: Record<string, unknown>): AnnotationOp {
  const tool = o['tool'];
  if (typeof tool !== 'string' || !TOOLS.includes(tool as AnnotationTool)) refuse('bad tool');
  const color = o['color'];
  if (typeof color !== 'string' || !COLOR.test(color)) refuse('bad color');
  const points = o['points'];
  if (!Array.isArray(points) || points.length === 0 || points.length > ANNOTATION_LIMITS.maxPointsPerOp) refuse('bad points');
  const op: StrokeOp = {
    op: 'stroke',
    id: idOf(o),
    tool: tool as AnnotationTool,
    color,
    at: intIn(o['at'] ?? 0, 0, ANNOTATION_LIMITS.maxPointsPerStroke - 1, 'at'),
    points: points.map(pointOf),
  };
  const text = o['text'];
  if (text !== undefined) {
    if (typeof text !== 'string' || text.length > ANNOTATION_LIMITS.maxTextChars || hasControl(text)) refuse('bad text');
    op.text = text;
  }
  return op;
}

function read(payload: unknown): AnnotationOp {
  const o = objectOf(payload);
  switch (o['op']) {
    case 'freeze':
    case 'unfreeze':
    case 'remove':
      return { op: o['op'], id: idOf(o) };
    case 'still':
      return { op: 'still', id: idOf(o), still: stillOf(o['still']) };
    case 'stroke':
      return strokeOf(o);
    case 'clear':
      return { op: 'clear' };
    case 'pointing':
      if (typeof o['on'] !== 'boolean') refuse('pointing needs on');
      return { op: 'pointing', on: o['on'] };
    case 'point':
      return o['at'] === undefined ? { op: 'point' } : { op: 'point', at: pointOf(o['at']) };
    default:
      return refuse('unknown op');
  }
}

/**
 * Reads one received `annotate` payload. A malformed one is refused as a `bad-frame`
 * `SupportError` value (never thrown): the caller drops it.
 *
 * @example
 * const parsed = parseAnnotationOp({ op: 'point', at: [0.5, 0.25] });
 * if (parsed.ok) board.apply(parsed.op, false);
 */
export function parseAnnotationOp(payload: unknown): AnnotationParse {
  try {
    return { ok: true, op: read(payload) };
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    return { ok: false, error: new SupportError('bad-frame', `annotation dropped: ${error.message}`, { retryable: false }) };
  }
}

/** A checked annotation operation of the peer, as `client.calls` emits it (`annotation`). */
export interface CallAnnotationEvent {
  callId: string;
  conversationId: string;
  /** User id of the peer who sent it. */
  fromId: string;
  op: AnnotationOp;
}

/** What the call's signal routing decides for an `annotate` signal: deliver it, or drop it as malformed. */
export type AnnotationDecision = { kind: 'annotation'; event: CallAnnotationEvent } | { kind: 'annotation'; error: SupportError };

/** Checks the payload of an `annotate` signal of the current call's peer (`decideSignal` calls it). */
export function decideAnnotation(signal: { callId: string; conversationId: string; from: { id: string }; payload?: unknown }): AnnotationDecision {
  const parsed = parseAnnotationOp(signal.payload);
  if (!parsed.ok) return { kind: 'annotation', error: parsed.error };
  return { kind: 'annotation', event: { callId: signal.callId, conversationId: signal.conversationId, fromId: signal.from.id, op: parsed.op } };
}

/**
 * Carries out an annotation decision: a checked operation goes to `emit`; a malformed one is
 * dropped with its coded error logged (never thrown at the UI). Returns whether it was delivered.
 */
export function deliverAnnotation(decision: AnnotationDecision, emit: (event: CallAnnotationEvent) => void): boolean {
  if ('event' in decision) emit(decision.event);
  else console.warn(`support-widget: ${decision.error.code}: ${decision.error.message}`);
  return 'event' in decision;
}
