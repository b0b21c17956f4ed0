/**
 * Which URLs an attachment may carry. A module of its own so the upload code (in the chat panel's
 * chunk) does not pull in the whole frame validator.
 */

const UPLOAD_PATH_PATTERN = /^\/uploads(\/[A-Za-z0-9_.-]+)+$/;

/** True for an absolute http: or https: URL. */
export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * True when an attachment URL may be stored and shown: a relay upload (`/uploads/...`), or an
 * absolute http(s) URL on one of `origins` (the relay's own, or origins the operator allows).
 * Anything else is a foreign address: shown in a thread it would be a tracking pixel on whoever
 * opens it (and a way to put any file in front of the agent), so it is refused and not rendered.
 *
 * @example
 * isAllowedAttachmentUrl('https://evil.example/track.png', ['https://cdn.shop.example']); // false
 */
export function isAllowedAttachmentUrl(value: string, origins: Iterable<string>): boolean {
  if (value.startsWith('/')) return isAttachmentUrl(value);
  if (!isHttpUrl(value)) return false;
  const origin = new URL(value).origin;
  for (const allowed of origins) if (allowed === origin) return true;
  return false;
}

/** True for an http(s) URL or a server-relative `/uploads/...` path without dot segments. */
export function isAttachmentUrl(value: string): boolean {
  if (isHttpUrl(value)) return true;
  return UPLOAD_PATH_PATTERN.test(value) && !value.split('/').some((s) => s === '.' || s === '..');
}
