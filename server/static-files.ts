/**
 * Static files under a root directory, with path resolution that cannot leave the root:
 * the raw (undecoded) request path is decoded once, and any `.`/`..`/hidden segment, backslash
 * or NUL is refused before the file system is touched; symlinks must stay inside the root too.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** Content-Type for a file name; unknown types are served as opaque bytes. */
export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Turns a raw URL path below a route prefix into an absolute file path inside `root`,
 * or undefined when the path is malformed or tries to leave the root.
 */
export function resolveInside(root: string, rawRelative: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawRelative);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/');
  if (segments.some((s) => s === '' || s.startsWith('.'))) return undefined;
  const base = resolve(root);
  const file = resolve(base, ...segments);
  return file.startsWith(base + sep) ? file : undefined;
}

/** Serves one file (GET or HEAD); resolves false when there is nothing to serve (caller sends 404). */
export async function serveFile(req: IncomingMessage, res: ServerResponse, root: string, file: string): Promise<boolean> {
  let real: string;
  let realRoot: string;
  let size: number;
  try {
    [real, realRoot] = await Promise.all([realpath(file), realpath(root)]);
    const info = await stat(real);
    if (!info.isFile()) return false;
    size = info.size;
  } catch {
    return false;
  }
  if (!real.startsWith(realRoot + sep)) return false;
  res.writeHead(200, {
    'Content-Type': contentTypeOf(real),
    'Content-Length': size,
    'Cache-Control': 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  await new Promise<void>((done) => {
    const stream = createReadStream(real);
    stream.on('error', () => {
      res.destroy();
      done();
    });
    stream.on('end', done);
    stream.pipe(res);
  });
  return true;
}
