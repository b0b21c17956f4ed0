import { SupportError } from '../protocol/errors.js';

/**
 * Bounds one wait (an SDK call, a history endpoint, a lazy import) by our own timer and an optional
 * abort signal: an SDK's internal retries can otherwise keep a promise pending for minutes.
 * Rejects with `timeout` or `closed`; a later settlement of `promise` is ignored.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abortError = (): SupportError => new SupportError('closed', `${what} was cancelled`);
    if (signal?.aborted) {
      promise.catch(() => undefined);
      reject(abortError());
      return;
    }
    const onAbort = (): void => {
      cleanup();
      reject(abortError());
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new SupportError('timeout', `${what} did not finish within ${ms} ms`));
    }, ms);
    const cleanup = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        cleanup();
        resolve(value);
      },
      (error: unknown) => {
        cleanup();
        reject(error);
      },
    );
  });
}

/** Time left of a budget that started at `startedAt` (never below 1 ms, so timers still fire). */
export function remaining(startedAt: number, budgetMs: number): number {
  return Math.max(1, budgetMs - (Date.now() - startedAt));
}
