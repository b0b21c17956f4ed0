import { SupportError } from '../../protocol/errors.js';
import { fetchJson } from '../../base/fetch-json.js';

/** How long the probe may take; the connect attempt's own timeout still bounds the whole. */
export const ORIGIN_PROBE_TIMEOUT_MS = 3000;

/** The http(s) address of a ws(s) socket URL; undefined for anything else. */
function httpAddress(socketUrl: string): string | undefined {
  const url = new URL(socketUrl);
  if (url.protocol === 'ws:') url.protocol = 'http:';
  else if (url.protocol === 'wss:') url.protocol = 'https:';
  else return undefined;
  return url.toString();
}

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

/**
 * Why the relay refused a WebSocket handshake, when it refused this page's origin: a browser hides
 * the HTTP answer of a failed handshake (the socket just closes), so after a socket that closed
 * before it opened, one plain GET of the same address asks; the relay answers 403
 * `origin-not-allowed` readable by the page. Resolves that coded, final error, or undefined for
 * any other answer or none (relay down, no fetch, timeout, aborted). `fetchImpl` defaults to
 * `globalThis.fetch`.
 *
 * @example
 * const refused = await refusedOrigin('wss://help.example.com/ws');
 * if (refused) showError(refused); // code 'origin-not-allowed'
 */
export async function refusedOrigin(
  socketUrl: string,
  fetchImpl: typeof fetch | undefined = (globalThis as { fetch?: typeof fetch }).fetch,
  signal?: AbortSignal,
): Promise<SupportError | undefined> {
  const url = httpAddress(socketUrl);
  if (url === undefined || typeof fetchImpl !== 'function') return undefined;
  try {
    await fetchJson(url, { method: 'GET', credentials: 'omit' }, {
      what: 'relay',
      timeoutMs: ORIGIN_PROBE_TIMEOUT_MS,
      signal,
      fetch: fetchImpl,
      refuse: async (response) => {
        const body: unknown = await response.json().catch(() => undefined);
        if (response.status !== 403 || field(body, 'error') !== 'origin-not-allowed') {
          return new SupportError('network', `relay answered ${response.status}`);
        }
        const message = field(body, 'message');
        return new SupportError('origin-not-allowed', typeof message === 'string' ? message : 'this page may not use the relay', {
          retryable: false,
        });
      },
    });
  } catch (error) {
    if (error instanceof SupportError && error.code === 'origin-not-allowed') return error;
  }
  return undefined;
}
