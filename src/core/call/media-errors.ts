/**
 * Turns what `getUserMedia` / `getDisplayMedia` throw into coded `SupportError`s, so the call UI
 * shows one clear message per cause: permission denied, no such device, or anything else.
 */
import { SupportError } from '../../protocol/errors.js';

/** DOMException names meaning "the user or the browser refused access". */
const DENIED = new Set(['NotAllowedError', 'SecurityError', 'PermissionDeniedError']);
/** DOMException names meaning "no device fits" (none plugged in, none matching, or busy elsewhere). */
const MISSING = new Set(['NotFoundError', 'DevicesNotFoundError', 'OverconstrainedError', 'NotReadableError', 'TrackStartError']);

/** `media-denied`, `no-device`, or `internal` (with the original error as `cause`). */
export function mediaError(error: unknown): SupportError {
  if (error instanceof SupportError) return error;
  const name = typeof error === 'object' && error !== null ? String((error as { name?: unknown }).name) : '';
  const message = error instanceof Error ? error.message : String(error);
  if (DENIED.has(name)) return new SupportError('media-denied', `Camera or microphone access was denied (${name})`, { cause: error });
  if (MISSING.has(name)) return new SupportError('no-device', `No usable camera or microphone (${name}: ${message})`, { cause: error });
  return new SupportError('internal', `Could not open the camera or microphone: ${message}`, { cause: error });
}

/** What turning the camera on during a call throws: a refusal is `camera-denied` (the call goes on with voice), the rest as `mediaError`. */
export function cameraError(error: unknown): SupportError {
  const coded = mediaError(error);
  if (coded.code !== 'media-denied') return coded;
  return new SupportError('camera-denied', 'Camera access was denied: the call goes on with voice only', { cause: error, retryable: false });
}
