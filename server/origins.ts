/**
 * Which web pages may call the relay (`SUPPORT_ALLOWED_ORIGINS`, `allowedOrigins`): the HTTP API
 * and the WebSocket upgrade both ask `OriginPolicy.check`.
 *
 * - A request without an `Origin` header (a shop's backend, a Node client, `<img src>`) is allowed:
 *   browsers always send one from a page on another origin, so a missing one is no page's doing.
 * - Same-origin (the relay's own pages in demo mode) is always allowed: `Origin`'s host is the
 *   request's `Host`. The scheme is not compared, because behind a TLS proxy the relay sees http.
 * - Any other origin is allowed only when listed, exactly (`https://shop.example`, no path, no
 *   wildcard), or, with an empty list, in demo mode.
 */
import type { IncomingMessage } from 'node:http';
import { SupportError } from 'support-widget/protocol';

/** The verdict on one request: `origin` is its `Origin` header (undefined when it sent none). */
export type OriginVerdict = { allowed: true; origin: string | undefined } | { allowed: false; origin: string };

/**
 * The origin of one configured entry (`https://Shop.example:8443` → `https://shop.example:8443`);
 * throws `config` when the entry is not a bare http(s) origin.
 */
export function parseOrigin(entry: string): string {
  const text = entry.trim();
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  const bare = url !== undefined && url.pathname === '/' && url.username === '' && url.password === '' && !/[?#*]/.test(text);
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:') || !bare) {
    throw new SupportError('config', `"${text}" is not an origin: write scheme://host[:port], e.g. https://shop.example (no path, no wildcard)`);
  }
  return url.origin;
}

/** The origins of a comma-separated list (`SUPPORT_ALLOWED_ORIGINS`); empty entries are skipped. */
export function parseOriginList(text: string): string[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map(parseOrigin);
}

/** The host of an `Origin` value, lowercased; undefined when it has none (e.g. `null`). */
function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return undefined;
  }
}

export class OriginPolicy {
  private readonly allowed: ReadonlySet<string>;

  /**
   * @param allowed exact origins (each checked by `parseOrigin`)
   * @param demo with an empty list, demo mode allows every origin
   */
  constructor(allowed: readonly string[], private readonly demo: boolean) {
    this.allowed = new Set(allowed.map(parseOrigin));
  }

  /** The listed origins, normalised. */
  get origins(): string[] {
    return [...this.allowed];
  }

  /** True when pages on other origins are refused because none is listed (production, empty list). */
  get refusesCrossOrigin(): boolean {
    return !this.demo && this.allowed.size === 0;
  }

  check(req: IncomingMessage): OriginVerdict {
    const origin = req.headers.origin;
    if (origin === undefined || origin === '') return { allowed: true, origin: undefined };
    if (this.allowed.has(origin)) return { allowed: true, origin };
    if (this.demo && this.allowed.size === 0) return { allowed: true, origin };
    const host = originHost(origin);
    const requestHost = req.headers.host?.toLowerCase();
    if (host !== undefined && requestHost !== undefined && host === requestHost) return { allowed: true, origin };
    return { allowed: false, origin };
  }
}
