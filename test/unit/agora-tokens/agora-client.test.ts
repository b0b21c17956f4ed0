/**
 * `SupportClient` on `agoraBackend()`: relay tokens exchanged at a real relay's `/agora/token`
 * (made-up App ID and certificate) for RTM tokens, which the RTM fake accepts only when they
 * decode, carry the right user and verify with the certificate. Also: Agora tokens given
 * directly, renewal with a forced refresh, config errors, and calls on the RTC fake.
 */
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRelayServer, signToken, type RelayServer, type TokenClaims } from '../../../server/index.js';
import { mintAgoraRtmToken } from '../../../server/agora-tokens.js';
import { agoraBackend } from '../../../src/transports/agora/agora-backend.js';
import type { AgoraBackendOptions } from '../../../src/transports/agora/backend-options.js';
import { LazyAgoraMessagingTransport } from '../../../src/transports/agora/lazy-messaging-transport.js';
import { SupportError } from '../../../src/protocol/errors.js';
import { SupportClient } from '../../../src/core/support-client.js';
import type { SupportClientEvents } from '../../../src/core/types.js';
import { tokenProvider } from '../../../src/tokens/token-provider.js';
import type { TokenRequest, TokenSource } from '../../../src/tokens/types.js';
import { agoraUserId, rtcUidFor as plainUid } from '../../../src/protocol/rtc-uid.js';
import { FakeMediaStreamImpl, FakeRtcNetwork, fakeTrack } from '../agora/fake-rtc.js';
import { FakeRtmNetwork } from '../agora/fake-rtm.js';
import { decodeAgoraToken } from './access-token-reader.js';

const SECRET = 'agora-client-secret-0123456789abcdef';
/** Agora names carry the shop (issue 12): the relay's users are `shop-1~<sub>` on RTM and RTC. */
const agoraId = (sub: string): string => agoraUserId('shop-1', sub);
const rtcUidFor = (sub: string): number => plainUid(agoraId(sub));
const APP_ID = '0123456789abcdef0123456789abcdef';
const CERTIFICATE = 'fedcba9876543210fedcba9876543210';

/** True for a genuine token of our made-up project for `check` (what Agora's servers would verify). */
function genuine(token: string | null | undefined, check: (decoded: ReturnType<typeof decodeAgoraToken>) => boolean): boolean {
  try {
    const decoded = decodeAgoraToken(token ?? '', CERTIFICATE);
    return decoded.signatureValid && decoded.appId === APP_ID && check(decoded);
  } catch {
    return false;
  }
}

function relayToken(claims: Pick<TokenClaims, 'sub' | 'name' | 'role'> & { conv?: string[] }): { token: string; expiresAt: number } {
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return { token: signToken({ shop: 'shop-1', exp, ...claims }, SECRET), expiresAt: exp * 1000 };
}

