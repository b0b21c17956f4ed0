/**
 * Sends a stored upload back (GET or HEAD) with headers that keep it inert: the detected type,
 * `nosniff`, a sandboxing CSP, and `Content-Disposition: attachment` for anything that is not a
 * plain image, audio or video. Single byte ranges are served (206) so media can seek.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseByteRange } from './byte-range.js';
import type { UploadRecord } from './upload-index.js';
import { contentDisposition } from './upload-name.js';
import { isInlineMime, servedContentType } from './upload-type.js';

/** Headers every served upload carries, whatever its type. */
export const UPLOAD_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; sandbox",
  // Content-addressed and never rewritten; `private` keeps shared caches from keeping it.
  'Cache-Control': 'private, max-age=31536000, immutable',
  // Shop pages of other origins embed these with <img>/<video> (and may run with COEP).
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

/** The ETag of an upload: its content hash, which never changes. */
function etagOf(record: UploadRecord): string {
  return `"${record.sha256}"`;
}

/** Serves `path` as `record`; false when the bytes are missing on disk (the caller sends 404). */
export async function serveUpload(req: IncomingMessage, res: ServerResponse, path: string, record: UploadRecord): Promise<boolean> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    return false;
  }
  const etag = etagOf(record);
  const headers: Record<string, string | number> = {
    ...UPLOAD_RESPONSE_HEADERS,
    'Content-Type': servedContentType(record.mime),
    'Content-Disposition': contentDisposition(isInlineMime(record.mime) ? 'inline' : 'attachment', record.name),
    'Accept-Ranges': 'bytes',
    ETag: etag,
  };
  if (req.headers['if-none-match']?.split(',').some((tag) => tag.trim() === etag) === true) {
    res.writeHead(304, headers);
    res.end();
    return true;
  }
  const ifRange = req.headers['if-range'];
  const range = ifRange === undefined || ifRange === etag ? parseByteRange(req.headers.range, size) : { kind: 'full' as const };
  if (range.kind === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}`, 'Content-Length': 0 });
    res.end();
    return true;
  }
  const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, size - 1];
  const status = range.kind === 'partial' ? 206 : 200;
  if (range.kind === 'partial') headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  headers['Content-Length'] = end - start + 1;
  res.writeHead(status, headers);
  if (req.method === 'HEAD' || end < start) {
    res.end();
    return true;
  }
  await new Promise<void>((done) => {
    const stream = createReadStream(path, { start, end });
    stream.on('error', () => {
      res.destroy();
      done();
    });
    res.on('close', () => {
      stream.destroy();
      done();
    });
    stream.pipe(res);
  });
  return true;
}
