/**
 * The `camera` signal of a call (torch and zoom help): what one side's camera can do, a request to
 * change it, and the answer. Lenient parsers, like `call-signals.ts`: an odd payload from a peer on
 * another SDK version is dropped (`undefined`), never thrown into the call.
 */

/** A camera's zoom range and its current zoom. */
export interface ZoomRange {
  min: number;
  max: number;
  step: number;
  value: number;
}

/** What a camera can do for remote help (`getCapabilities()`), and where it stands now. */
export interface CameraHelpCapabilities {
  /** The camera has a torch (its flash light). */
  torch: boolean;
  /** The torch is on. */
  torchOn: boolean;
  /** The camera zooms: its range and current zoom. Absent when it cannot. */
  zoom?: ZoomRange;
}

/** One change asked of the peer's camera: torch on or off, or a zoom level. */
export type CameraChange = { torch: boolean } | { zoom: number };

/** How the camera's side answered: applied, refused by the user, or allowed but the camera could not. */
export type CameraAnswer = 'applied' | 'refused' | 'failed';

/** A request with its id (the answer names it). */
export interface CameraRequest {
  id: string;
  change: CameraChange;
}

/** Payload of a `camera` signal. */
export type CameraSignalPayload =
  | ({ type: 'capabilities' } & CameraHelpCapabilities)
  | ({ type: 'request'; id: string } & CameraChange)
  | { type: 'answer'; id: string; answer: CameraAnswer };

/** A camera that can do nothing (no camera, or none of torch and zoom). */
export const NO_CAMERA_HELP: CameraHelpCapabilities = { torch: false, torchOn: false };

const MAX_ID_CHARS = 64;
const ANSWERS: readonly CameraAnswer[] = ['applied', 'refused', 'failed'];

function asObject(payload: unknown): Record<string, unknown> {
  return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : {};
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Reads a zoom range; `undefined` unless `min <= value <= max` and `step > 0`. */
export function parseZoomRange(value: unknown): ZoomRange | undefined {
  const { min, max, step, value: current } = asObject(value);
  if (!isNumber(min) || !isNumber(max) || !isNumber(step) || !isNumber(current)) return undefined;
  if (min > max || step <= 0 || current < min || current > max) return undefined;
  return { min, max, step, value: current };
}

/** Reads a change: exactly one of `torch` (boolean) or `zoom` (finite number). */
function parseChange(o: Record<string, unknown>): CameraChange | undefined {
  const { torch, zoom } = o;
  if (typeof torch === 'boolean' && zoom === undefined) return { torch };
  if (isNumber(zoom) && torch === undefined) return { zoom };
  return undefined;
}

/** Reads a `camera` signal's payload; `undefined` when malformed. */
export function parseCameraSignal(payload: unknown): CameraSignalPayload | undefined {
  const o = asObject(payload);
  const { torch, torchOn, zoom: range } = o;
  const rawId = o['id'];
  const id = typeof rawId === 'string' && rawId.length > 0 && rawId.length <= MAX_ID_CHARS ? rawId : undefined;
  switch (o['type']) {
    case 'capabilities': {
      if (typeof torch !== 'boolean') return undefined;
      const zoom = range === undefined ? undefined : parseZoomRange(range);
      if (range !== undefined && !zoom) return undefined;
      return { type: 'capabilities', torch, torchOn: torchOn === true, ...(zoom ? { zoom } : {}) };
    }
    case 'request': {
      const change = parseChange(o);
      return id && change ? { type: 'request', id, ...change } : undefined;
    }
    case 'answer': {
      const answer = ANSWERS.find((known) => known === o['answer']);
      return id && answer ? { type: 'answer', id, answer } : undefined;
    }
    default:
      return undefined;
  }
}

/** The change a request carries. */
export function changeOf(request: CameraChange): CameraChange {
  return 'torch' in request ? { torch: request.torch } : { zoom: request.zoom };
}

/**
 * The next zoom level one step in or out: a quarter of the range (at least the camera's own
 * step), rounded to the step and kept in range. `undefined` when already at that end.
 */
export function nextZoom(range: ZoomRange, direction: 'in' | 'out'): number | undefined {
  const delta = Math.max(range.step, (range.max - range.min) / 4);
  const raw = range.value + (direction === 'in' ? delta : -delta);
  const stepped = range.min + Math.round((raw - range.min) / range.step) * range.step;
  const next = Math.min(range.max, Math.max(range.min, Number(stepped.toFixed(6))));
  return next === range.value ? undefined : next;
}