function nextClientEvent<K extends keyof SupportClientEvents>(
  client: SupportClient,
  event: K,
  match: (payload: SupportClientEvents[K]) => boolean,
  timeoutMs = 3_000,
): Promise<SupportClientEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching ${String(event)} within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = client.on(event, (payload) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

const isCode = (code: string) => (error: unknown) => error instanceof SupportError && error.code === code;

describe('SupportClient on the agora backend (RTM fake, real token endpoint)', () => {
  let server: RelayServer;
  let dataDir: string;
  let rtm: FakeRtmNetwork;
  const clients: SupportClient[] = [];

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'support-agora-client-'));
    server = await createRelayServer({ port: 0, dataDir, secret: SECRET, agora: { appId: APP_ID, appCertificate: CERTIFICATE } });
  });

  after(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.dispose();
  });

  function client({ tokenProvider, ...agora }: AgoraBackendOptions & { tokenProvider: TokenSource }): SupportClient {
    const created = new SupportClient({
      backend: agoraBackend({ loadRtmSdk: async () => rtm.sdk(), presencePollMs: 0, ...agora }),
      storage: null,
      timeoutMs: 3_000,
      tokenProvider,
    });
    clients.push(created);
    return created;
  }

  function viaRelay(claims: Parameters<typeof relayToken>[0], calls: TokenRequest[] = []): SupportClient {
    return client({
      server: server.url,
      tokenProvider: async (request) => {
        calls.push(request);
        return relayToken(claims);
      },
    });
  }

  it('a customer and an agent exchange messages, signed in with relay tokens exchanged for RTM tokens', async () => {
    rtm = new FakeRtmNetwork({ checkToken: (userId, token) => genuine(token, (d) => d.rtm?.userId === userId) });
    const agent = viaRelay({ sub: 'agent-7', name: 'Bo', role: 'agent' });
    await agent.connect();
    assert.deepEqual(agent.user, { id: agoraId('agent-7'), name: 'Bo', role: 'agent' });
    const customer = viaRelay({ sub: 'cust-1', name: 'Ana', role: 'customer', conv: ['c-cust-1'] });
    const announced = nextClientEvent(agent, 'conversation', (e) => e.conversationId === 'c-cust-1');
    await customer.connect();
    assert.deepEqual(customer.user, { id: 'shop-1~cust-1', name: 'Ana', role: 'customer' });
    assert.equal(customer.primaryConversationId, 'c-cust-1', "the relay token's conversation, as on the relay");
    assert.equal(customer.agentsOnline, 1);
    await announced;

    const atAgent = nextClientEvent(agent, 'message', (e) => e.message.body === 'My screen flickers');
    customer.send('c-cust-1', { body: 'My screen flickers' });
    const received = await atAgent;
    assert.equal(received.message.from.id, agoraId('cust-1'));
    assert.equal(received.message.mine, false);

    const atCustomer = nextClientEvent(customer, 'message', (e) => e.message.body === 'Hold the power button for 10 s');
    const acked = nextClientEvent(agent, 'message', (e) => e.message.mine && e.message.status === 'sent');
    agent.send('c-cust-1', { body: 'Hold the power button for 10 s' });
    assert.deepEqual((await atCustomer).message.from, { id: agoraId('agent-7'), name: 'Bo', role: 'agent' });
    assert.ok((await acked).message.seq !== undefined);
  });

  it('renews the RTM token when RTM warns, with a forced refresh of the token source', async () => {
    rtm = new FakeRtmNetwork({ checkToken: (userId, token) => genuine(token, (d) => d.rtm?.userId === userId) });
    const calls: TokenRequest[] = [];
    const customer = viaRelay({ sub: 'cust-2', name: 'Cy', role: 'customer', conv: ['c-cust-2'] }, calls);
    await customer.connect();
    assert.equal(calls.length, 1);
    rtm.warnTokenExpiry(agoraId('cust-2'));
    const deadline = Date.now() + 2_000;
    while ((rtm.renewed.get(agoraId('cust-2')) ?? []).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const renewed = rtm.renewed.get(agoraId('cust-2')) ?? [];
    assert.equal(renewed.length, 1, 'renewToken was called once');
    assert.ok(genuine(renewed[0], (d) => d.rtm?.userId === agoraId('cust-2')), 'with a new genuine RTM token');
    assert.deepEqual(calls.map((c) => c.forceRefresh), [false, true]);
  });

  it('takes Agora tokens from the token source as they are, with the identity from the options', async () => {
    rtm = new FakeRtmNetwork({ checkToken: (userId, token) => genuine(token, (d) => d.rtm?.userId === userId) });
    const credentials = { appId: APP_ID, appCertificate: CERTIFICATE };
    const customer = client({
      appId: APP_ID,
      userId: 'shop-user-5',
      userName: 'Eve',
      tokenProvider: tokenProvider(async () => mintAgoraRtmToken(credentials, 'shop-user-5')),
    });
    await customer.connect();
    assert.deepEqual(customer.user, { id: 'shop-user-5', name: 'Eve', role: 'customer' });
    assert.equal(customer.primaryConversationId, 'shop-user-5', 'without a conversation list, the user id');
  });

  it('reports config errors: an Agora token without appId, and Agora not configured on the server', async () => {
    rtm = new FakeRtmNetwork();
    const credentials = { appId: APP_ID, appCertificate: CERTIFICATE };
    const noAppId = client({ userId: 'u1', tokenProvider: async () => mintAgoraRtmToken(credentials, 'u1') });
    await assert.rejects(noAppId.connect(), isCode('config'));

    const plainDir = mkdtempSync(join(tmpdir(), 'support-agora-client-'));
    const plain = await createRelayServer({ port: 0, dataDir: plainDir, secret: SECRET });
    try {
      const customer = client({ server: plain.url, tokenProvider: async () => relayToken({ sub: 'c9', name: 'C', role: 'customer', conv: ['c-c9'] }) });
      await assert.rejects(customer.connect(), (error: unknown) => {
        assert.ok(error instanceof SupportError);
        assert.equal(error.code, 'config');
        assert.match(error.message, /set AGORA_APP_ID and AGORA_APP_CERTIFICATE/);
        return true;
      });
    } finally {
      await plain.close();
      rmSync(plainDir, { recursive: true, force: true });
    }
  });

  it('a relay token the exchange refuses is unauthorized, without retrying forever', async () => {
    rtm = new FakeRtmNetwork();
    const forged = client({
      server: server.url,
      tokenProvider: async () => signToken({ sub: 'x', name: 'x', role: 'agent', shop: 's', exp: 9e9 }, 'wrong-secret'),
    });
    await assert.rejects(forged.connect(), isCode('unauthorized'));
  });
});

