/**
 * Relay tokens: `base64url(JSON claims) + '.' + base64url(HMAC-SHA256(secret, first part))`,
 * claims as in `TokenClaims` (`exp` and `iat` in seconds since epoch). Simple enough to mint in
 * any language (docs/identity.md has the exact format and a bash + openssl recipe); the
 * signature is checked in constant time.
 *
 * Shops sign tokens in their own backend with the relay's `SUPPORT_SECRET`, so the relay never
 * needs to know their users. For a shop's customer, `createCustomerToken` (customer-token.ts)
 * fills in the claims, the derived conversation and checks the input:
 *
 * @example
 * import { signToken } from 'support-widget-relay';
 *
 * const exp = Math.floor(Date.now() / 1000) + 3600;
 * const agentToken = signToken({ sub: 'agent-alex', name: 'Alex', role: 'agent', shop: 'my-shop', exp }, process.env.SUPPORT_SECRET!);
 * // An admin is an agent who also manages the shop's canned replies:
 * const adminToken = signToken({ sub: 'admin-sam', name: 'Sam', role: 'admin', shop: 'my-shop', exp }, process.env.SUPPORT_SECRET!);
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { SupportError, isId, isStaff } from 'support-widget/protocol';
import type { TokenClaims } from 'support-widget/protocol';

export type { TokenClaims };

const MAX_TOKEN_CHARS = 8192;
const MAX_NAME_CHARS = 255;
/** Longest `email` claim (RFC 5321's path limit). */
export const MAX_EMAIL_CHARS = 254;
/** A token issued this far in the relay's future (`iat`) is still accepted: clocks drift. */
export const MAX_CLOCK_SKEW_SECONDS = 60;
/**
 * Longest lifetime the relay accepts by default, for customers and agents alike: `exp - iat`, or
 * without `iat`, `exp` - now. A leaked token should not outlive a day (`maxTokenLifetimeSeconds`).
 */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** One `@` with something either side and no white space: a shape check, not a mailbox check. */
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** True for an `email` claim the relay accepts (no control characters either). */
export function isEmailClaim(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_EMAIL_CHARS || !EMAIL.test(value)) return false;
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return false;
  }
  return true;
}

/** Options of `verifyToken`. */
export interface VerifyOptions {
  /** Accept a token expired at most this long ago (ms). Default 0. */
  expiredGraceMs?: number;
  /** Refuse (`unauthorized`) a token that lives longer than this. Default `MAX_TOKEN_LIFETIME_SECONDS` (24 h). */
  maxLifetimeSeconds?: number;
}

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
  const { sub, name, role, shop, conv, exp, iat, email, merge } = o;
  if (!isId(sub)) unauthorized('token sub must be an id');
  if (typeof name !== 'string' || name.length > MAX_NAME_CHARS) unauthorized('token name must be a string');
  if (typeof role !== 'string' || (role !== 'customer' && !isStaff(role))) unauthorized('token role must be customer, agent or admin');
  if (!isId(shop)) unauthorized('token shop must be an id');
  if (typeof exp !== 'number' || !Number.isFinite(exp)) unauthorized('token exp must be a number');
  const claims: TokenClaims = { sub, name, role, shop, exp };
  if (conv !== undefined) {
    if (!Array.isArray(conv) || !conv.every(isId)) unauthorized('token conv must be a list of conversation ids');
    claims.conv = conv;
  }
  if (role === 'customer' && claims.conv === undefined) unauthorized('a customer token needs conv');
  if (iat !== undefined) {
    if (typeof iat !== 'number' || !Number.isFinite(iat)) unauthorized('token iat must be a number');
    claims.iat = iat;
  }
  if (email !== undefined) {
    if (!isEmailClaim(email)) unauthorized(`token email must look like an address of at most ${MAX_EMAIL_CHARS} characters`);
    claims.email = email;
  }
  if (merge !== undefined) {
    if (merge !== true || role !== 'customer') unauthorized('token merge must be true, on a customer token');
    claims.merge = true;
  }
  return claims;
}

/**
 * Verifies the signature (timing-safe), issue time, expiry and lifetime of a token and returns its
 * claims. Throws `SupportError` `unauthorized` (bad format or signature, or a lifetime over
 * `maxLifetimeSeconds`), `token-not-yet-valid` (`iat` more than 60 s ahead of `now`) or
 * `token-expired`.
 */
export function verifyToken(token: string, secret: string, now: number = Date.now(), options: VerifyOptions = {}): TokenClaims {
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
  if (claims.iat !== undefined && claims.iat * 1000 > now + MAX_CLOCK_SKEW_SECONDS * 1000) {
    throw new SupportError('token-not-yet-valid', 'token is issued in the future (check the clock of the server that signed it)');
  }
  if (claims.exp * 1000 + (options.expiredGraceMs ?? 0) <= now) throw new SupportError('token-expired', 'token has expired');
  const maxLifetime = options.maxLifetimeSeconds ?? MAX_TOKEN_LIFETIME_SECONDS;
  // Without `iat` the remaining lifetime counts, with the signing server's clock allowed to run ahead.
  const lifetime = claims.iat === undefined ? claims.exp - now / 1000 - MAX_CLOCK_SKEW_SECONDS : claims.exp - claims.iat;
  if (lifetime > maxLifetime) unauthorized(`token lifetime is over ${maxLifetime} s (exp - iat, or exp - now without iat): mint shorter-lived tokens`);
  return claims;
}
