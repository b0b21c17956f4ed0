/**
 * Relay tokens: `base64url(JSON claims) + '.' + base64url(HMAC-SHA256(secret, first part))`,
 * claims as in `TokenClaims` (`exp` in seconds since epoch). Simple enough to mint in any
 * language; the signature is checked in constant time.
 *
 * Shops sign tokens in their own Node backend with the relay's `SUPPORT_SECRET`, so the relay
 * never needs to know their users:
 *
 * @example
 * import { signToken } from 'support-widget/server/tokens.ts'; // run with tsx, or port these 20 lines
 *
 * app.post('/support/token', requireLogin, (req, res) => {
 *   const exp = Math.floor(Date.now() / 1000) + 3600;
 *   const token = signToken(
 *     { sub: req.user.id, name: req.user.name, role: 'customer', shop: 'my-shop', conv: [`c-${req.user.id}`], exp },
 *     process.env.SUPPORT_SECRET!,
 *   );
 *   res.set('Cache-Control', 'no-store').json({ token, expiresAt: exp * 1000 });
 * });
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { SupportError, isId } from 'support-widget/protocol';
import type { TokenClaims } from 'support-widget/protocol';

export type { TokenClaims };

const MAX_TOKEN_CHARS = 8192;
const MAX_NAME_CHARS = 255;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function mac(payload: string, secret: string): Buffer {
  if (secret.length === 0) throw new SupportError('config', 'token secret must not be empty');
  return createHmac('sha256', secret).update(payload).digest();
}

/** Signs `claims` (`exp` in seconds since epoch) with the relay secret. */
export function signToken(claims: TokenClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  return `${payload}.${mac(payload, secret).toString('base64url')}`;
}

function unauthorized(message: string): never {
  throw new SupportError('unauthorized', message);
}

/** Checks the decoded payload has every claim with the right type; returns a clean copy. */
function readClaims(value: unknown): TokenClaims {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) unauthorized('token claims must be an object');
  const o = value as Record<string, unknown>;
  const { sub, name, role, shop, conv, exp } = o;
  if (!isId(sub)) unauthorized('token sub must be an id');
  if (typeof name !== 'string' || name.length > MAX_NAME_CHARS) unauthorized('token name must be a string');
  if (role !== 'customer' && role !== 'agent') unauthorized('token role must be customer or agent');
  if (!isId(shop)) unauthorized('token shop must be an id');
  if (typeof exp !== 'number' || !Number.isFinite(exp)) unauthorized('token exp must be a number');
  const claims: TokenClaims = { sub, name, role, shop, exp };
  if (conv !== undefined) {
    if (!Array.isArray(conv) || !conv.every(isId)) unauthorized('token conv must be a list of conversation ids');
    claims.conv = conv;
  }
  if (role === 'customer' && claims.conv === undefined) unauthorized('a customer token needs conv');
  return claims;
}

/**
 * Verifies the signature (timing-safe) and expiry of a token and returns its claims.
 * Throws `SupportError` `unauthorized` (bad format or signature) or `token-expired`.
 */
export function verifyToken(token: string, secret: string, now: number = Date.now()): TokenClaims {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_CHARS) unauthorized('malformed token');
  const parts = token.split('.');
  const [payload, signature] = parts;
  if (parts.length !== 2 || payload === undefined || signature === undefined) unauthorized('malformed token');
  if (!BASE64URL.test(payload) || !BASE64URL.test(signature)) unauthorized('malformed token');
  const expected = mac(payload, secret);
  const given = Buffer.from(signature, 'base64url');
  // The re-encoding check rejects non-canonical base64url (different text, same bytes).
  const canonical = given.toString('base64url') === signature;
  if (!canonical || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    unauthorized('bad token signature');
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    unauthorized('malformed token payload');
  }
  const claims = readClaims(decoded);
  if (claims.exp * 1000 <= now) throw new SupportError('token-expired', 'token has expired');
  return claims;
}
