/** A token and, when known, when it expires (ms since epoch). */
export interface TokenGrant {
  token: string;
  expiresAt?: number;
}

export interface TokenRequest {
  /** Skip the cache (e.g. the server said the token expired). */
  forceRefresh?: boolean;
  signal?: AbortSignal;
}

/**
 * Where the SDK gets its tokens. Use `staticToken()`, `endpointTokenProvider()`, or wrap any
 * async function with `tokenProvider(fn)`. Providers cache until shortly before expiry and
 * share one request between concurrent callers.
 */
export interface TokenProvider {
  getToken(request?: TokenRequest): Promise<string>;
  /**
   * Optional: a visitor token this browser held before signing in, sent along when connecting so
   * the relay merges that visitor's conversation (see `mergingVisitor`); undefined for none.
   */
  mergeFrom?(request?: TokenRequest): Promise<string | undefined>;
}

/** A plain async function is accepted wherever a `TokenProvider` is. */
export type TokenFunction = (request: TokenRequest) => Promise<string | TokenGrant>;

export type TokenSource = TokenProvider | TokenFunction;
