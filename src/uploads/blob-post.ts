import { SupportError } from '../protocol/errors.js';

/** One POST of a file body. */
export interface BlobPost {
  url: string;
  body: Blob;
  headers: Record<string, string>;
  /** Longest wait without progress; for fetch (no progress events) the whole request. */
  timeoutMs: number;
  signal?: AbortSignal;
  onProgress?: (loaded: number, total: number) => void;
}

/** The answer, whatever its status. */
export interface PostResult {
  status: number;
  text: string;
}

function cancelled(signal: AbortSignal): SupportError {
  return new SupportError('closed', 'the upload was cancelled', { cause: signal.reason });
}

function timedOut(message: string): SupportError {
  return new SupportError('timeout', message);
}

/** XMLHttpRequest: the only browser API that reports upload progress. */
function postWithXhr(request: BlobPost): Promise<PostResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const { signal } = request;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = (error: SupportError | undefined, result?: PostResult): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error !== undefined) reject(error);
      else if (result !== undefined) resolve(result);
    };
    // Re-armed on every progress event: a slow but moving upload is not a timeout.
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        xhr.abort();
        settle(timedOut(`the upload made no progress for ${request.timeoutMs} ms`));
      }, request.timeoutMs);
    };
    const onAbort = (): void => {
      xhr.abort();
      if (signal !== undefined) settle(cancelled(signal));
    };
    xhr.open('POST', request.url);
    for (const [name, value] of Object.entries(request.headers)) xhr.setRequestHeader(name, value);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event): void => {
      arm();
      request.onProgress?.(event.loaded, event.lengthComputable ? event.total : request.body.size);
    };
    xhr.onprogress = arm;
    xhr.onload = (): void => settle(undefined, { status: xhr.status, text: xhr.responseText });
    xhr.onerror = (): void => settle(new SupportError('network', 'the upload failed: network error'));
    signal?.addEventListener('abort', onAbort, { once: true });
    arm();
    xhr.send(request.body);
  });
}

/** fetch: works everywhere (Node, workers) but cannot report upload progress. */
async function postWithFetch(request: BlobPost): Promise<PostResult> {
  const controller = new AbortController();
  const { signal } = request;
  let expired = false;
  const onAbort = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => {
    expired = true;
    controller.abort();
  }, request.timeoutMs);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
    });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    if (signal?.aborted === true) throw cancelled(signal);
    if (expired) throw timedOut(`the upload did not finish within ${request.timeoutMs} ms`);
    throw new SupportError('network', `the upload failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * POSTs a blob with XMLHttpRequest where there is one (upload progress events), else with fetch
 * (no progress). Resolves with any HTTP answer; rejects with `SupportError` `network`,
 * `timeout` or `closed` (cancelled through `signal`).
 */
export function postBlob(request: BlobPost): Promise<PostResult> {
  if (request.signal?.aborted === true) return Promise.reject(cancelled(request.signal));
  return typeof XMLHttpRequest === 'function' ? postWithXhr(request) : postWithFetch(request);
}
