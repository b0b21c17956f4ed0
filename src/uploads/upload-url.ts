import { SupportError } from '../core/errors.js';

/**
 * The http(s) origin and path of a relay server given as http(s) or ws(s), without a trailing
 * slash.
 *
 * @example
 * relayHttpBase('wss://help.example.com/') // 'https://help.example.com'
 */
export function relayHttpBase(server: string): string {
  let url: URL;
  try {
    url = new URL(server);
  } catch (error) {
    throw new SupportError('config', `invalid relay server URL: ${server}`, { cause: error, retryable: false });
  }
  if (url.protocol === 'ws:') url.protocol = 'http:';
  else if (url.protocol === 'wss:') url.protocol = 'https:';
  else if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SupportError('config', `relay server URL must be http(s) or ws(s): ${server}`, { retryable: false });
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * The address to show an attachment at (`<img src>`, `<video src>`, a download link). A relay
 * upload (`/uploads/<id>`) is resolved against the relay and, since such elements cannot send
 * headers, carries the token as `?token=`: prefer short-lived tokens, since the address can end
 * up in the browser's history and caches. Absolute URLs (a shop's own storage) are returned
 * unchanged and never get the relay token.
 *
 * @example
 * resolveUploadUrl('https://help.example.com', '/uploads/Qm9vaw', token)
 * // 'https://help.example.com/uploads/Qm9vaw?token=...'
 */
export function resolveUploadUrl(server: string, url: string, token?: string): string {
  if (!url.startsWith('/')) return url;
  const resolved = new URL(`${relayHttpBase(server)}${url}`);
  if (token !== undefined) resolved.searchParams.set('token', token);
  return resolved.toString();
}
