/**
 * `POST /visitor/token` (only when the relay is started with `anonymousVisitors`): a customer
 * token for an anonymous visitor of that shop. The body is `{ "key": "<visitor key>" }`, a random
 * secret of at least 128 bits that the widget keeps in the visitor's localStorage; the visitor id
 * is `visitor:` + base64url(SHA-256(key)), so the id agents see does not let anyone become that
 * visitor, and the same key (the same browser) always comes back to the same conversation.
 * Rate-limited per client address.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SupportError, isId } from 'support-widget/protocol';
import { MIN_SECRET_BYTES, VISITOR_ID_PREFIX, mintCustomerToken } from './customer-token.js';
import { readBody, sendJson } from './demo-token.js';
import { TokenBucket } from './rate-limit.js';

/** A visitor key: base64url, 22 characters (132 bits) or more. */
export const VISITOR_KEY = /^[A-Za-z0-9_-]{22,128}$/;
/** Lifetime of a visitor token. */
export const VISITOR_TOKEN_TTL_SECONDS = 3600;
const VISITOR_NAME = 'Visitor';
const MAX_BODY_BYTES = 1024;
/** Buckets kept before the full (idle) ones are forgotten. */
const MAX_TRACKED_ADDRESSES = 10_000;

export interface VisitorTokenOptions {
  secret: string;
  /** The shop whose anonymous visitors this relay serves. */
  shop: string;
  /** Tokens per client address: default 10 a minute, burst 10. */
  rateLimit?: { perSecond: number; burst: number };
  now?: () => number;
  /** The client's address of a request (`ClientAddresses.of`); default the TCP peer. */
  clientAddress?: (req: IncomingMessage) => string;
}

/** Handles `/visitor/token`. */
export type VisitorTokenRoute = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** The visitor id of a key: `visitor:` + base64url (no padding) of SHA-256 over its ASCII. */
export function visitorIdOf(key: string): string {
  return `${VISITOR_ID_PREFIX}${createHash('sha256').update(key, 'utf8').digest('base64url')}`;
}

const NO_STORE = { 'Cache-Control': 'no-store' };

function badRequest(res: ServerResponse, message: string): void {
  sendJson(res, 400, { code: 'bad-request', message }, NO_STORE);
}

/** Per-address token buckets that forget idle addresses once there are many. */
function addressLimits(perSecond: number, burst: number): (address: string) => boolean {
  const buckets = new Map<string, TokenBucket>();
  return (address) => {
    if (buckets.size >= MAX_TRACKED_ADDRESSES) {
      for (const [key, bucket] of buckets) if (bucket.full()) buckets.delete(key);
    }
    let bucket = buckets.get(address);
    if (bucket === undefined) {
      // Still too many busy addresses: refuse the newcomer rather than grow without bound.
      if (buckets.size >= MAX_TRACKED_ADDRESSES) return false;
      buckets.set(address, (bucket = new TokenBucket(perSecond, burst)));
    }
    return bucket.take();
  };
}

export function createVisitorTokenRoute(options: VisitorTokenOptions): VisitorTokenRoute {
  if (!isId(options.shop)) throw new SupportError('config', 'anonymousVisitors.shop must be an id', { retryable: false });
  if (Buffer.byteLength(options.secret, 'utf8') < MIN_SECRET_BYTES) {
    throw new SupportError('config', `anonymous visitors need a secret of at least ${MIN_SECRET_BYTES} bytes`, { retryable: false });
  }
  const rate = options.rateLimit ?? { perSecond: 10 / 60, burst: 10 };
  const allow = addressLimits(rate.perSecond, rate.burst);
  const now = options.now ?? Date.now;

  return async (req, res) => {
    if (req.method !== 'POST') {
      sendJson(res, 405, { code: 'method-not-allowed', message: 'use POST' }, { Allow: 'POST' });
      return;
    }
    if (!allow(options.clientAddress?.(req) ?? req.socket.remoteAddress ?? 'unknown')) {
      sendJson(res, 429, { code: 'rate-limited', message: 'too many visitor tokens from this address' }, { ...NO_STORE, 'Retry-After': '60', Connection: 'close' });
      return;
    }
    const text = await readBody(req, MAX_BODY_BYTES);
    if (text === undefined) {
      sendJson(res, 413, { code: 'too-large', message: `body is larger than ${MAX_BODY_BYTES} bytes` }, { ...NO_STORE, Connection: 'close' });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return badRequest(res, 'body must be JSON');
    }
    const key = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['key'] : undefined;
    if (typeof key !== 'string' || !VISITOR_KEY.test(key)) {
      return badRequest(res, 'key must be 22-128 base64url characters (at least 128 random bits)');
    }
    const grant = mintCustomerToken({
      secret: options.secret,
      shop: options.shop,
      customerId: visitorIdOf(key),
      name: VISITOR_NAME,
      ttlSeconds: VISITOR_TOKEN_TTL_SECONDS,
      now: now(),
    });
    sendJson(res, 200, grant, NO_STORE);
  };
}
