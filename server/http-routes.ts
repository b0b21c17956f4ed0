/**
 * Plain HTTP on the relay's port: health check, demo token endpoint, uploads, the demo pages
 * and the built bundles. Everything else is 404.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { handleDemoToken, sendJson } from './demo-token.js';
import { resolveInside, serveFile } from './static-files.js';
import type { UploadRoutes } from './upload-routes.js';

export interface HttpRoutesOptions {
  staticRoot: string;
  demo: boolean;
  secret: string;
  log: (line: string) => void;
  /** `/uploads` and below; 404 when absent. */
  uploads?: UploadRoutes;
}

/** Directories served below their URL prefix, relative to the static root. */
const STATIC_PREFIXES = ['demo', 'dist'] as const;

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
  const { staticRoot } = options;
  const demoDir = join(staticRoot, 'demo');

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = rawPath(req);
    if (options.uploads !== undefined && (path === '/uploads' || path.startsWith('/uploads/'))) {
      await options.uploads(req, res, path);
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
    if (path === '/healthz') return sendJson(res, 200, { ok: true }, { 'Cache-Control': 'no-store' });
    if (path === '/agent') {
      res.writeHead(301, { Location: '/agent/' });
      res.end();
      return;
    }
    let file: string | undefined;
    let root = staticRoot;
    if (path === '/' || path === '/agent/') {
      root = demoDir;
      file = path === '/' ? join(demoDir, 'index.html') : join(demoDir, 'agent', 'index.html');
    } else {
      for (const prefix of STATIC_PREFIXES) {
        if (!path.startsWith(`/${prefix}/`)) continue;
        root = join(staticRoot, prefix);
        file = resolveInside(root, path.slice(prefix.length + 2));
        break;
      }
    }
    if (file === undefined || !(await serveFile(req, res, root, file))) notFound(res);
  }

  return (req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    route(req, res).catch((error: unknown) => {
      options.log(`http error on ${req.method ?? '?'} ${req.url ?? '?'}: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal', message: 'internal error' });
      else res.destroy();
    });
  };
}
