/**
 * The admin API's bearer check (privacy and relationship routes): `Authorization: Bearer
 * <SUPPORT_ADMIN_TOKEN>`, compared as SHA-256 digests in constant time, so neither the token's
 * length nor its content leaks through timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** A check that a request carries the admin token. */
export function adminAuthorizer(adminToken: string): (req: IncomingMessage) => boolean {
  const expected = digest(adminToken);
  return (req) => {
    const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
    return token !== undefined && timingSafeEqual(digest(token), expected);
  };
}
