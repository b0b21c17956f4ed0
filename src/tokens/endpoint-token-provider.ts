import { SupportError } from '../protocol/errors.js';
import { fetchJson } from '../base/fetch-json.js';
import { tokenProvider } from './token-provider.js';
import type { TokenGrant, TokenProvider, TokenRequest } from './types.js';

/** Options of `endpointTokenProvider`. */
export interface EndpointTokenOptions {
  /** Default `POST` when a `body` is given, else `GET`. */
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  credentials?: RequestCredentials;
  /** Default 10 000 ms. */
  timeoutMs?: number;
  /** Inject a `fetch` (tests, SSR); default `globalThis.fetch`. */
  fetch?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** `expiresAt` in seconds (a JWT-style `exp`) is taken for ms when it is clearly too small. */
function toMs(expiresAt: number): number {
  return expiresAt < 1e12 ? expiresAt * 1000 : expiresAt;
}

function readGrant(value: unknown): TokenGrant {
  if (typeof value !== 'object' || value === null) {
    throw new SupportError('config', 'token endpoint must answer a JSON object', { retryable: false });
  }
  const { token, expiresAt } = value as { token?: unknown; expiresAt?: unknown };
  if (typeof token !== 'string' || token.length === 0) {
    throw new SupportError('config', 'token endpoint answer has no "token" string', { retryable: false });
  }
  if (expiresAt === undefined || expiresAt === null) return { token };
  if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) {
    throw new SupportError('config', 'token endpoint "expiresAt" must be a number', { retryable: false });
  }
  return { token, expiresAt: toMs(expiresAt) };
}

function statusError(status: number): SupportError {
  if (status === 401 || status === 403) {
    return new SupportError('unauthorized', `token endpoint refused: HTTP ${status}`, { retryable: false });
  }
  if (status === 408 || status === 429 || status >= 500) {
    return new SupportError('network', `token endpoint failed: HTTP ${status}`);
  }
  return new SupportError('config', `token endpoint answered HTTP ${status}`, { retryable: false });
}

/**
 * Fetches tokens from the shop's backend, which answers JSON `{ token, expiresAt? }`
 * (`expiresAt` in ms since epoch). Cached and single-flight like `tokenProvider()`.
 *
 * Errors: `network` (unreachable, 5xx), `timeout`, `unauthorized` (401/403), `config`
 * (other 4xx, malformed answer).
 *
 * @example
 * endpointTokenProvider('/support/token', { credentials: 'include' })
 */
export function endpointTokenProvider(url: string, options: EndpointTokenOptions = {}): TokenProvider {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');

  return tokenProvider(async (request: TokenRequest): Promise<TokenGrant> => {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    const init: RequestInit = { method, headers };
    if (options.credentials !== undefined) init.credentials = options.credentials;
    if (options.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      init.body = JSON.stringify(options.body);
    }
    const json = await fetchJson(url, init, {
      what: 'token endpoint',
      timeoutMs,
      signal: request.signal,
      fetch: options.fetch,
      refuse: (response) => statusError(response.status),
    });
    return readGrant(json);
  });
}
