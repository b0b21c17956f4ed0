/**
 * Merge on sign-in: only a sign-in token with the shop's `merge` claim, presenting a genuine
 * visitor token of the same shop, moves that visitor's conversation into the customer's; once.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WireMessage } from '../../../src/protocol/model.js';
import { createCustomerToken, customerConversationId, mintCustomerToken } from '../../../server/customer-token.js';
import { signToken } from '../../../server/tokens.js';
import { visitorIdOf } from '../../../server/visitor-token.js';
import { postUpload, rawRequest } from '../uploads/upload-harness.js';
import { png } from '../uploads/sample-files.js';
import { SECRET, TestClient, agentToken, relayPerTest, sendFrame } from './relay-harness.js';

const SHOP = 'demo';
const HOUR_MS = 3600_000;

function visitorToken(key: string, options: { shop?: string; now?: number; ttlSeconds?: number } = {}): string {
  return mintCustomerToken({
    secret: SECRET,
    shop: options.shop ?? SHOP,
    customerId: visitorIdOf(key),
    name: 'Visitor',
    ttlSeconds: options.ttlSeconds ?? 3600,
    ...(options.now === undefined ? {} : { now: options.now }),
  }).token;
}

function signedToken(customerId: string, mergeVisitor = true): string {
  return createCustomerToken({ secret: SECRET, shop: SHOP, customerId, name: 'Ada', ttlSeconds: 3600, mergeVisitor }).token;
}

const visitorConv = (key: string, shop = SHOP): string => customerConversationId(shop, visitorIdOf(key));
const KEY = 'visitor-key-of-ada-browser-0001';
const OTHER_KEY = 'visitor-key-of-bob-browser-0002';

async function collect(client: TestClient, count: number): Promise<WireMessage[]> {
  const got: WireMessage[] = [];
  for (let i = 0; i < count; i += 1) got.push(await client.next('message'));
  return got;
}

describe('merge on sign-in', () => {
  const t = relayPerTest();

  /** Opens a socket and says hello with `mergeFrom` (the harness's connect has none). */
  async function hello(token: string, mergeFrom: string, resume?: Record<string, number>) {
    const client = await TestClient.open(t.relay.url);
    t.clients.push(client);
    client.send(resume === undefined ? { type: 'hello', token, mergeFrom } : { type: 'hello', token, resume, mergeFrom });
    return { client, welcome: await client.next('welcome') };
  }

  /** The visitor writes two messages, the second with a photo; returns the upload id. */
  async function visitorWrites(): Promise<string> {
    const token = visitorToken(KEY);
    const { client } = await t.connect(token);
    client.send(sendFrame(visitorConv(KEY), 'v-1', 'my phone flickers'));
    await client.next('ack');
    const uploaded = (await (await postUpload(t.relay, { token, conversationId: visitorConv(KEY), name: 'screen.png', body: png(), contentType: 'image/png' })).json()) as { id: string; url: string };
    const attachment = { id: uploaded.id, kind: 'image', mime: 'image/png', size: 1, name: 'screen.png', url: uploaded.url };
    client.send({ ...sendFrame(visitorConv(KEY), 'v-2', 'here is a photo'), attachments: [attachment] });
    await client.next('ack');
    await client.close();
    return uploaded.id;
  }

  it('moves the visitor messages after the customer history, in order, with attachments; the welcome and other devices show them', async () => {
    const into = customerConversationId(SHOP, 'ada');
    const { client: phone } = await t.connect(signedToken('ada', false));
    phone.send(sendFrame(into, 'a-1', 'hello from my phone'));
    await phone.next('ack');
    const uploadId = await visitorWrites();

    const { client: merged, welcome: mergedWelcome } = await hello(signedToken('ada'), visitorToken(KEY), { [into]: 0 });
    assert.equal(mergedWelcome.conversations.find((c) => c.id === into)?.lastSeq, 3, 'the welcome counts the moved messages');
    const replayed = await collect(merged, 3);
    assert.deepEqual(replayed.map((m) => [m.seq, m.body, m.from.id]), [
      [1, 'hello from my phone', 'ada'],
      [2, 'my phone flickers', 'ada'],
      [3, 'here is a photo', 'ada'],
    ]);
    assert.equal(replayed[2]?.attachments?.[0]?.id, uploadId);
    const pushed = await collect(phone, 2);
    assert.deepEqual(pushed.map((m) => m.seq), [2, 3], 'the phone already connected receives the moved messages');
    assert.equal(t.relay.countMessages(visitorConv(KEY)), 0);
    assert.equal(t.relay.countMessages(into), 3);
    const photo = await rawRequest(t.relay.url, { path: `/uploads/${uploadId}`, headers: { Authorization: `Bearer ${signedToken('ada')}` } });
    assert.equal(photo.status, 200, 'the customer may now load the moved photo');
    await merged.sync();
    assert.equal(merged.pending('error').length, 0);
  });

  it('is idempotent: a second merge with the same visitor token changes nothing', async () => {
    await visitorWrites();
    const into = customerConversationId(SHOP, 'ada');
    for (let round = 0; round < 2; round += 1) {
      const { client, welcome } = await hello(signedToken('ada'), visitorToken(KEY));
      assert.equal(welcome.conversations[0]?.lastSeq, 2, `round ${round}`);
      await client.sync();
      assert.equal(client.pending('error').length, 0);
    }
    assert.equal(t.relay.countMessages(into), 2);
  });

  it('drops the merged visitor conversation from the agent queue', async () => {
    await visitorWrites();
    await hello(signedToken('ada'), visitorToken(KEY));
    const { welcome } = await t.connect(agentToken('alex'));
    assert.deepEqual(welcome.conversations.map((c) => [c.id, c.lastSeq]), [[customerConversationId(SHOP, 'ada'), 2]]);
  });

  it('accepts a visitor token expired less than 24 h ago', async () => {
    await visitorWrites();
    const stale = visitorToken(KEY, { now: Date.now() - 23 * HOUR_MS, ttlSeconds: 3600 });
    const { welcome } = await hello(signedToken('ada'), stale);
    assert.equal(welcome.conversations[0]?.lastSeq, 2);
  });

  describe('refusals: a coded error after the welcome, nothing moved', () => {
    async function refused(token: string, mergeFrom: string, code: string): Promise<void> {
      const { client, welcome } = await hello(token, mergeFrom);
      const error = await client.next('error');
      assert.equal(error.code, code, error.message);
      assert.equal(error.ref, 'mergeFrom');
      assert.equal(error.fatal, undefined, 'the sign-in itself goes on');
      assert.equal(welcome.conversations[0]?.lastSeq ?? 0, 0);
      assert.equal(t.relay.countMessages(visitorConv(KEY)), 2, 'the visitor conversation is untouched');
      assert.equal(t.relay.countMessages(customerConversationId(SHOP, 'ada')), 0);
    }

    it('without the shop merge claim', async () => {
      await visitorWrites();
      await refused(signedToken('ada', false), visitorToken(KEY), 'forbidden');
    });

    it('with a visitor token altered to name someone else', async () => {
      await visitorWrites();
      const [, signature] = visitorToken(OTHER_KEY).split('.');
      const claims = { sub: visitorIdOf(KEY), name: 'Visitor', role: 'customer', shop: SHOP, conv: [visitorConv(KEY)], exp: Math.floor(Date.now() / 1000) + 60 };
      const forged = `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature ?? ''}`;
      await refused(signedToken('ada'), forged, 'unauthorized');
    });

    it('with a visitor token of another shop', async () => {
      await visitorWrites();
      await refused(signedToken('ada'), visitorToken(KEY, { shop: 'rival' }), 'forbidden');
    });

    it('with another signed customer token instead of a visitor token', async () => {
      await visitorWrites();
      await refused(signedToken('ada'), signedToken('bob', false), 'forbidden');
    });

    it('with a visitor token signed by another secret', async () => {
      await visitorWrites();
      const other = signToken({ sub: visitorIdOf(KEY), name: 'V', role: 'customer', shop: SHOP, conv: [visitorConv(KEY)], exp: Math.floor(Date.now() / 1000) + 60 }, 'another-secret-0123456789abcdef0123456789');
      await refused(signedToken('ada'), other, 'unauthorized');
    });

    it('with a visitor token expired more than 24 h ago', async () => {
      await visitorWrites();
      await refused(signedToken('ada'), visitorToken(KEY, { now: Date.now() - 26 * HOUR_MS }), 'token-expired');
    });
  });
});
