import { SupportError } from '../protocol/errors.js';
import { fetchJson } from '../base/fetch-json.js';
import type { TokenProvider } from '../tokens/types.js';
import { relayHttpBase } from './upload-url.js';

/** A short-lived address of one relay upload, loadable without headers (`<img src>`, links). */
export interface SignedUploadUrl {
  /** Absolute http(s) address; carries a signature for this file and viewer, never the token. */
  url: string;
  /** When the relay stops serving it (ms since epoch). */
  expiresAt: number;
}

export interface SignedUploadUrlOptions {
  signal?: AbortSignal;
  /** Default 10 000 ms. */
  timeoutMs?: number;
  /** Inject a `fetch` (tests); default `globalThis.fetch`. */
  fetch?: typeof fetch;
}

const UPLOAD_PATH = /^\/uploads\/[A-Za-z0-9_-]+$/;
const DEFAULT_TIMEOUT_MS = 10_000;

async function refusal(response: Response): Promise<SupportError> {
  let code: unknown;
  try {
    code = ((await response.json()) as { code?: unknown }).code;
  } catch {
    code = undefined;
  }
  const what = `signing a file address failed: HTTP ${response.status}`;
  if (response.status === 401) return new SupportError(code === 'token-expired' ? 'token-expired' : 'unauthorized', what);
  if (response.status === 403) return new SupportError('forbidden', what);
  if (response.status === 404) return new SupportError('not-found', what);
  if (response.status === 429) return new SupportError('rate-limited', what);
  return new SupportError(response.status >= 500 ? 'network' : 'config', what);
}

function readAnswer(value: unknown, base: string): SignedUploadUrl {
  const { url, expiresAt } = (typeof value === 'object' && value !== null ? value : {}) as { url?: unknown; expiresAt?: unknown };
  if (typeof url !== 'string' || !url.startsWith('/uploads/') || typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) {
    throw new SupportError('config', 'the relay answered no signed file address', { retryable: false });
  }
  return { url: `${base}${url}`, expiresAt };
}

/**
 * Asks the relay (`POST /uploads/<id>/url`, the token in the `Authorization` header) for a
 * short-lived address of the relay upload `path` (`/uploads/<id>`), so the token never appears
 * in a URL. An expired token is refreshed once. Errors: `forbidden`/`not-found` (not the
 * member's file), `unauthorized`/`token-expired`, `network`, `timeout`, `closed`, `config`.
 *
 * @example
 * const { url } = await requestSignedUploadUrl('https://help.example.com', attachment.url, tokenProvider);
 * img.src = url;
 */
export async function requestSignedUploadUrl(
  server: string,
  path: string,
  tokens: TokenProvider,
  options: SignedUploadUrlOptions = {},
): Promise<SignedUploadUrl> {
  if (!UPLOAD_PATH.test(path)) throw new SupportError('config', `not a relay upload: ${path}`, { retryable: false });
  const base = relayHttpBase(server);
  const ask = async (forceRefresh: boolean): Promise<SignedUploadUrl> => {
    const token = await tokens.getToken({ forceRefresh, signal: options.signal });
    const json = await fetchJson(`${base}${path}/url`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, accept: 'application/json' } }, {
      what: 'file address',
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      signal: options.signal,
      fetch: options.fetch,
      refuse: refusal,
    });
    return readAnswer(json, base);
  };
  try {
    return await ask(false);
  } catch (error) {
    if (error instanceof SupportError && error.code === 'token-expired') return ask(true);
    throw error;
  }
}
