/** Reading the relay's frames: parsing, and the `SupportError` an `error` frame stands for. */
import { SupportError } from '../../protocol/errors.js';
import type { ErrorFrame, ServerFrame } from '../../protocol/frames.js';
import type { ErrorCode } from '../../protocol/model.js';

/** Codes where resending the same thing cannot succeed. */
const FINAL_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'unauthorized',
  'token-expired',
  'token-not-yet-valid',
  'not-authenticated',
  'forbidden',
  'origin-not-allowed',
  'customer-deleted',
  'attachment-not-allowed',
  'not-found',
  'bad-json',
  'bad-frame',
  'frame-too-large',
  'message-too-large',
  'config',
]);

/** The `SupportError` of an `error` frame: final for codes where resending cannot succeed. */
export function errorFromFrame(frame: ErrorFrame): SupportError {
  return new SupportError(frame.code, frame.message, { retryable: frame.retryable ?? !FINAL_CODES.has(frame.code) });
}

/** A frame from the relay, or undefined when the data is not one. */
export function parseFrame(data: unknown): ServerFrame | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string') {
      return value as ServerFrame;
    }
  } catch {
    // Reported by the caller as a bad frame.
  }
  return undefined;
}

/** Closes a socket that may already be closing or never have opened. */
export function closeQuietly(socket: WebSocket): void {
  try {
    socket.close(1000);
  } catch {
    // Already closing or never opened.
  }
}
