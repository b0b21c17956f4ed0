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

/** True for an http(s) URL or a server-relative `/uploads/...` path without dot segments. */
export function isAttachmentUrl(value: string): boolean {
  if (isHttpUrl(value)) return true;
  return UPLOAD_PATH_PATTERN.test(value) && !value.split('/').some((s) => s === '.' || s === '..');
}
