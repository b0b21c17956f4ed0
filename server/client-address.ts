/**
 * The address a request comes from, as the per-address limits key it (sockets and hellos per
 * address, upload quotas, visitor tokens). By default the TCP peer: `X-Forwarded-For` is anyone's
 * to write. Behind a reverse proxy every client would share the proxy's address, so the operator
 * may name the proxies it trusts (`SUPPORT_TRUST_PROXY`): a number of hops, or their addresses.
 * Then the client is the nearest address in `X-Forwarded-For` that no trusted proxy owns; a header
 * from a peer that is not a trusted proxy is ignored.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { SupportError } from 'support-widget/protocol';

/** Which peers are reverse proxies: none (`false`), the nearest N hops, or these addresses. */
export type TrustProxy = false | number | readonly string[];

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is `10.0.0.1`; other addresses lowercased. */
function plain(address: string): string {
  const lower = address.trim().toLowerCase();
  return lower.startsWith('::ffff:') && isIP(lower.slice(7)) === 4 ? lower.slice(7) : lower;
}

/** The `X-Forwarded-For` entries in order (client first), every header of the request joined. */
function forwardedFor(req: IncomingMessage): string[] {
  const header = req.headers['x-forwarded-for'];
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  return text.split(',').map(plain).filter((entry) => entry !== '');
}

/**
 * Reads `SUPPORT_TRUST_PROXY`: empty, `false`, `off`, `no` or `0` for none; a whole number of hops
 * (`1`: one proxy in front); or a comma-separated list of proxy addresses. Throws `config` otherwise.
 */
export function parseTrustProxy(text: string | undefined): TrustProxy {
  const value = (text ?? '').trim().toLowerCase();
  if (value === '' || value === 'false' || value === 'off' || value === 'no' || value === '0') return false;
  if (/^\d+$/.test(value)) return Number(value);
  const addresses = value.split(',').map(plain).filter((entry) => entry !== '');
  const bad = addresses.find((entry) => isIP(entry) === 0);
  if (bad !== undefined || addresses.length === 0) {
    throw new SupportError('config', `"${bad ?? value}" is not a number of proxies or a proxy's IP address`, { retryable: false });
  }
  return addresses;
}

export class ClientAddresses {
  private readonly hops: number;
  private readonly proxies: ReadonlySet<string>;

  constructor(trust: TrustProxy = false) {
    this.hops = typeof trust === 'number' ? trust : 0;
    this.proxies = new Set(Array.isArray(trust) ? trust.map(plain) : []);
  }

  /** The client's address of `req` (the peer's when no proxy is trusted or the peer is none). */
  readonly of = (req: IncomingMessage): string => {
    const peer = plain(req.socket.remoteAddress ?? 'unknown');
    if (this.hops === 0 && this.proxies.size === 0) return peer;
    // Nearest first: the peer, then what each proxy says it was connected from.
    const chain = [peer, ...forwardedFor(req).reverse()];
    let index = 0;
    if (this.hops > 0) index = Math.min(this.hops, chain.length - 1);
    else while (index < chain.length - 1 && this.proxies.has(chain[index] ?? '')) index++;
    // A trusted proxy reports a real address; anything else ends the walk at the last one that is.
    while (index > 0 && isIP(chain[index] ?? '') === 0) index--;
    return chain[index] ?? peer;
  };
}
