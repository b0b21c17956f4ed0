/**
 * The relationship's HTTP routes (issue 17).
 *
 * Admin API, for the shop's operators (server to server), like the privacy API: `Authorization:
 * Bearer <SUPPORT_ADMIN_TOKEN>`, no CORS, 404 when no admin token is configured, `shop` required,
 * coded JSON errors:
 *
 *   GET    /admin/hours?shop=<id>                 { hours, status } (null when none)
 *   PUT    /admin/hours?shop=<id>                 body: OfficeHours; 400 `invalid-hours`
 *   DELETE /admin/hours?shop=<id>                 removes them
 *   PUT    /admin/page?shop=<id>                  body: { url: "https://…" | null }: the page emails link back to
 *   GET    /admin/csat?shop=<id>&from=…&to=…      CsatReport (ms since epoch or ISO dates; default the last 28 days)
 *
 * Unsubscribe, for the customer (the signed link of a reply email):
 *
 *   GET  /unsubscribe?shop=…&c=…&sig=…   a small page with one button
 *   POST /unsubscribe?shop=…&c=…&sig=…   unsubscribes (the page's button, or a mail client's one-click `List-Unsubscribe-Post`)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isId, parseOfficeHours, RELATIONSHIP_LIMITS } from 'support-widget/protocol';
import { adminAuthorizer } from './admin-auth.js';
import type { ContactStore } from './contact-store.js';
import type { CsatStore } from './csat-store.js';
import { readBody, sendJson } from './demo-token.js';
import type { HoursClock } from './hours-clock.js';
import type { RelayLog } from './log.js';
import { isUnsubscribeSignature } from './mail-text.js';
import type { ShopSettings } from './shop-settings.js';

const DAY = 86_400_000;
const MAX_BODY_BYTES = 64 * 1024;

export interface RelationshipRoutesDeps {
  settings: ShopSettings;
  clock: HoursClock;
  csat: CsatStore;
  contacts: ContactStore;
  secret: string;
  now: () => number;
  log: RelayLog;
  /** Absent: the admin routes answer 404. */
  adminToken?: string;
}

function fail(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { code, message }, { 'Cache-Control': 'no-store', ...headers });
}

function page(res: ServerResponse, status: number, title: string, body: string): void {
  const html = `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title><body style="font:16px system-ui;max-width:32rem;margin:3rem auto;padding:0 1rem;color-scheme:light dark"><h1>${title}</h1>${body}</body></html>`;
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
    'Referrer-Policy': 'no-referrer',
  });
  res.end(html);
}

/** An instant from a query value: ms since epoch or an ISO date; undefined when absent, NaN when bad. */
function instant(value: string | null): number | undefined {
  if (value === null) return undefined;
  return /^\d+$/.test(value) ? Number(value) : Date.parse(value);
}

