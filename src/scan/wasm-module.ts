/**
 * Fetches and compiles the barcode decoder's WebAssembly, with one coded error per cause: the
 * page's Content-Security-Policy refuses WebAssembly (`config`: it needs `'wasm-unsafe-eval'` in
 * `script-src`) or the file's origin (`config`: `connect-src`), the file is missing (`config`),
 * the network failed or was too slow (`network`, `timeout`).
 */
import { SupportError } from '../protocol/errors.js';

/** Longest wait for the decoder's file (about 1 MB: 380 KB gzipped) on a slow phone connection. */
export const DECODER_LOAD_TIMEOUT_MS = 60_000;

/** True when a compile error is the page's CSP refusing WebAssembly (Chromium, Firefox and Safari word it so). */
function isCspRefusal(error: unknown): boolean {
  return /Content Security Policy|unsafe-eval|CSP/i.test(error instanceof Error ? error.message : String(error));
}

/** What a page whose CSP refuses WebAssembly is told. */
const WASM_REFUSED = "the page's Content-Security-Policy refuses WebAssembly: add 'wasm-unsafe-eval' to script-src (docs/scan.md)";

/**
 * Fetches `url`; a fetch the page's CSP refused (`connect-src`) fails as a network error would,
 * so the `securitypolicyviolation` the browser fires for it tells the two apart.
 */
async function fetchDecoder(url: URL, timeoutMs: number): Promise<Response> {
  let refused = false;
  const onViolation = (event: SecurityPolicyViolationEvent): void => {
    if (event.blockedURI === url.href) refused = true;
  };
  const page = typeof document === 'undefined' ? undefined : document;
  page?.addEventListener('securitypolicyviolation', onViolation);
  try {
    return await fetch(url, { credentials: 'same-origin', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    if (page) await new Promise((resolve) => setTimeout(resolve, 50)); // the violation event is a task of its own
    if (refused) {
      throw new SupportError('config', `the page's Content-Security-Policy refuses to fetch ${url.href}: add its origin to connect-src (docs/scan.md)`, { cause: error, retryable: false });
    }
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new SupportError(timedOut ? 'timeout' : 'network', `could not fetch the barcode decoder ${url.href}`, { cause: error });
  } finally {
    page?.removeEventListener('securitypolicyviolation', onViolation);
  }
}

/** The compiled decoder at `url` (a server that does not answer `application/wasm` is compiled from its bytes). */
export async function compileWasm(url: URL, timeoutMs = DECODER_LOAD_TIMEOUT_MS): Promise<WebAssembly.Module> {
  const response = await fetchDecoder(url, timeoutMs);
  if (!response.ok) {
    // A 404 is a deployment without dist/cdn/zxing_reader.wasm: trying again will not help.
    const missing = response.status === 404 || response.status === 403;
    throw new SupportError(missing ? 'config' : 'network', `the barcode decoder ${url.href} answered ${response.status}`, { retryable: !missing });
  }
  try {
    const streaming = (response.headers.get('content-type') ?? '').startsWith('application/wasm');
    return streaming ? await WebAssembly.compileStreaming(response) : await WebAssembly.compile(await response.arrayBuffer());
  } catch (error) {
    if (isCspRefusal(error)) {
      throw new SupportError('config', WASM_REFUSED, { cause: error, retryable: false });
    }
    throw new SupportError('internal', `could not compile the barcode decoder: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
