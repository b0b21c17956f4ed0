/**
 * The promise `join()` returns: settled once by whoever comes first: connected, failed, left,
 * the caller's timeout, or the caller's abort signal.
 */
import { SupportError } from '../../protocol/errors.js';
import type { MediaJoinOptions } from '../media-types.js';

/** A pending join. */
export interface JoinDeadline {
  readonly promise: Promise<void>;
  /** Resolves (no error) or rejects the join; later calls do nothing. */
  settle(error?: SupportError): void;
}

/** Starts the join's timeout (`timeoutMs`) and abort (`signal`) watch. */
export function joinDeadline(options: Pick<MediaJoinOptions, 'timeoutMs' | 'signal'>): JoinDeadline {
  let settled = false;
  const cleanups: (() => void)[] = [];
  let resolve: () => void = () => undefined;
  let reject: (error: SupportError) => void = () => undefined;
  const promise = new Promise<void>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  const settle = (error?: SupportError): void => {
    if (settled) return;
    settled = true;
    for (const cleanup of cleanups) cleanup();
    if (error) reject(error);
    else resolve();
  };
  const { timeoutMs, signal } = options;
  if (timeoutMs !== undefined) {
    const timer = setTimeout(() => settle(new SupportError('timeout', `The media did not connect within ${timeoutMs} ms`)), timeoutMs);
    cleanups.push(() => clearTimeout(timer));
  }
  if (signal) {
    const onAbort = (): void => settle(new SupportError('closed', 'Joining the call was aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    cleanups.push(() => signal.removeEventListener('abort', onAbort));
  }
  return { promise, settle };
}