export function createRelationshipRoutes(deps: RelationshipRoutesDeps): (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean> {
  const authorised = deps.adminToken === undefined ? undefined : adminAuthorizer(deps.adminToken);

  async function hours(req: IncomingMessage, res: ServerResponse, shop: string): Promise<void> {
    if (req.method === 'GET') return sendJson(res, 200, { hours: deps.settings.hours(shop) ?? null, status: deps.clock.status(shop) ?? null }, { 'Cache-Control': 'no-store' });
    if (req.method === 'DELETE') {
      deps.settings.setHours(shop, null, deps.now());
      deps.clock.changed(shop, null);
      return sendJson(res, 200, { hours: null, status: null }, { 'Cache-Control': 'no-store' });
    }
    if (req.method !== 'PUT') return fail(res, 405, 'method-not-allowed', 'use GET, PUT or DELETE', { Allow: 'GET, PUT, DELETE' });
    const body = await readBody(req, MAX_BODY_BYTES);
    let parsed;
    try {
      parsed = parseOfficeHours(JSON.parse(body ?? 'null'));
    } catch (error) {
      // Every refusal of a schedule is `invalid-hours`, a body that is not JSON too.
      return fail(res, 400, 'invalid-hours', error instanceof SyntaxError ? 'the body must be office hours as JSON' : error instanceof Error ? error.message : 'invalid hours');
    }
    deps.settings.setHours(shop, parsed, deps.now());
    deps.clock.changed(shop, parsed);
    deps.log({ level: 'info', event: 'hours-set', shop });
    sendJson(res, 200, { hours: parsed, status: deps.clock.status(shop) ?? null }, { 'Cache-Control': 'no-store' });
  }

  async function pageUrl(req: IncomingMessage, res: ServerResponse, shop: string): Promise<void> {
    if (req.method !== 'PUT') return fail(res, 405, 'method-not-allowed', 'use PUT', { Allow: 'PUT' });
    let url: unknown;
    try {
      url = (JSON.parse((await readBody(req, MAX_BODY_BYTES)) ?? 'null') as { url?: unknown } | null)?.url;
    } catch {
      url = undefined;
    }
    const ok = url === null || (typeof url === 'string' && url.length <= 2048 && /^https?:\/\/[^\s]+$/.test(url) && URL.canParse(url));
    if (!ok) return fail(res, 400, 'bad-request', 'body must be { "url": "https://…" } or { "url": null }');
    deps.settings.setPageUrl(shop, url as string | null, deps.now());
    sendJson(res, 200, { url }, { 'Cache-Control': 'no-store' });
  }

  function csat(req: IncomingMessage, res: ServerResponse, shop: string, url: URL): void {
    if (req.method !== 'GET') return fail(res, 405, 'method-not-allowed', 'use GET', { Allow: 'GET' });
    const to = instant(url.searchParams.get('to')) ?? deps.now();
    const from = instant(url.searchParams.get('from')) ?? to - 28 * DAY;
    if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to) return fail(res, 400, 'bad-request', 'from and to must be instants (ms or ISO dates), from before to');
    if (to - from > RELATIONSHIP_LIMITS.maxReportDays * DAY) return fail(res, 400, 'bad-request', `a report spans at most ${RELATIONSHIP_LIMITS.maxReportDays} days`);
    sendJson(res, 200, deps.csat.report(shop, from, to), { 'Cache-Control': 'no-store' });
  }

  async function admin(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (!['/admin/hours', '/admin/page', '/admin/csat'].includes(path) || authorised === undefined) return fail(res, 404, 'not-found', 'not found');
    if (!authorised(req)) return fail(res, 401, 'unauthorized', 'an admin token is required (Authorization: Bearer <token>)', { 'WWW-Authenticate': 'Bearer' });
    const url = new URL(req.url ?? path, 'http://relay.invalid');
    const shop = url.searchParams.get('shop');
    if (!isId(shop)) return fail(res, 400, 'bad-request', shop === null ? 'shop is required' : 'shop must be an id');
    if (path === '/admin/hours') return hours(req, res, shop);
    if (path === '/admin/page') return pageUrl(req, res, shop);
    return csat(req, res, shop, url);
  }

  function unsubscribe(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://relay.invalid');
    const [shop, conversationId, sig] = [url.searchParams.get('shop') ?? '', url.searchParams.get('c') ?? '', url.searchParams.get('sig') ?? ''];
    const email = isId(shop) && isId(conversationId) ? deps.contacts.get(shop, conversationId)?.email : undefined;
    if (email === undefined || !isUnsubscribeSignature(deps.secret, shop, conversationId, email, sig)) {
      return page(res, 404, 'This link does not work any more', '<p>It may be old, or the email address was changed since. Nothing was changed.</p>');
    }
    if (req.method === 'POST') {
      deps.contacts.unsubscribe(shop, email, deps.now());
      deps.log({ level: 'info', event: 'mail-unsubscribed', shop });
      return page(res, 200, 'You are unsubscribed', '<p>You will get no more emails about replies from this shop’s support. Replies still wait for you in the chat.</p>');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return page(res, 405, 'Not allowed', '<p>Use the button of the unsubscribe page.</p>');
    page(res, 200, 'Stop emails about replies?', '<form method="post"><p>You will no longer be emailed when support replies. Replies still wait for you in the chat.</p><button type="submit">Unsubscribe</button></form>');
  }

  return async (req, res, path) => {
    if (path === '/admin' || path.startsWith('/admin/')) {
      await admin(req, res, path);
      return true;
    }
    if (path === '/unsubscribe') {
      unsubscribe(req, res);
      return true;
    }
    return false;
  };
}
