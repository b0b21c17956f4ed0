/**
 * Exchanging a relay token for Agora tokens at the relay's `POST /agora/token` (see
 * `server/agora-tokens.ts`). The relay token proves who the user is; the answer is an RTM token
 * for that user (with the identity RTM needs before login) or an RTC token for one channel and uid.
 * DOM-free and free of Agora code: the relay bundle may import it.
 */
import type { Role } from '../../protocol/model.js';
import { SupportError } from '../../protocol/errors.js';
import { fetchJson } from '../../base/fetch-json.js';

/** Path of the exchange on the relay server. */
export const AGORA_TOKEN_PATH = '/agora/token';

/**
 * True for an Agora token (AccessToken2 `007…`, or the older `006…`); relay tokens are base64url
 * JSON (`eyJ…`), so the two never look alike.
 */
export function isAgoraToken(token: string): boolean {
  return /^00[67][A-Za-z0-9+/=]{16,}$/.test(token);
}

/** What the exchange answers for an RTM token. */
export interface AgoraRtmGrant {
  token: string;
  /** Ms since epoch. */
  expiresAt?: number;
  appId?: string;
  userId?: string;
  userName?: string;
  role?: Role;
  /** A customer's conversations (their relay token's `conv`). */
  conversations?: string[];
  /** The relay token's shop: call channels carry it (`rtcChannelName(conversationId, prefix, shop)`). */
  shop?: string;
}

/** What the exchange answers for an RTC token. */
export interface AgoraRtcGrant {
  token: string;
  expiresAt?: number;
  appId?: string;
}

/** `conversationId`: the call's conversation, which the relay checks the caller is a member of. */
export type AgoraTokenRequest = { kind: 'rtm' } | { kind: 'rtc'; channel: string; uid: number; conversationId?: string };

export interface AgoraExchangeOptions {
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Default 10 000 ms. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

function optionalString(o: Record<string, unknown>, key: string): string | undefined {
  const value = o[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function readGrant(json: unknown): AgoraRtmGrant {
  if (typeof json !== 'object' || json === null) {
    throw new SupportError('config', 'Agora token endpoint must answer a JSON object', { retryable: false });
  }
  const o = json as Record<string, unknown>;
  const token = optionalString(o, 'token');
  if (token === undefined) throw new SupportError('config', 'Agora token endpoint answer has no "token"', { retryable: false });
  const grant: AgoraRtmGrant = { token };
  if (typeof o.expiresAt === 'number' && Number.isFinite(o.expiresAt)) grant.expiresAt = o.expiresAt;
  const appId = optionalString(o, 'appId');
  if (appId !== undefined) grant.appId = appId;
  const userId = optionalString(o, 'userId');
  if (userId !== undefined) grant.userId = userId;
  const userName = optionalString(o, 'userName');
  if (userName !== undefined) grant.userName = userName;
  if (o.role === 'customer' || o.role === 'agent' || o.role === 'admin') grant.role = o.role;
  const shop = optionalString(o, 'shop');
  if (shop !== undefined) grant.shop = shop;
  if (Array.isArray(o.conversations) && o.conversations.every((c) => typeof c === 'string')) {
    grant.conversations = o.conversations as string[];
  }
  return grant;
}

/** The coded error for a refused exchange; the server's `{ code, message }` wins when it has one. */
async function refusal(response: Response): Promise<SupportError> {
  let body: { code?: unknown; message?: unknown } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // Not JSON: the status alone decides.
  }
  const said = typeof body.message === 'string' ? `: ${body.message}` : '';
  const message = `Agora token endpoint answered HTTP ${response.status}${said}`;
  if (body.code === 'token-expired') return new SupportError('token-expired', message);
  if (response.status === 401) return new SupportError('unauthorized', message, { retryable: false });
  if (response.status === 403) return new SupportError('forbidden', message, { retryable: false });
  if (response.status === 404 || body.code === 'config') return new SupportError('config', message, { retryable: false });
  if (response.status === 408 || response.status === 429 || response.status >= 500) return new SupportError('network', message);
  return new SupportError('config', message, { retryable: false });
}

/**
 * Posts `request` to `endpoint` with the relay token as bearer. Errors: `unauthorized` /
 * `token-expired` (the relay token), `forbidden` (not the user's channel or uid), `config`
 * (Agora not configured on the server, malformed answer), `network`, `timeout`, `closed` (aborted).
 *
 * @example
 * const { token, userId, appId } = await exchangeAgoraToken('/agora/token', relayToken, { kind: 'rtm' });
 */
export async function exchangeAgoraToken(
  endpoint: string,
  relayToken: string,
  request: AgoraTokenRequest,
  options: AgoraExchangeOptions = {},
): Promise<AgoraRtmGrant> {
  const json = await fetchJson(
    endpoint,
    {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json', authorization: `Bearer ${relayToken}` },
      body: JSON.stringify(request),
    },
    {
      what: 'Agora token endpoint',
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      signal: options.signal,
      fetch: options.fetch,
      refuse: refusal,
    },
  );
  return readGrant(json);
}
