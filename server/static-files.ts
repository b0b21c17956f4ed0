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

/**
 * A validator that changes whenever the file is replaced or rewritten (size and modification time,
 * as nginx does): cheap, and a rebuild that swaps the folder always gets new ones.
 */
function etagOf(size: number, mtimeMs: number): string {
  return `"${Math.floor(mtimeMs).toString(16)}-${size.toString(16)}"`;
}

/** True when the request's `If-None-Match` lists `etag` (or `*`), compared weakly as RFC 9110 says for GET. */
function matchesEtag(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (header === undefined) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

/**
 * Serves one file (GET or HEAD) with an `ETag`, answering 304 when the client's copy is current;
 * resolves false when there is nothing to serve (caller sends 404).
 *
 * @param cacheControl the `Cache-Control` of the answer; default `no-cache` (use, but revalidate first)
 */
export async function serveFile(req: IncomingMessage, res: ServerResponse, root: string, file: string, cacheControl = 'no-cache'): Promise<boolean> {
  let real: string;
  let realRoot: string;
  let size: number;
  let etag: string;
  try {
    [real, realRoot] = await Promise.all([realpath(file), realpath(root)]);
    const info = await stat(real);
    if (!info.isFile()) return false;
    size = info.size;
    etag = etagOf(info.size, info.mtimeMs);
  } catch {
    return false;
  }
  if (!real.startsWith(realRoot + sep)) return false;
  if (matchesEtag(req, etag)) {
    res.writeHead(304, { ETag: etag, 'Cache-Control': cacheControl });
    res.end();
    return true;
  }
  res.writeHead(200, {
    'Content-Type': contentTypeOf(real),
    'Content-Length': size,
    'Cache-Control': cacheControl,
    ETag: etag,
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
