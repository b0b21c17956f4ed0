import { SupportError } from '../protocol/errors.js';
import { fetchJson } from '../base/fetch-json.js';
import { defaultStorage } from '../base/storage.js';
import type { KeyValueStorage } from '../base/storage.js';
import { relayHttpBase } from '../uploads/upload-url.js';
import { toTokenProvider, tokenProvider } from './token-provider.js';
import type { TokenProvider, TokenRequest, TokenSource } from './types.js';

/** Where the visitor key is kept unless told otherwise. */
export const VISITOR_KEY_STORAGE_KEY = 'support-widget:visitor-key';
const DEFAULT_TIMEOUT_MS = 10_000;
const KEY_BYTES = 32;
const KEY_PATTERN = /^[A-Za-z0-9_-]{22,128}$/;

export interface VisitorTokenOptions {
  /** Where the key lives; default `localStorage` (memory where it does not work). */
  storage?: KeyValueStorage;
  /** Default `support-widget:visitor-key`. */
  storageKey?: string;
  /** Default 10 000 ms. */
  timeoutMs?: number;
  /** Inject a `fetch` (tests); default `globalThis.fetch`. */
  fetch?: typeof fetch;
}

/** Tokens of an anonymous visitor, tied to a random key this browser keeps. */
export interface VisitorTokenProvider extends TokenProvider {
  /** True when this browser already holds a visitor key (it has been a visitor here). */
  hasVisitor(): boolean;
  /** Forgets the key (e.g. signing out on a shared computer): the next token is a new visitor. */
  forget(): void;
}

/** 256 random bits as base64url without padding. */
function newKey(): string {
  const bytes = new Uint8Array(KEY_BYTES);
  globalThis.crypto.getRandomValues(bytes);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function statusError(status: number): SupportError {
  if (status === 404) return new SupportError('config', 'this relay does not serve anonymous visitors (SUPPORT_ANONYMOUS_SHOP)', { retryable: false });
  if (status === 429) return new SupportError('rate-limited', 'too many visitor tokens; try again in a minute');
  if (status >= 500) return new SupportError('network', `visitor token failed: HTTP ${status}`);
  return new SupportError('config', `visitor token refused: HTTP ${status}`, { retryable: false });
}

function readGrant(value: unknown): { token: string; expiresAt: number } {
  const { token, expiresAt } = (typeof value === 'object' && value !== null ? value : {}) as { token?: unknown; expiresAt?: unknown };
  if (typeof token !== 'string' || token === '' || typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) {
    throw new SupportError('config', 'the relay answered no visitor token', { retryable: false });
  }
  return { token, expiresAt };
}

/**
 * Tokens for an anonymous visitor from a relay started with `SUPPORT_ANONYMOUS_SHOP`: the first
 * call makes a random 256-bit key and keeps it in `localStorage`; every token comes from
 * `POST <server>/visitor/token` with that key in the body. The same browser is the same visitor
 * (and conversation) next week; the relay knows the visitor by a hash of the key, so the id
 * agents see does not let anyone else in. Cached and single-flight like `tokenProvider()`.
 *
 * Errors: `config` (the relay serves no visitors, malformed answer), `rate-limited`, `network`, `timeout`.
 *
 * @example
 * chat.tokenProvider = visitorTokenProvider('https://help.example.com');
 */
export function visitorTokenProvider(server: string, options: VisitorTokenOptions = {}): VisitorTokenProvider {
  const url = `${relayHttpBase(server)}/visitor/token`;
  const storageKey = options.storageKey ?? VISITOR_KEY_STORAGE_KEY;
  let storage: KeyValueStorage | undefined = options.storage;
  const store = (): KeyValueStorage => (storage ??= defaultStorage());
  const storedKey = (): string | undefined => {
    const key = store().getItem(storageKey);
    return key !== null && KEY_PATTERN.test(key) ? key : undefined;
  };
  let provider = makeProvider();

  function makeProvider(): TokenProvider {
    return tokenProvider(async (request: TokenRequest) => {
      let key = storedKey();
      if (key === undefined) {
        key = newKey();
        store().setItem(storageKey, key);
      }
      const json = await fetchJson(
        url,
        { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify({ key }) },
        { what: 'visitor token', timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, signal: request.signal, fetch: options.fetch, refuse: (r) => statusError(r.status) },
      );
      return readGrant(json);
    });
  }

  return {
    getToken: (request) => provider.getToken(request),
    hasVisitor: () => storedKey() !== undefined,
    forget: () => {
      store().removeItem(storageKey);
      provider = makeProvider(); // drop the cached token of the forgotten visitor
    },
  };
}

/**
 * The signed-in customer's tokens (`signed`, from the shop's backend, which sets the `merge`
 * claim with `createCustomerToken({ mergeVisitor: true })`), remembering the visitor this browser
 * was: each connection sends the visitor's token along (`hello.mergeFrom`), so the relay moves the
 * visitor's conversation into the customer's, once. A browser that never was a visitor sends none.
 *
 * @example
 * const visitor = visitorTokenProvider(server);
 * chat.tokenProvider = signedIn ? mergingVisitor(endpointTokenProvider('/support/token'), visitor) : visitor;
 */
export function mergingVisitor(signed: TokenSource, visitor: VisitorTokenProvider): TokenProvider {
  const provider = toTokenProvider(signed);
  return {
    getToken: (request) => provider.getToken(request),
    mergeFrom: async (request) => (visitor.hasVisitor() ? visitor.getToken(request) : undefined),
  };
}
