import { SupportError, toSupportError } from '../protocol/errors.js';
import type { TokenFunction, TokenGrant, TokenProvider, TokenRequest, TokenSource } from './types.js';

/** A cached token is renewed this long before it expires, so it never expires in flight. */
export const TOKEN_REFRESH_MARGIN_MS = 30_000;

interface CachedToken {
  token: string;
  expiresAt?: number;
}

function toGrant(value: string | TokenGrant): TokenGrant {
  if (typeof value === 'string') return { token: value };
  return value;
}

function isFresh(cached: CachedToken, now: number): boolean {
  return cached.expiresAt === undefined || now < cached.expiresAt - TOKEN_REFRESH_MARGIN_MS;
}

/** Rejects when `signal` aborts; the shared request itself keeps running for other callers. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new SupportError('closed', 'token request aborted'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new SupportError('closed', 'token request aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : toSupportError(error, 'network'));
      },
    );
  });
}

/**
 * Wraps an async function returning a token (or `{ token, expiresAt }` with `expiresAt` in ms
 * since epoch) into a `TokenProvider` that caches it until 30 s before `expiresAt` (forever
 * when unknown), shares one request between concurrent callers, and bypasses the cache on
 * `forceRefresh`.
 *
 * @example
 * const provider = tokenProvider(async () => (await fetch('/support/token')).json());
 */
export function tokenProvider(fn: TokenFunction): TokenProvider {
  let cached: CachedToken | undefined;
  let inFlight: Promise<string> | undefined;

  const request = (forceRefresh: boolean): Promise<string> => {
    // A request already in flight is fresh by definition, so a forced refresh joins it.
    if (inFlight) return inFlight;
    if (!forceRefresh && cached && isFresh(cached, Date.now())) return Promise.resolve(cached.token);
    const started = (async (): Promise<string> => {
      // Yield first so `inFlight` is set before a synchronously throwing `fn` reaches `finally`.
      await null;
      try {
        const grant = toGrant(await fn({ forceRefresh }));
        if (typeof grant.token !== 'string' || grant.token.length === 0) {
          throw new SupportError('config', 'token function returned no token', { retryable: false });
        }
        cached = grant.expiresAt === undefined ? { token: grant.token } : { token: grant.token, expiresAt: grant.expiresAt };
        return grant.token;
      } catch (error) {
        cached = undefined;
        throw toSupportError(error, 'network');
      } finally {
        inFlight = undefined;
      }
    })();
    inFlight = started;
    return started;
  };

  return {
    getToken(tokenRequest: TokenRequest = {}): Promise<string> {
      return raceAbort(request(tokenRequest.forceRefresh === true), tokenRequest.signal);
    },
  };
}

/** Accepts a provider or a plain async function wherever a token source is configured. */
export function toTokenProvider(source: TokenSource): TokenProvider {
  if (typeof source === 'function') return tokenProvider(source);
  return source;
}
