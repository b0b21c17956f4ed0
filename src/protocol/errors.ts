import type { ErrorCode } from './model.js';

export type { ErrorCode };

/**
 * Every failure in the SDK is a `SupportError` with a stable `code`; elements show a
 * localised message for the code and fire `support-error`.
 */
export class SupportError extends Error {
  override readonly name = 'SupportError';
  readonly code: ErrorCode;
  /** True when trying again may succeed (network, timeout, rate-limited). */
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; retryable?: boolean }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options?.retryable ?? RETRYABLE.has(code);
  }
}

const RETRYABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'network',
  'timeout',
  'closed',
  'rate-limited',
  'internal',
  'token-expired',
  'storage-full',
  'quota-exceeded',
  'too-many-connections',
]);

/** Wraps anything thrown into a `SupportError`. */
export function toSupportError(error: unknown, fallback: ErrorCode = 'internal'): SupportError {
  if (error instanceof SupportError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SupportError(fallback, message, { cause: error });
}