describe('calls on the agora backend (RTC fake, real token endpoint)', () => {
  it("both sides join their conversation's RTC channel with exchanged tokens and see each other's video", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'support-agora-call-'));
    const server = await createRelayServer({ port: 0, dataDir, secret: SECRET, agora: { appId: APP_ID, appCertificate: CERTIFICATE } });
    const rtmNetwork = new FakeRtmNetwork({ checkToken: (userId, token) => genuine(token, (d) => d.rtm?.userId === userId) });
    const rtcNetwork = new FakeRtcNetwork({
      appId: APP_ID,
      checkToken: (channel, uid, token) => genuine(token, (d) => d.rtc?.channel === channel && d.rtc.uid === String(uid)),
    });
    const transports: LazyAgoraMessagingTransport[] = [];
    const party = async (claims: Parameters<typeof relayToken>[0]): Promise<LazyAgoraMessagingTransport> => {
      const tokens = tokenProvider(async () => relayToken(claims));
      const transport = new LazyAgoraMessagingTransport({
        server: server.url,
        tokens,
        timeoutMs: 3_000,
        loadRtmSdk: async () => rtmNetwork.sdk(),
        loadRtcSdk: async () => rtcNetwork.sdk(),
        MediaStreamImpl: FakeMediaStreamImpl,
        presencePollMs: 0,
      });
      transports.push(transport);
      await transport.connect({ token: await tokens.getToken(), resume: {} });
      return transport;
    };
    try {
      const customer = await party({ sub: 'cust-3', name: 'Di', role: 'customer', conv: ['c-cust-3'] });
      const agent = await party({ sub: 'agent-8', name: 'Al', role: 'agent' });
      const customerMedia = await customer.createMediaTransport('c-cust-3');
      const agentMedia = await agent.createMediaTransport('c-cust-3');
      const join = { callId: 'call-42', conversationId: 'c-cust-3' };
      await customerMedia.join({ ...join, selfId: agoraId('cust-3'), peerId: agoraId('agent-8'), polite: true, timeoutMs: 2_000 });
      await agentMedia.join({ ...join, selfId: agoraId('agent-8'), peerId: agoraId('cust-3'), polite: false, timeoutMs: 2_000 });
      assert.deepEqual(rtcNetwork.members('support.shop-1~c-cust-3').sort(), [rtcUidFor('cust-3'), rtcUidFor('agent-8')].sort());
      const seen = new Promise<MediaStream | null>((resolve) => {
        const off = customerMedia.on('remote-stream', (stream) => {
          if ((stream?.getVideoTracks().length ?? 0) === 0) return;
          off();
          resolve(stream);
        });
      });
      await agentMedia.publish({ video: fakeTrack('video') });
      assert.equal((await seen)?.getVideoTracks().length, 1);
      await customerMedia.leave();
      await agentMedia.leave();

      // A customer cannot get a token for somebody else's conversation: the join is refused.
      const intruder = await customer.createMediaTransport('c-someone-else');
      await assert.rejects(intruder.join({ callId: 'x', conversationId: 'c-someone-else', selfId: agoraId('cust-3'), polite: true, timeoutMs: 2_000 }), isCode('forbidden'));
      await intruder.leave();
    } finally {
      for (const transport of transports) transport.disconnect();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
