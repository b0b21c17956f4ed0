/**
 * `POST /demo/token` (demo mode only): anyone may sign in as a demo customer or agent of shop
 * `demo`. Real shops mint tokens in their own backend with `signToken`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TokenClaims } from 'support-widget/protocol';
import { isStaff } from 'support-widget/protocol';
import { signToken } from './tokens.js';

/** The shop every demo token belongs to. */
export const DEMO_SHOP = 'demo';
const TOKEN_TTL_SECONDS = 3600;
const MAX_BODY_BYTES = 4096;
const MAX_USER_NAME_CHARS = 64;
const USER_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Writes a JSON response with the headers every API answer carries. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Reads at most `limit` bytes of body; undefined when the body is larger. */
export async function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.byteLength;
    if (size > limit) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function badRequest(res: ServerResponse, message: string): void {
  sendJson(res, 400, { error: 'bad-request', message }, { 'Cache-Control': 'no-store' });
}

/** Answers `{ token, expiresAt }` (ms since epoch) for `{ role, userId, userName? }`. */
export async function handleDemoToken(req: IncomingMessage, res: ServerResponse, secret: string, now = Date.now()): Promise<void> {
  if (req.method !== 'POST') {
    sendJson(res, 405, { error: 'method-not-allowed', message: 'use POST' }, { Allow: 'POST' });
    return;
  }
  const text = await readBody(req, MAX_BODY_BYTES);
  if (text === undefined) {
    sendJson(res, 413, { error: 'too-large', message: `body is larger than ${MAX_BODY_BYTES} bytes` });
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    badRequest(res, 'body must be JSON');
    return;
  }
  if (typeof body !== 'object' || body === null) return badRequest(res, 'body must be a JSON object');
  const { role, userId, userName } = body as Record<string, unknown>;
  if (typeof role !== 'string' || (role !== 'customer' && !isStaff(role))) return badRequest(res, 'role must be customer, agent or admin');
  if (typeof userId !== 'string' || !USER_ID.test(userId)) return badRequest(res, 'userId must match [A-Za-z0-9_-]{1,64}');
  if (userName !== undefined && (typeof userName !== 'string' || userName.length > MAX_USER_NAME_CHARS)) {
    return badRequest(res, `userName must be a string of at most ${MAX_USER_NAME_CHARS} characters`);
  }
  const name = typeof userName === 'string' && userName.trim() !== '' ? userName.trim() : role === 'agent' ? 'Agent' : role === 'admin' ? 'Admin' : 'Customer';
  const exp = Math.floor(now / 1000) + TOKEN_TTL_SECONDS;
  const claims: TokenClaims = { sub: userId, name, role, shop: DEMO_SHOP, exp };
  if (role === 'customer') claims.conv = [`c-${userId}`];
  sendJson(res, 200, { token: signToken(claims, secret), expiresAt: exp * 1000 }, { 'Cache-Control': 'no-store' });
}
