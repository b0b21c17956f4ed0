/**
 * Helpers for upload tests against a real relay: conversations created by a real hello, raw
 * HTTP requests (paths and headers exactly as written), and a look at what is on disk.
 */
import { readdirSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import type { TestRelay } from '../server/relay-harness.js';
import { TestClient } from '../server/relay-harness.js';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Opens a socket with `token` so the server creates the token's conversations, then closes it. */
export async function helloOnce(relay: TestRelay, token: string): Promise<void> {
  const { client } = await TestClient.connect(relay.url, token);
  await client.close();
}

/** One HTTP request with the path and headers exactly as given. */
export function rawRequest(
  baseUrl: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string },
): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path: options.path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.setTimeout(5000, () => req.destroy(new Error(`no answer to ${options.method ?? 'GET'} ${options.path}`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** `POST /uploads` with fetch; `token: null` sends no Authorization header. */
export function postUpload(
  relay: TestRelay,
  options: { token: string | null; conversationId: string; name?: string; body: Buffer | string; contentType?: string },
): Promise<Response> {
  const url = new URL('/uploads', relay.url);
  url.searchParams.set('conversationId', options.conversationId);
  if (options.name !== undefined) url.searchParams.set('name', options.name);
  const headers: Record<string, string> = { 'Content-Type': options.contentType ?? 'application/octet-stream' };
  if (options.token !== null) headers['Authorization'] = `Bearer ${options.token}`;
  const body = typeof options.body === 'string' ? options.body : new Uint8Array(options.body);
  return fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(5000) });
}

/** Every file below `dir`, relative to it, sorted. */
export function filesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string): void => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path);
      else found.push(relative(dir, path));
    }
  };
  walk(dir);
  return found.sort();
}

/** Stored upload files (content addressed), relative to the data dir: `uploads/ab/ab12...`. */
export function storedUploads(dataDir: string): string[] {
  return filesUnder(dataDir).filter((path) => path.startsWith('uploads/') && !path.startsWith('uploads/tmp/'));
}

/** Rows of the uploads table, read straight from SQLite. */
export function uploadRows(dataDir: string): Array<{ id: string; conversation_id: string; sha256: string; mime: string; size: number; name: string; uploader_id: string }> {
  const db = new Database(join(dataDir, 'support.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT * FROM uploads ORDER BY created_at, id').all() as ReturnType<typeof uploadRows>;
  } finally {
    db.close();
  }
}
