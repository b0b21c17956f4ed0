/**
 * The privacy API, for the shop's operators (server to server, never a browser):
 *
 *   GET    /privacy/export?customerId=<id>&shop=<id>   everything stored about the customer, as JSON
 *   DELETE /privacy/customers/<id>?shop=<id>          deletes it (messages, conversations, read marks, uploads)
 *
 * Both need `Authorization: Bearer <SUPPORT_ADMIN_TOKEN>`; without an admin token configured
 * the routes do not exist (404). No CORS headers: a page on another origin cannot call them.
 * `shop` is required: customer ids are the shops' own, so the same id in two shops is two people.
 * A deletion also closes the customer's open sockets (`customer-deleted`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SupportError, isId } from 'support-widget/protocol';
import { adminAuthorizer } from './admin-auth.js';
import { sendJson } from './demo-token.js';
import type { RelayLog } from './log.js';
import type { PrivacyStore } from './privacy-store.js';

export interface PrivacyRoutesOptions {
  privacy: PrivacyStore;
  /** The bearer secret operators present; at least 16 characters. */
  adminToken: string;
  log: RelayLog;
  /** Closes the open sockets of the deleted customer's conversations; returns how many. */
  disconnect?: (shop: string, customerId: string, conversationIds: readonly string[]) => number;
  now?: () => number;
}

/** Handles a request whose path is `/privacy` or below. */
export type PrivacyRoutes = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void>;

/** Shortest admin token accepted: a guessable one would expose every customer's data. */
export const MIN_ADMIN_TOKEN_CHARS = 16;

const CUSTOMER_PATH = /^\/privacy\/customers\/([^/]+)$/;

function fail(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { code, message }, { 'Cache-Control': 'no-store', ...headers });
}

/** The decoded path segment when it is an id; undefined otherwise. */
function idSegment(raw: string): string | undefined {
  try {
    const decoded = decodeURIComponent(raw);
    return isId(decoded) ? decoded : undefined;
  } catch {
    return undefined;
  }
}

export function createPrivacyRoutes(options: PrivacyRoutesOptions): PrivacyRoutes {
  if (options.adminToken.length < MIN_ADMIN_TOKEN_CHARS) {
    throw new SupportError('config', `the admin token must have at least ${MIN_ADMIN_TOKEN_CHARS} characters`);
  }
  const authorised = adminAuthorizer(options.adminToken);
  const now = options.now ?? Date.now;

  /** The required `shop`; null after answering 400. */
  function shopOf(url: URL, res: ServerResponse): string | null {
    const shop = url.searchParams.get('shop');
    if (isId(shop)) return shop;
    fail(res, 400, 'bad-request', shop === null ? 'shop is required (customer ids are per shop)' : 'shop must be an id');
    return null;
  }

  function exportCustomer(res: ServerResponse, url: URL): void {
    const customerId = url.searchParams.get('customerId');
    if (!isId(customerId)) return fail(res, 400, 'bad-request', 'customerId must be an id');
    const shop = shopOf(url, res);
    if (shop === null) return;
    const data = options.privacy.exportCustomer(customerId, shop, now());
    options.log({ level: 'info', event: 'privacy-export', customer: customerId, shop, conversations: data.conversations.length });
    sendJson(res, 200, data, {
      'Cache-Control': 'no-store',
      'Content-Disposition': `attachment; filename="customer-${customerId}.json"`,
    });
  }

  function deleteCustomer(res: ServerResponse, url: URL, rawId: string): void {
    const customerId = idSegment(rawId);
    if (customerId === undefined) return fail(res, 400, 'bad-request', 'the customer id must be an id');
    const shop = shopOf(url, res);
    if (shop === null) return;
    const { conversationIds, ...deleted } = options.privacy.deleteCustomer(customerId, shop, now());
    const sockets = options.disconnect?.(shop, customerId, conversationIds) ?? 0;
    options.log({ level: 'info', event: 'privacy-delete', customer: customerId, shop, ...deleted, sockets });
    sendJson(res, 200, { customerId, shop, deleted, sockets }, { 'Cache-Control': 'no-store' });
  }

  function route(req: IncomingMessage, res: ServerResponse, path: string): void {
    const method = req.method ?? 'GET';
    const customer = CUSTOMER_PATH.exec(path);
    if (path !== '/privacy/export' && customer === null) return fail(res, 404, 'not-found', 'not found');
    if (!authorised(req)) {
      return fail(res, 401, 'unauthorized', 'an admin token is required (Authorization: Bearer <token>)', { 'WWW-Authenticate': 'Bearer' });
    }
    const url = new URL(req.url ?? path, 'http://relay.invalid');
    if (customer === null) {
      if (method === 'GET') return exportCustomer(res, url);
      return fail(res, 405, 'method-not-allowed', 'use GET', { Allow: 'GET' });
    }
    if (method === 'DELETE') return deleteCustomer(res, url, customer[1] ?? '');
    return fail(res, 405, 'method-not-allowed', 'use DELETE', { Allow: 'DELETE' });
  }

  // Async so that a store error becomes a rejection the HTTP layer answers with 500.
  return async (req, res, path) => route(req, res, path);
}
