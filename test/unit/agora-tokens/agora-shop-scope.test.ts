/**
 * Issue 12: the Agora names the relay mints tokens for carry the shop, and `POST /agora/token`
 * checks the shop and that the caller is a member of the call's conversation. Before, a demo
 * agent got an RTC publisher token for another shop's call channel and an RTM login token for
 * another shop's user id (names were derived from ids alone, which are the shops' own).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createRelayServer, signToken, type RelayServer, type TokenClaims } from '../../../server/index.js';
import { isRtcChannelName, rtcChannelName } from '../../../src/protocol/rtc-channel.js';
import { agoraUserId, rtcUidFor } from '../../../src/protocol/rtc-uid.js';
import { decodeAgoraToken } from './access-token-reader.js';

const SECRET = 'agora-shop-scope-secret-0123456789abcdef';
const APP_ID = '0123456789abcdef0123456789abcdef';
const CERTIFICATE = 'fedcba9876543210fedcba9876543210';

function relayToken(claims: Pick<TokenClaims, 'sub' | 'role' | 'shop'> & { conv?: string[] }): string {
  return signToken({ name: claims.sub, exp: Math.floor(Date.now() / 1000) + 600, ...claims }, SECRET);
}

describe('Agora tokens are scoped by shop and conversation membership', () => {
  let server: RelayServer;
  let dataDir: string;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'support-agora-scope-'));
    server = await createRelayServer({ port: 0, dataDir, secret: SECRET, demo: true, agora: { appId: APP_ID, appCertificate: CERTIFICATE } });
  });

  after(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function post(body: unknown, token: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${server.url}/agora/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function demoAgent(userId: string): Promise<string> {
    const response = await fetch(`${server.url}/demo/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'agent', userId }) });
    return ((await response.json()) as { token: string }).token;
  }

  it("refuses a demo agent an RTC token for another shop's call channel", async () => {
    const spy = await demoAgent('spy');
    const uid = rtcUidFor(agoraUserId('demo', 'spy'));
    for (const [channel, conversationId] of [
      ['support.c-bob', undefined], // the name shop-b's call had before
      [rtcChannelName('c-bob', 'support', 'shop-b'), undefined],
      [rtcChannelName('c-bob', 'support', 'shop-b'), 'c-bob'],
    ] as const) {
      const answer = await post({ kind: 'rtc', channel, uid, ...(conversationId === undefined ? {} : { conversationId }) }, spy);
      assert.deepEqual([answer.status, answer.body.code], [403, 'forbidden'], channel);
    }
    // Its own shop's call: yes, in the channel that names the shop.
    const own = await post({ kind: 'rtc', channel: rtcChannelName('c-bob', 'support', 'demo'), uid, conversationId: 'c-bob' }, spy);
    assert.equal(own.status, 200, JSON.stringify(own.body));
    assert.equal(decodeAgoraToken(own.body.token as string, CERTIFICATE).rtc?.channel, 'support.demo~c-bob');
  });

  it("refuses an RTM login token for another shop's user: the demo agent bob is demo~bob, not shop-b's bob", async () => {
    const bob = await demoAgent('bob');
    const mine = await post({ kind: 'rtm' }, bob);
    assert.equal(mine.status, 200);
    assert.deepEqual([mine.body.userId, mine.body.shop], ['demo~bob', 'demo']);
    assert.equal(decodeAgoraToken(mine.body.token as string, CERTIFICATE).rtm?.userId, 'demo~bob');
    const theirs = await post({ kind: 'rtm', uid: agoraUserId('shop-b', 'bob') }, bob);
    assert.deepEqual([theirs.status, theirs.body.code], [403, 'forbidden']);
  });

  it('gives a customer only the channels of their own conversations, in their shop', async () => {
    const squatter = relayToken({ sub: 'mallory', role: 'customer', shop: 'shop-a', conv: ['c-bob'] });
    const uid = rtcUidFor(agoraUserId('shop-a', 'mallory'));
    const theirs = await post({ kind: 'rtc', channel: rtcChannelName('c-bob', 'support', 'shop-b'), uid, conversationId: 'c-bob' }, squatter);
    assert.equal(theirs.status, 403, 'the same conversation id in another shop is another call');
    const own = await post({ kind: 'rtc', channel: rtcChannelName('c-bob', 'support', 'shop-a'), uid, conversationId: 'c-bob' }, squatter);
    assert.equal(own.status, 200);
    const notMember = await post({ kind: 'rtc', channel: rtcChannelName('c-ana', 'support', 'shop-a'), uid, conversationId: 'c-ana' }, squatter);
    assert.equal(notMember.status, 403);
    const wrongUid = await post({ kind: 'rtc', channel: rtcChannelName('c-bob', 'support', 'shop-a'), uid: rtcUidFor('mallory'), conversationId: 'c-bob' }, squatter);
    assert.equal(wrongUid.status, 403, 'the uid derives from the shop-scoped user id');
  });

  it('keeps long names within 64 bytes with a SHA-256 digest, apart for different shops', () => {
    const conversation = `c:${'x'.repeat(43)}`;
    const names = ['shop-a', 'shop-b', 'a'.repeat(128)].map((shop) => rtcChannelName(conversation, 'support', shop));
    for (const name of names) assert.ok(isRtcChannelName(name) && name.length <= 64, name);
    assert.equal(new Set(names).size, 3);
    assert.equal(rtcChannelName('c-bob', 'support', 'acme'), 'support.acme~c-bob');
    assert.equal(agoraUserId('acme', 'cust-42'), 'acme~cust-42');
    const long = agoraUserId('my-shop', `visitor:${'v'.repeat(60)}`);
    assert.ok(long.startsWith('~') && long.length === 44, long); // '~' and all 43 characters of the digest
    assert.notEqual(long, agoraUserId('my-shop2', `visitor:${'v'.repeat(60)}`));
  });
});
