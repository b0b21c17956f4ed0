import { SupportError } from '../protocol/errors.js';

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
 * The address of an attachment without credentials: a relay upload (`/uploads/<id>`) resolved
 * against the relay; absolute URLs (a shop's own storage) unchanged. A relay upload needs
 * authorisation to load, and tokens never go in URLs: to show one in `<img src>`, `<video src>` or
 * a link, ask the relay for a short-lived signed address with `requestSignedUploadUrl`.
 *
 * @example
 * resolveUploadUrl('wss://help.example.com', '/uploads/Qm9vaw') // 'https://help.example.com/uploads/Qm9vaw'
 */
export function resolveUploadUrl(server: string, url: string): string {
  if (!url.startsWith('/')) return url;
  return new URL(`${relayHttpBase(server)}${url}`).toString();
}
