/**
 * Short-lived addresses of one stored file, so `<img src>`, `<video src>` and download links can
 * load it without a token in the URL: `/uploads/<id>?v=<viewer>&exp=<s>&sig=<mac>`, where `mac` is
 * base64url (no padding) of HMAC-SHA256 over `<id> "\n" <exp> "\n" <viewer>` with a key derived
 * from the relay secret (never the token key itself). The relay mints one only for a member who
 * may see the file (`POST /uploads/<id>/url` with the bearer token); it is valid for that file
 * alone, until `exp` (seconds since epoch).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isId } from 'support-widget/protocol';

/** How long a signed address works. */
export const UPLOAD_URL_TTL_MS = 10 * 60 * 1000;
/** What keys the URL MAC apart from token MACs made with the same secret. */
const KEY_LABEL = 'support-widget upload-url v1';
const MAC = /^[A-Za-z0-9_-]{43}$/;
const SECONDS = /^[0-9]{1,12}$/;

/** What `POST /uploads/<id>/url` answers: a server-relative address and when it stops working (ms). */
export interface SignedUploadUrl {
  url: string;
  expiresAt: number;
}

export type UploadUrlCheck =
  | { ok: true; viewer: string }
  | { ok: false; code: 'bad-signature' | 'url-expired'; message: string };

function keyOf(secret: string): Buffer {
  return createHmac('sha256', secret).update(KEY_LABEL).digest();
}

function macOf(key: Buffer, uploadId: string, exp: string, viewer: string): Buffer {
  return createHmac('sha256', key).update(`${uploadId}\n${exp}\n${viewer}`).digest();
}

/** Signs and checks upload addresses with one relay secret. */
export class UploadUrlSigner {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly ttlMs: number = UPLOAD_URL_TTL_MS,
  ) {
    this.key = keyOf(secret);
  }

  /** An address of `uploadId` for `viewer` (a user id), valid from `now` for the configured time. */
  sign(uploadId: string, viewer: string, now: number): SignedUploadUrl {
    const exp = String(Math.floor((now + this.ttlMs) / 1000));
    const sig = macOf(this.key, uploadId, exp, viewer).toString('base64url');
    const query = new URLSearchParams({ v: viewer, exp, sig });
    return { url: `/uploads/${uploadId}?${query.toString()}`, expiresAt: Number(exp) * 1000 };
  }

  /** True when the query tries a signed address at all (then `check` decides). */
  static present(params: URLSearchParams): boolean {
    return params.has('sig') || params.has('exp') || params.has('v');
  }

  /** Checks the signature first (an altered `exp` is a bad signature), then the expiry. */
  check(uploadId: string, params: URLSearchParams, now: number): UploadUrlCheck {
    const viewer = params.get('v');
    const exp = params.get('exp');
    const sig = params.get('sig');
    const bad: UploadUrlCheck = { ok: false, code: 'bad-signature', message: 'this file address is not valid; ask for a new one' };
    if (!isId(viewer) || exp === null || !SECONDS.test(exp) || sig === null || !MAC.test(sig)) return bad;
    const given = Buffer.from(sig, 'base64url');
    const expected = macOf(this.key, uploadId, exp, viewer);
    // The re-encoding check refuses non-canonical base64url (other text, same bytes).
    if (given.toString('base64url') !== sig || given.length !== expected.length || !timingSafeEqual(given, expected)) return bad;
    if (Number(exp) * 1000 <= now) return { ok: false, code: 'url-expired', message: 'this file address has expired; ask for a new one' };
    return { ok: true, viewer };
  }
}
