import { SupportError } from '../../protocol/errors.js';

/**
 * The relay's WebSocket address for a base URL: `http(s)` becomes `ws(s)`, and the socket
 * lives at `${base}/ws`.
 *
 * @example
 * relaySocketUrl('https://help.example.com/') // 'wss://help.example.com/ws'
 */
export function relaySocketUrl(base: string): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch (error) {
    throw new SupportError('config', `invalid relay server URL: ${base}`, { cause: error, retryable: false });
  }
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  else if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new SupportError('config', `relay server URL must be http(s) or ws(s): ${base}`, { retryable: false });
  }
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/ws`;
  url.hash = '';
  return url.toString();
}
