/**
 * Shop-signed identity: `createCustomerToken` mints the relay token of one of the shop's
 * customers. The conversation id is derived from (shop, customerId) alone, so every token for
 * that customer, minted on any server at any time, reaches the same conversation and history.
 * The format is language-neutral and documented in docs/identity.md.
 *
 * @example
 * import { createCustomerToken } from 'support-widget-relay';
 *
 * app.post('/support/token', requireLogin, (req, res) => {
 *   const grant = createCustomerToken({
 *     secret: process.env.SUPPORT_SECRET!, shop: 'my-shop',
 *     customerId: req.user.id, name: req.user.name, ttlSeconds: 3600,
 *   });
 *   res.set('Cache-Control', 'no-store').json(grant); // { token, expiresAt }
 * });
 */
import { createHash } from 'node:crypto';
import { SupportError, isId } from 'support-widget/protocol';
import type { TokenClaims } from 'support-widget/protocol';
import { MAX_EMAIL_CHARS, isEmailClaim, signToken } from './tokens.js';

/** Longest token lifetime `createCustomerToken` grants: 24 hours. */
export const MAX_CUSTOMER_TOKEN_TTL_SECONDS = 24 * 60 * 60;
/** Shortest secret accepted for minting, in bytes (UTF-8). */
export const MIN_SECRET_BYTES = 32;
/** Customer ids the relay keeps for anonymous visitors; a shop's own ids never start with it. */
export const VISITOR_ID_PREFIX = 'visitor:';
const MAX_NAME_CHARS = 255;

export interface CustomerTokenInput {
  /** The relay's `SUPPORT_SECRET` (at least 32 bytes). */
  secret: string;
  /** The shop (tenant) id, as the relay's agents of that shop use it. */
  shop: string;
  /** The shop's own, stable id of the customer (an id: 1-128 of `A-Z a-z 0-9 _ . : @ -`). */
  customerId: string;
  /** Shown to agents (at most 255 characters). */
  name: string;
  /** Optional, carried in the token (at most 254 characters). */
  email?: string;
  /** Lifetime, 1 s to 24 h. */
  ttlSeconds: number;
  /** This sign-in may merge the visitor conversation the browser proves it owns (`hello.mergeFrom`). */
  mergeVisitor?: boolean;
  /** Current time in ms since epoch (tests). Default `Date.now()`. */
  now?: number;
}

/** What the shop's token endpoint answers the widget: `expiresAt` in ms since epoch. */
export interface CustomerTokenGrant {
  token: string;
  expiresAt: number;
}

function config(message: string): never {
  throw new SupportError('config', message, { retryable: false });
}

/**
 * The conversation of a shop's customer: `c:` + base64url (no padding) of SHA-256 over the UTF-8
 * bytes of `shop + "\n" + customerId`. Ids cannot contain a newline, so no two pairs collide.
 */
export function customerConversationId(shop: string, customerId: string): string {
  return `c:${createHash('sha256').update(`${shop}\n${customerId}`, 'utf8').digest('base64url')}`;
}

/** Checks what every customer token needs; throws `config`. */
function checkInput(input: CustomerTokenInput): void {
  const { secret, shop, customerId, name, email, ttlSeconds, mergeVisitor } = input;
  if (typeof secret !== 'string' || Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES) {
    config(`secret must be at least ${MIN_SECRET_BYTES} bytes (the relay's SUPPORT_SECRET)`);
  }
  if (!isId(shop)) config('shop must be an id (1-128 of A-Z a-z 0-9 _ . : @ -)');
  if (!isId(customerId)) config('customerId must be an id (1-128 of A-Z a-z 0-9 _ . : @ -)');
  if (typeof name !== 'string' || name.length > MAX_NAME_CHARS) config(`name must be a string of at most ${MAX_NAME_CHARS} characters`);
  if (email !== undefined && !isEmailClaim(email)) config(`email must look like an address of at most ${MAX_EMAIL_CHARS} characters`);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0 || ttlSeconds > MAX_CUSTOMER_TOKEN_TTL_SECONDS) {
    config(`ttlSeconds must be an integer from 1 to ${MAX_CUSTOMER_TOKEN_TTL_SECONDS}`);
  }
  if (mergeVisitor !== undefined && typeof mergeVisitor !== 'boolean') config('mergeVisitor must be a boolean');
  if (input.now !== undefined && !Number.isFinite(input.now)) config('now must be a number of ms');
}

/** Signs without the visitor-prefix check: the relay's own visitor endpoint uses this. */
export function mintCustomerToken(input: CustomerTokenInput): CustomerTokenGrant {
  checkInput(input);
  const iat = Math.floor((input.now ?? Date.now()) / 1000);
  const exp = iat + input.ttlSeconds;
  const claims: TokenClaims = {
    sub: input.customerId,
    name: input.name,
    role: 'customer',
    shop: input.shop,
    conv: [customerConversationId(input.shop, input.customerId)],
    exp,
    iat,
  };
  if (input.email !== undefined) claims.email = input.email;
  if (input.mergeVisitor === true) claims.merge = true;
  return { token: signToken(claims, input.secret), expiresAt: exp * 1000 };
}

/**
 * A relay token for the shop's customer `customerId`. Throws `SupportError` `config` for a
 * secret shorter than 32 bytes, ids that are not ids, a bad email, or a lifetime outside 1 s-24 h.
 */
export function createCustomerToken(input: CustomerTokenInput): CustomerTokenGrant {
  if (typeof input.customerId === 'string' && input.customerId.startsWith(VISITOR_ID_PREFIX)) {
    config(`customerId must not start with "${VISITOR_ID_PREFIX}" (kept for anonymous visitors)`);
  }
  return mintCustomerToken(input);
}
