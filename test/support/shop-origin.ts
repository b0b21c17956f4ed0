/**
 * The shop's side of a three-origin test (pages on the shop, the script on a CDN, the relay on its
 * own): its token endpoint, its Content-Security-Policy as the docs give it, and a page hook that
 * reports what that policy blocks.
 */
import type { Page } from 'playwright-core';
import { signToken } from '../../server/tokens.js';

/** Who the shop's session says the visitor is. */
export interface ShopPerson {
  sub: string;
  name: string;
}

/**
 * The shop backend's token endpoint (a `startStaticOrigin` route): a body with `role: 'agent'`
 * gets the agent's token, any other the customer's, whose one conversation is `c-<sub>`.
 */
export function shopTokenRoute(secret: string, shop: string, people: { agent: ShopPerson; customer: ShopPerson }): (body: unknown) => unknown {
  return (body) => {
    const { role } = body as { role?: string };
    const exp = Math.floor(Date.now() / 1000) + 600;
    const { agent, customer } = people;
    const claims =
      role === 'agent'
        ? { ...agent, role: 'agent' as const, shop, exp }
        : { ...customer, role: 'customer' as const, shop, conv: [`c-${customer.sub}`], exp };
    return { token: signToken(claims, secret), expiresAt: exp * 1000 };
  };
}

/**
 * The shop's policy as docs/cdn.md lists it: scripts from the CDN, the relay's WebSocket and HTTP
 * API, its files as images and media, previews from blob:, no inline anything. docs/scan.md adds
 * `'wasm-unsafe-eval'` (`scan.wasm`) and the CDN in `connect-src` (`scan.fetch`, the decoder's file).
 */
export function shopCsp(cdn: string, relay: string, scan = { wasm: false, fetch: false }): string {
  const ws = relay.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    `script-src 'self' ${cdn}${scan.wasm ? " 'wasm-unsafe-eval'" : ''}`,
    "style-src 'self'",
    `connect-src 'self' ${relay} ${ws}${scan.fetch ? ` ${cdn}` : ''}`,
    `img-src 'self' blob: data: ${relay}`,
    `media-src 'self' blob: ${relay}`,
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** Reports the page's CSP violations as console lines `csp-violation <directive> <blocked URL>`. */
export async function reportCspViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`csp-violation ${event.effectiveDirective} ${event.blockedURI}`));
  });
}
