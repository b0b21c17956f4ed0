/**
 * Plain HTTP on the relay's port: liveness (`/healthz`) and readiness (`/readyz`), the demo token
 * endpoint, uploads, the privacy API, the demo pages and the built bundles. Everything else is
 * 404. No response sets a cookie. The API routes answer only pages the origin policy allows
 * (`api-cors.ts`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { answeredByCors } from './api-cors.js';
import { handleDemoToken, sendJson } from './demo-token.js';
import type { AgoraTokenRoute } from './agora-tokens.js';
import { errorText } from './log.js';
import type { RelayLog } from './log.js';
import type { OriginPolicy } from './origins.js';
import type { PrivacyRoutes } from './privacy-routes.js';
import type { ReadinessCheck } from './readiness.js';
import { prepareBundleResponse } from './bundle-files.js';
import { resolveInside, serveFile } from './static-files.js';
import type { UploadRoutes } from './upload-routes.js';
import type { VisitorTokenRoute } from './visitor-token.js';

export interface HttpRoutesOptions {
  /** Demo pages and their assets, served only with `demo`. */
  demoDir: string;
  /** Browser bundles served at `/dist/`. */
  bundleDir: string;
  demo: boolean;
  secret: string;
  log: RelayLog;
  /** Which pages may call the API routes. */
  origins: OriginPolicy;
  /** `/readyz`; without it `/readyz` answers like `/healthz`. */
  readiness?: ReadinessCheck;
  /** `/uploads` and below; 404 when absent. */
  uploads?: UploadRoutes;
  /** `/privacy` and below; 404 when absent (no admin token configured). */
  privacy?: PrivacyRoutes;
  /** `/agora/token` (Agora tokens for relay users); 404 when absent. */
  agoraTokens?: AgoraTokenRoute;
  /** `/admin/...` and `/unsubscribe` (issue 17, `relationship-routes.ts`): answers and returns true when the path is theirs. */
  relationship?: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>;
  /** `/visitor/token` (anonymous visitors of one shop); 404 when absent. */
  visitorTokens?: VisitorTokenRoute;
  /** CSP of the demo pages; default `DEMO_PAGE_CSP` (with Agora configured: plus `withAgoraSources`). */
  pageCsp?: string;
}

/**
 * The CSP of the demo pages (relay backend): scripts only from this origin (the script tag and
 * its ES chunks), no inline script, no eval; Lit styles through adoptedStyleSheets, so no inline
 * styles either; WebSocket to the relay; blob:/data: images and blob: media for previews.
 * `'wasm-unsafe-eval'` (WebAssembly only, never JavaScript eval) lets the serial scan's decoder
 * compile where the browser has no BarcodeDetector (docs/scan.md).
 */
export const DEMO_PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "connect-src 'self' ws: wss:",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');


/** The methods of each API route (for CORS preflights), or undefined when `path` is not one. */
function apiMethods(path: string): string | undefined {
  if (path === '/uploads' || path.startsWith('/uploads/')) return 'GET, HEAD, POST';
  if (path === '/agora/token' || path === '/demo/token' || path === '/visitor/token') return 'POST';
  if (path === '/privacy' || path.startsWith('/privacy/')) return 'GET, DELETE';
  if (path === '/admin' || path.startsWith('/admin/')) return 'GET, PUT, DELETE';
  // Not an API: a page's plain GET of the socket's address learns whether its origin may connect.
  if (path === '/ws') return 'GET';
  return undefined;
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('not found\n');
}

/** The request path exactly as sent (not decoded, not normalised), without query or fragment. */
function rawPath(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

export function createRequestHandler(options: HttpRoutesOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { demoDir } = options;
  const cors = { policy: options.origins, log: options.log };
  const prefixes: ReadonlyArray<readonly [string, string]> = [
    ...(options.demo ? [['demo', demoDir] as const] : []),
    ['dist', options.bundleDir],
  ];

  async function health(res: ServerResponse, path: '/healthz' | '/readyz'): Promise<void> {
    const ready = path === '/readyz' && options.readiness !== undefined ? await options.readiness() : { ok: true as const };
    sendJson(res, ready.ok ? 200 : 503, ready, { 'Cache-Control': 'no-store' });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = rawPath(req);
    const methods = apiMethods(path);
    if (methods !== undefined && answeredByCors(req, res, path, methods, cors)) return;
    if (path === '/ws') {
      sendJson(res, 426, { error: 'upgrade-required', message: 'connect to /ws with a WebSocket' }, { Upgrade: 'websocket', 'Cache-Control': 'no-store' });
      return;
    }
    if (options.uploads !== undefined && (path === '/uploads' || path.startsWith('/uploads/'))) {
      await options.uploads(req, res, path);
      return;
    }
    if (path === '/privacy' || path.startsWith('/privacy/')) {
      if (options.privacy !== undefined) await options.privacy(req, res, path);
      else notFound(res);
      return;
    }
    if (options.relationship !== undefined && (await options.relationship(req, res, path))) return;
    if (path === '/agora/token') {
      if (options.agoraTokens !== undefined) await options.agoraTokens(req, res);
      else notFound(res);
      return;
    }
    if (path === '/visitor/token') {
      if (options.visitorTokens !== undefined) await options.visitorTokens(req, res);
      else notFound(res);
      return;
    }
    if (path === '/demo/token') {
      if (options.demo) await handleDemoToken(req, res, options.secret);
      else notFound(res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('method not allowed\n');
      return;
    }
    if (path === '/healthz' || path === '/readyz') return health(res, path);
    if (path === '/agent') {
      res.writeHead(301, { Location: '/agent/' });
      res.end();
      return;
    }
    let file: string | undefined;
    let root = options.bundleDir;
    let cacheControl: string | undefined;
    if (options.demo && (path === '/' || path === '/agent/')) {
      root = demoDir;
      file = path === '/' ? join(demoDir, 'index.html') : join(demoDir, 'agent', 'index.html');
    } else {
      for (const [prefix, dir] of prefixes) {
        if (!path.startsWith(`/${prefix}/`)) continue;
        root = dir;
        file = resolveInside(root, path.slice(prefix.length + 2));
        if (prefix === 'dist') cacheControl = prepareBundleResponse(res, path);
        break;
      }
    }
    if (file?.endsWith('.html') === true) res.setHeader('Content-Security-Policy', options.pageCsp ?? DEMO_PAGE_CSP);
    if (file === undefined || !(await serveFile(req, res, root, file, cacheControl))) {
      res.removeHeader('Content-Security-Policy');
      notFound(res);
    }
  }

  return (req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    route(req, res).catch((error: unknown) => {
      // The path only: the query string may hold a token.
      options.log({ level: 'error', event: 'http-error', method: req.method ?? '?', path: rawPath(req), error: errorText(error) });
      if (!res.headersSent) sendJson(res, 500, { error: 'internal', message: 'internal error' });
      else res.destroy();
    });
  };
}
