/**
 * `POST /agora/token` on a real relay server (port 0, SQLite in a temp dir) with a made-up Agora
 * App ID and certificate: tokens are minted by `agora-token` and read back with an independent
 * decoder that also checks their signature.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agoraCredentialsFromEnv, AGORA_NOT_CONFIGURED } from '../../../server/agora-tokens.js';
import { withAgoraSources } from '../../../server/agora-csp.js';
import { DEMO_PAGE_CSP } from '../../../server/http-routes.js';
import { createRelayServer, signToken, type RelayServer, type TokenClaims } from '../../../server/index.js';
import { rtcChannelName as plainChannel } from '../../../src/protocol/rtc-channel.js';
import { agoraUserId, rtcUidFor as plainUid } from '../../../src/protocol/rtc-uid.js';
import { decodeAgoraToken } from './access-token-reader.js';

const SECRET = 'agora-token-route-secret-0123456789';
const APP_ID = '0123456789abcdef0123456789abcdef';
const SHOP = 'shop-1';
/** Names carry the shop (issue 12): the call channel of a conversation, and a user's RTC uid. */
const rtcChannelName = (conversationId: string): string => plainChannel(conversationId, 'support', SHOP);
const rtcUidFor = (userId: string, attempt = 0): number => plainUid(agoraUserId(SHOP, userId), attempt);
const CERTIFICATE = 'fedcba9876543210fedcba9876543210';

function relayToken(claims: Partial<TokenClaims> & Pick<TokenClaims, 'sub' | 'role'>, expInSeconds = 3600): string {
  const exp = Math.floor(Date.now() / 1000) + expInSeconds;
  return signToken({ name: claims.sub, shop: SHOP, exp, ...claims }, SECRET);
}

const customer = (): string => relayToken({ sub: 'cust-1', name: 'Ana', role: 'customer', conv: ['c-cust-1'] });
const agent = (): string => relayToken({ sub: 'agent-7', name: 'Bo', role: 'agent' });

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

