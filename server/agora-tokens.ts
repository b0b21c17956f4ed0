/**
 * `POST /agora/token`: Agora tokens for signed-in users of the relay, built with the `agora-token`
 * package (AccessToken2, `007…`). The caller proves who they are with a relay token
 * (`Authorization: Bearer`, as for uploads); the Agora App Certificate never leaves the server.
 *
 *   body { kind: 'rtm' }                                  → RTM token for the token's user, and who that is
 *   body { kind: 'rtc', channel, uid, conversationId }    → RTC token (publisher) for one call channel and uid
 *
 * Names carry the shop, since one Agora project serves every shop of the relay and ids are the
 * shops' own: the RTM user is `agoraUserId(shop, sub)` (`<shop>~<sub>`), a call's channel is
 * `rtcChannelName(conversationId, prefix, shop)` (`support.<shop>~<conversationId>`). Who may get
 * what: an RTM token only for the relay token's own (shop, user); an RTC token only for one of that
 * user's uids (`rtcUidCandidates(agoraUserId(shop, sub))`) and only in the call channel of a
 * conversation they are a member of: a customer's own (`conv`), any of the agent's shop. The
 * conversation comes from `conversationId` (or, without it, from a plain channel name).
 * Configured by `AGORA_APP_ID` / `AGORA_APP_CERTIFICATE` (see `agoraCredentialsFromEnv`); without
 * them every request is answered 503 `{ code: 'config' }`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import agoraToken from 'agora-token';
import { SupportError, agoraUserId, isId, isRtcChannelName, rtcChannelName, rtcUidCandidates } from 'support-widget/protocol';
import { sendJson } from './demo-token.js';
import { verifyToken, type TokenClaims } from './tokens.js';

// A CommonJS package whose named exports Node cannot detect: take them from the default export.
const { RtcRole, RtcTokenBuilder, RtmTokenBuilder } = agoraToken;

/** An Agora project's App ID and App Certificate (32 hexadecimal characters each). */
export interface AgoraCredentials {
  appId: string;
  appCertificate: string;
}

export interface AgoraTokenRouteOptions {
  /** The relay's HMAC secret (verifies the bearer token). */
  secret: string;
  /** Longest relay-token lifetime accepted, seconds. Default 24 h (`verifyToken`). */
  maxTokenLifetimeSeconds?: number | undefined;
  /** Absent: not configured (503). A string: why the configuration is wrong (503 with that message). */
  credentials: AgoraCredentials | string | undefined;
  /** Lifetime of minted tokens, seconds. Default 3600 (1 h). */
  ttlSeconds?: number;
  /** Prefix of channel names, as the clients use. Default `support`. */
  channelPrefix?: string;
  now?: () => number;
}

/** Handles `/agora/token` (POST; the CORS preflight is answered before it, by `api-cors.ts`). */
export type AgoraTokenRoute = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export const AGORA_TOKEN_TTL_SECONDS = 3600;
export const AGORA_NOT_CONFIGURED = 'Agora is not configured: set AGORA_APP_ID and AGORA_APP_CERTIFICATE';
const HEX32 = /^[0-9a-fA-F]{32}$/;
const MAX_BODY_BYTES = 1024;
const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Reads `AGORA_APP_ID` / `AGORA_APP_CERTIFICATE`: undefined when neither is set, the credentials
 * when both are well-formed, else a sentence saying what is wrong.
 */
export function agoraCredentialsFromEnv(env: NodeJS.ProcessEnv = process.env): AgoraCredentials | string | undefined {
  const appId = env['AGORA_APP_ID'] ?? '';
  const appCertificate = env['AGORA_APP_CERTIFICATE'] ?? '';
  if (appId === '' && appCertificate === '') return undefined;
  if (appId === '' || appCertificate === '') return AGORA_NOT_CONFIGURED;
  if (!HEX32.test(appId)) return 'AGORA_APP_ID must be 32 hexadecimal characters (the App ID of the Agora console)';
  if (!HEX32.test(appCertificate)) return 'AGORA_APP_CERTIFICATE must be 32 hexadecimal characters (the primary certificate)';
  return { appId, appCertificate };
}

/** An RTM 2.x login token for `userId`, valid `ttlSeconds`. */
export function mintAgoraRtmToken(credentials: AgoraCredentials, userId: string, ttlSeconds = AGORA_TOKEN_TTL_SECONDS): string {
  return checked(RtmTokenBuilder.buildToken(credentials.appId, credentials.appCertificate, userId, ttlSeconds));
}

/** An RTC token to join `channel` as numeric `uid` and publish, valid `ttlSeconds`. */
export function mintAgoraRtcToken(
  credentials: AgoraCredentials,
  channel: string,
  uid: number,
  ttlSeconds = AGORA_TOKEN_TTL_SECONDS,
  role: 'publisher' | 'subscriber' = 'publisher',
): string {
  const agoraRole = role === 'publisher' ? RtcRole.PUBLISHER : RtcRole.SUBSCRIBER;
  return checked(
    RtcTokenBuilder.buildTokenWithUid(credentials.appId, credentials.appCertificate, channel, uid, agoraRole, ttlSeconds, ttlSeconds),
  );
}

/** `agora-token` answers '' instead of throwing when the App ID or certificate is malformed. */
function checked(token: string): string {
  if (!token.startsWith('007')) throw new SupportError('config', 'agora-token could not build a token (check the App ID and certificate)');
  return token;
}

