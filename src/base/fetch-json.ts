import { SupportError } from '../protocol/errors.js';

/** Options of `fetchJson`. */
export interface FetchJsonOptions {
  /** What is being asked, for error messages (e.g. 'token endpoint'). */
  what: string;
  timeoutMs: number;
  /** Cancels the request: rejects with `closed`. */
  signal?: AbortSignal;
  /** Inject a `fetch` (tests, SSR); default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** The error for a non-2xx answer. */
  refuse: (response: Response) => SupportError | Promise<SupportError>;
}

/**
 * One JSON request with our own timeout and cancel, every failure a coded `SupportError`:
 * `timeout`, `closed` (aborted), `network` (unreachable), `config` (no fetch, answer not JSON),
 * or whatever `refuse` says for an HTTP error.
 */
export async function fetchJson(url: string, init: RequestInit, options: FetchJsonOptions): Promise<unknown> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') {
    throw new SupportError('config', 'no fetch implementation available', { retryable: false });
  }
  const { what, timeoutMs, signal } = options;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = (): void => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) onAbort();
  try {
    const response = await fetchImpl(url, { ...init, signal: controller.signal, cache: 'no-store' });
    if (!response.ok) throw await options.refuse(response);
    try {
      return (await response.json()) as unknown;
    } catch (error) {
      // A body cut short by our timeout or a cancel is that, not a malformed answer.
      if (controller.signal.aborted) throw error;
      throw new SupportError('config', `${what} answer is not JSON`, { cause: error, retryable: false });
    }
  } catch (error) {
    if (error instanceof SupportError) throw error;
    if (timedOut) throw new SupportError('timeout', `${what} did not answer within ${timeoutMs} ms`);
    if (signal?.aborted) throw new SupportError('closed', `${what} request aborted`, { cause: error });
    throw new SupportError('network', `${what} unreachable`, { cause: error });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
