import type { TokenProvider } from './types.js';

/**
 * A provider that always returns the same token (demos, tests, short-lived pages).
 *
 * @example
 * const client = new SupportClient({ backend: relayBackend({ server }), tokenProvider: staticToken(token) });
 */
export function staticToken(token: string): TokenProvider {
  return { getToken: () => Promise.resolve(token) };
}