async function post(server: RelayServer, body: unknown, token?: string): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${server.url}/agora/token`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

describe('POST /agora/token with AGORA_APP_ID / AGORA_APP_CERTIFICATE set', () => {
  let server: RelayServer;
  let dataDir: string;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'support-agora-tokens-'));
    server = await createRelayServer({ port: 0, dataDir, secret: SECRET, demo: true, agora: { appId: APP_ID, appCertificate: CERTIFICATE } });
  });

  after(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives a signed-in customer an RTM token for their own user id, with who they are and for how long', async () => {
    const before = Date.now();
    const { status, body, headers } = await post(server, { kind: 'rtm' }, customer());
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(headers.get('cache-control'), 'no-store');
    assert.equal(headers.get('access-control-allow-origin'), null, 'no Origin sent, no CORS headers');
    assert.equal(typeof body.token, 'string');
    const token = body.token as string;
    assert.ok(token.startsWith('007'), token.slice(0, 10));
    const decoded = decodeAgoraToken(token, CERTIFICATE);
    assert.equal(decoded.signatureValid, true);
    assert.equal(decoded.appId, APP_ID);
    assert.equal(decoded.expire, 3600);
    assert.deepEqual(decoded.rtm, { userId: 'shop-1~cust-1', privileges: { 1: 3600 } });
    assert.equal(decoded.rtc, undefined);
    assert.equal(decodeAgoraToken(token, APP_ID).signatureValid, false, 'another certificate does not verify it');
    const { token: _token, expiresAt, ...rest } = body;
    assert.deepEqual(rest, { kind: 'rtm', appId: APP_ID, userId: 'shop-1~cust-1', shop: SHOP, userName: 'Ana', role: 'customer', conversations: ['c-cust-1'] });
    assert.equal(typeof expiresAt, 'number');
    const lifetime = (expiresAt as number) - before;
    // Whole seconds: the server may have rounded down a second later than `before`.
    assert.ok(lifetime > 3590_000 && lifetime < 3601_000, `expires in ${lifetime} ms`);
  });

  it('refuses an RTM token for somebody else', async () => {
    const { status, body } = await post(server, { kind: 'rtm', uid: 'agent-7' }, customer());
    assert.equal(status, 403);
    assert.equal(body.code, 'forbidden');
  });

  it('gives a customer an RTC publisher token in their own conversation channel, for their own uid', async () => {
    const channel = rtcChannelName('c-cust-1');
    const uid = rtcUidFor('cust-1');
    const { status, body } = await post(server, { kind: 'rtc', channel, uid, conversationId: 'c-cust-1' }, customer());
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(channel, 'support.shop-1~c-cust-1');
    assert.equal(body.channel, channel);
    assert.equal(body.uid, uid);
    const decoded = decodeAgoraToken(body.token as string, CERTIFICATE);
    assert.equal(decoded.signatureValid, true);
    // Join, publish audio, video and data: the publisher role.
    assert.deepEqual(decoded.rtc, { channel, uid: String(uid), privileges: { 1: 3600, 2: 3600, 3: 3600, 4: 3600 } });
  });

  it('accepts the salted uids a user retries with after a uid conflict', async () => {
    const { status } = await post(server, { kind: 'rtc', channel: rtcChannelName('c-cust-1'), uid: rtcUidFor('cust-1', 2) }, customer());
    assert.equal(status, 200);
  });

  it("refuses a customer another conversation's channel or another user's uid", async () => {
    const other = await post(server, { kind: 'rtc', channel: rtcChannelName('c-cust-2'), uid: rtcUidFor('cust-1') }, customer());
    assert.equal(other.status, 403);
    assert.match(String(other.body.message), /not one of your conversations/);
    const stolen = await post(server, { kind: 'rtc', channel: rtcChannelName('c-cust-1'), uid: rtcUidFor('cust-2') }, customer());
    assert.equal(stolen.status, 403);
    assert.match(String(stolen.body.message), /not one of your RTC uids/);
  });

  it("lets an agent into any of the widget's channels, and no other", async () => {
    const ok = await post(server, { kind: 'rtc', channel: rtcChannelName('c-cust-9'), uid: rtcUidFor('agent-7') }, agent());
    assert.equal(ok.status, 200);
    assert.equal(decodeAgoraToken(ok.body.token as string, CERTIFICATE).rtc?.channel, 'support.shop-1~c-cust-9');
    for (const channel of ['other-app.room', 'support.c-cust-9', plainChannel('c-cust-9', 'support', 'shop-2')]) {
      const foreign = await post(server, { kind: 'rtc', channel, uid: rtcUidFor('agent-7') }, agent());
      assert.equal(foreign.status, 403, channel);
    }
  });

  it('answers 401 without a relay token, with a forged one, and token-expired for an expired one', async () => {
    const missing = await post(server, { kind: 'rtm' });
    assert.equal(missing.status, 401);
    assert.equal(missing.body.code, 'unauthorized');
    assert.equal(missing.headers.get('www-authenticate'), 'Bearer');
    const forged = await post(server, { kind: 'rtm' }, signToken({ sub: 'x', name: 'x', role: 'agent', shop: 's', exp: 9e9 }, 'wrong-secret'));
    assert.equal(forged.status, 401);
    assert.equal(forged.body.code, 'unauthorized');
    const expired = await post(server, { kind: 'rtm' }, relayToken({ sub: 'cust-1', role: 'customer', conv: ['c-cust-1'] }, -10));
    assert.equal(expired.status, 401);
    assert.equal(expired.body.code, 'token-expired');
  });

  it('answers 400 to a malformed request and 405 to another method; OPTIONS is a CORS preflight', async () => {
    for (const body of [{}, { kind: 'chat' }, { kind: 'rtc', channel: 'a/b', uid: 1 }, { kind: 'rtc', channel: 'support.c', uid: 0 }, []]) {
      const answer = await post(server, body, customer());
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body.code, 'bad-request');
    }
    const get = await fetch(`${server.url}/agora/token`);
    assert.equal(get.status, 405);
    await get.body?.cancel();
    const preflight = await fetch(`${server.url}/agora/token`, { method: 'OPTIONS', headers: { Origin: server.url } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), server.url, 'same-origin');
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/);
  });

  it("adds the Agora SDKs' sources to the demo pages' CSP", async () => {
    const page = await fetch(`${server.url}/`);
    await page.body?.cancel();
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.match(csp, /worker-src blob:/);
    assert.match(csp, /connect-src 'self' ws: wss: https:\/\/\*\.agora\.io:\*/);
  });
});

describe('POST /agora/token without Agora credentials', () => {
  it('answers 503 config, naming the two environment variables', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'support-agora-tokens-'));
    const server = await createRelayServer({ port: 0, dataDir, secret: SECRET, demo: true });
    try {
      const { status, body } = await post(server, { kind: 'rtm' }, customer());
      assert.equal(status, 503);
      assert.deepEqual(body, { code: 'config', message: 'Agora is not configured: set AGORA_APP_ID and AGORA_APP_CERTIFICATE' });
      const page = await fetch(`${server.url}/`);
      await page.body?.cancel();
      assert.equal(page.headers.get('content-security-policy'), DEMO_PAGE_CSP, 'the relay-only CSP stays strict');
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('agoraCredentialsFromEnv', () => {
  it('is undefined without the variables, the credentials when both are 32 hex digits, else what is wrong', () => {
    assert.equal(agoraCredentialsFromEnv({}), undefined);
    assert.deepEqual(agoraCredentialsFromEnv({ AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: CERTIFICATE }), { appId: APP_ID, appCertificate: CERTIFICATE });
    assert.equal(agoraCredentialsFromEnv({ AGORA_APP_ID: APP_ID }), AGORA_NOT_CONFIGURED);
    assert.match(String(agoraCredentialsFromEnv({ AGORA_APP_ID: 'my-app', AGORA_APP_CERTIFICATE: CERTIFICATE })), /AGORA_APP_ID must be 32 hexadecimal/);
    assert.match(String(agoraCredentialsFromEnv({ AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: 'x' })), /AGORA_APP_CERTIFICATE must be 32/);
  });
});

describe('withAgoraSources', () => {
  it('extends existing directives, adds missing ones and never duplicates a source', () => {
    const csp = withAgoraSources("default-src 'self'; script-src 'self'; connect-src 'self'");
    assert.equal(
      csp,
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self' https://*.agora.io:* wss://*.agora.io:* https://*.sd-rtn.com:* wss://*.sd-rtn.com:*; worker-src blob:",
    );
    assert.equal(withAgoraSources(csp), csp);
  });
});
