/**
 * A plain HTTP origin for tests that play a shop's own web server or a CDN: static folders under
 * URL prefixes, JSON routes (a shop backend's token endpoint) and, for a CDN, a CORS header so
 * pages on other origins may load its module scripts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
};

export interface StaticOriginOptions {
  /** URL prefix (`/`, `/cdn/`) → folder. */
  folders?: Record<string, string>;
  /** Exact path → handler, given the parsed JSON body of a POST (undefined for GET). */
  routes?: Record<string, (body: unknown, req: IncomingMessage) => unknown>;
  /** Send `Access-Control-Allow-Origin: *` (what a CDN does for module scripts). */
  cors?: boolean;
}

export interface StaticOrigin {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** Paths requested so far (to check which origin served what). */
  requests: string[];
  /** Whether it sends `Access-Control-Allow-Origin: *` now (a test may fix a CDN mid-way). */
  cors: boolean;
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

async function serveFolder(res: ServerResponse, folder: string, relative: string): Promise<boolean> {
  const file = normalize(join(folder, decodeURIComponent(relative) || 'index.html'));
  if (!file.startsWith(normalize(folder) + sep) && file !== normalize(folder)) return false;
  try {
    const info = await stat(file);
    const path = info.isDirectory() ? join(file, 'index.html') : file;
    const body = await readFile(path);
    res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    res.end(body);
    return true;
  } catch {
    return false;
  }
}

export async function startStaticOrigin(options: StaticOriginOptions): Promise<StaticOrigin> {
  const requests: string[] = [];
  let cors = options.cors === true;
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push(path);
    if (cors) res.setHeader('Access-Control-Allow-Origin', '*');
    void (async () => {
      const route = options.routes?.[path];
      if (route !== undefined) {
        const result = route(req.method === 'POST' ? await readJson(req) : undefined, req);
        res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
        res.end(JSON.stringify(result));
        return;
      }
      const prefixes = Object.keys(options.folders ?? {}).sort((a, b) => b.length - a.length);
      for (const prefix of prefixes) {
        if (!path.startsWith(prefix)) continue;
        if (await serveFolder(res, options.folders?.[prefix] ?? '', path.slice(prefix.length))) return;
      }
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found\n');
    })().catch((error: unknown) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get cors() {
      return cors;
    },
    set cors(on: boolean) {
      cors = on;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