function fail(res: ServerResponse, status: number, code: string, message: string): void {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  if (status === 401) headers['WWW-Authenticate'] = 'Bearer';
  sendJson(res, status, { code, message }, headers);
}

/** The body as JSON, or undefined after answering 4xx. */
async function readJson(req: IncomingMessage, res: ServerResponse): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    if (size > MAX_BODY_BYTES) {
      fail(res, 413, 'bad-request', `body is larger than ${MAX_BODY_BYTES} bytes`);
      return undefined;
    }
    chunks.push(chunk as Buffer);
  }
  try {
    const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // Answered below.
  }
  fail(res, 400, 'bad-request', 'body must be a JSON object { kind: "rtm" | "rtc", channel?, uid? }');
  return undefined;
}

/** What the bearer token says, or undefined after answering 401. */
function authenticate(req: IncomingMessage, res: ServerResponse, secret: string, now: number, maxLifetimeSeconds: number | undefined): TokenClaims | undefined {
  const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
  if (token === undefined) {
    fail(res, 401, 'unauthorized', 'a relay token is required (Authorization: Bearer <token>)');
    return undefined;
  }
  try {
    return verifyToken(token, secret, now, { maxLifetimeSeconds });
  } catch (error) {
    fail(res, 401, error instanceof SupportError ? error.code : 'unauthorized', error instanceof Error ? error.message : 'invalid token');
    return undefined;
  }
}

/** The conversation of a plain `<prefix>.<shop>~<conversationId>` channel of `shop`, if it is one. */
function conversationOfChannel(channel: string, prefix: string, shop: string): string | undefined {
  const start = `${prefix}.${shop}~`;
  return channel.startsWith(start) ? channel.slice(start.length) : undefined;
}

/** Why `claims` may not have an RTC token for `channel`/`uid`, or undefined when it may. */
function rtcRefusal(claims: TokenClaims, channel: string, uid: number, prefix: string, named: unknown): string | undefined {
  if (!rtcUidCandidates(agoraUserId(claims.shop, claims.sub)).includes(uid)) return `uid ${uid} is not one of your RTC uids`;
  const conversationId = typeof named === 'string' ? named : conversationOfChannel(channel, prefix, claims.shop);
  if (!isId(conversationId)) return 'name the call\'s conversation (conversationId)';
  if (rtcChannelName(conversationId, prefix, claims.shop) !== channel) return `channel ${channel} is not the call channel of ${conversationId} in your shop`;
  if (claims.role === 'customer' && claims.conv?.includes(conversationId) !== true) return `${conversationId} is not one of your conversations`;
  return undefined;
}

/**
 * @example
 * const route = createAgoraTokenRoute({ secret, credentials: agoraCredentialsFromEnv() });
 * if (path === '/agora/token') await route(req, res);
 */
export function createAgoraTokenRoute(options: AgoraTokenRouteOptions): AgoraTokenRoute {
  const ttl = options.ttlSeconds ?? AGORA_TOKEN_TTL_SECONDS;
  const prefix = options.channelPrefix ?? 'support';
  const now = options.now ?? Date.now;

  return async (req, res) => {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST, OPTIONS');
      return fail(res, 405, 'bad-request', 'use POST');
    }
    const credentials = options.credentials;
    if (credentials === undefined || typeof credentials === 'string') {
      return fail(res, 503, 'config', credentials ?? AGORA_NOT_CONFIGURED);
    }
    const at = now();
    const claims = authenticate(req, res, options.secret, at, options.maxTokenLifetimeSeconds);
    if (claims === undefined) return;
    const body = await readJson(req, res);
    if (body === undefined) return;
    const expiresAt = (Math.floor(at / 1000) + ttl) * 1000;
    const answer = { appId: credentials.appId, expiresAt };
    const ok = (extra: Record<string, unknown>): void =>
      sendJson(res, 200, { ...extra, ...answer }, { 'Cache-Control': 'no-store' });

    if (body.kind === 'rtm') {
      const userId = agoraUserId(claims.shop, claims.sub);
      if (body.uid !== undefined && body.uid !== userId) return fail(res, 403, 'forbidden', `an RTM token is only for your own user id (${userId})`);
      const token = mintAgoraRtmToken(credentials, userId, ttl);
      return ok({
        kind: 'rtm',
        token,
        userId,
        shop: claims.shop,
        userName: claims.name,
        role: claims.role,
        ...(claims.conv === undefined ? {} : { conversations: claims.conv }),
      });
    }
    if (body.kind === 'rtc') {
      const { channel, uid } = body;
      if (typeof channel !== 'string' || !isRtcChannelName(channel)) return fail(res, 400, 'bad-request', 'channel must be an Agora RTC channel name');
      if (typeof uid !== 'number' || !Number.isInteger(uid) || uid < 1 || uid > 0xffffffff) {
        return fail(res, 400, 'bad-request', 'uid must be an integer from 1 to 2^32-1');
      }
      const refusal = rtcRefusal(claims, channel, uid, prefix, body.conversationId);
      if (refusal !== undefined) return fail(res, 403, 'forbidden', refusal);
      return ok({ kind: 'rtc', token: mintAgoraRtcToken(credentials, channel, uid, ttl), channel, uid });
    }
    return fail(res, 400, 'bad-request', 'kind must be "rtm" or "rtc"');
  };
}
