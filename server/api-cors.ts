/**
 * CORS for the relay's HTTP API (`/uploads*`, `/agora/token`, `/demo/token`, `/privacy*`, and the
 * plain-HTTP probe of `/ws`), decided by the `OriginPolicy`: an allowed page gets its own origin
 * back in `Access-Control-Allow-Origin` (never `*`), preflights are answered here, and a page on
 * an origin that is not allowed gets 403 `origin-not-allowed` before its request is read, so
 * nothing it sent is stored.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './demo-token.js';
import type { RelayLog } from './log.js';
import type { OriginPolicy } from './origins.js';

/** Request headers a page may send: the token, the upload's type, and range requests of media. */
export const CORS_ALLOWED_HEADERS = 'Authorization, Content-Type, Range, If-Range, If-None-Match';
/** Response headers a page may read: what uploads and ranged downloads answer. */
export const CORS_EXPOSED_HEADERS = 'Content-Length, Content-Range, Content-Disposition, Accept-Ranges, ETag, Location';
const PREFLIGHT_MAX_AGE_S = '600';

/** Why a refused page was refused, in the body of the 403 (and the WebSocket's 403). */
export function originRefusal(origin: string): { error: 'origin-not-allowed'; code: 'origin-not-allowed'; message: string } {
  return {
    error: 'origin-not-allowed',
    code: 'origin-not-allowed',
    message: `pages on ${origin} may not use this relay; list the origin in SUPPORT_ALLOWED_ORIGINS`,
  };
}

export interface ApiCorsOptions {
  policy: OriginPolicy;
  log: RelayLog;
}

/**
 * Applies the policy to one API request. Answers (and returns true for) a refused origin and a
 * preflight; otherwise sets the CORS headers and returns false for the route to answer.
 *
 * @param methods what the route accepts, e.g. `GET, HEAD, POST` (OPTIONS is added)
 */
export function answeredByCors(req: IncomingMessage, res: ServerResponse, path: string, methods: string, options: ApiCorsOptions): boolean {
  const verdict = options.policy.check(req);
  res.setHeader('Vary', 'Origin');
  if (!verdict.allowed) {
    options.log({ level: 'warn', event: 'origin-refused', code: 'origin-not-allowed', origin: verdict.origin, method: req.method ?? '?', path });
    // The page may read why (only that): the client turns it into a coded error.
    sendJson(res, 403, originRefusal(verdict.origin), {
      'Access-Control-Allow-Origin': verdict.origin,
      'Cache-Control': 'no-store',
      Connection: 'close',
    });
    return true;
  }
  if (verdict.origin !== undefined) {
    res.setHeader('Access-Control-Allow-Origin', verdict.origin);
    res.setHeader('Access-Control-Expose-Headers', CORS_EXPOSED_HEADERS);
  }
  if (req.method !== 'OPTIONS') return false;
  const headers: Record<string, string | number> = { Allow: `${methods}, OPTIONS`, 'Content-Length': 0 };
  if (verdict.origin !== undefined) {
    headers['Access-Control-Allow-Methods'] = `${methods}, OPTIONS`;
    headers['Access-Control-Allow-Headers'] = CORS_ALLOWED_HEADERS;
    headers['Access-Control-Max-Age'] = PREFLIGHT_MAX_AGE_S;
    headers['Vary'] = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers';
  }
  res.writeHead(204, headers);
  res.end();
  return true;
}
