/**
 * A shop's customer on two devices: tokens minted separately (different times, lifetimes) for the
 * same customerId reach the same conversation and history.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCustomerToken, customerConversationId } from '../../../server/customer-token.js';
import { rawRequest } from '../uploads/upload-harness.js';
import { SECRET, TestClient, agentToken, relayPerTest, sendFrame } from './relay-harness.js';

function tokenFor(customerId: string, ttlSeconds: number, now = Date.now()): string {
  return createCustomerToken({ secret: SECRET, shop: 'demo', customerId, name: 'Ada', ttlSeconds, now }).token;
}

describe('the same customer on two devices', () => {
  const t = relayPerTest();

  it('sees one conversation and its history from both', async () => {
    const conversationId = customerConversationId('demo', 'shop-customer-17');
    const phoneToken = tokenFor('shop-customer-17', 3600, Date.now() - 5000);
    const laptopToken = tokenFor('shop-customer-17', 600);
    assert.notEqual(phoneToken, laptopToken);

    const { client: phone, welcome: phoneWelcome } = await t.connect(phoneToken);
    assert.deepEqual(phoneWelcome.conversations.map((c) => c.id), [conversationId]);
    phone.send(sendFrame(conversationId, 'p-1', 'written on the phone'));
    await phone.next('ack');

    const { client: laptop, welcome: laptopWelcome } = await t.connect(laptopToken, { [conversationId]: 0 });
    assert.deepEqual(laptopWelcome.conversations.map((c) => [c.id, c.lastSeq]), [[conversationId, 1]]);
    assert.equal((await laptop.next('message')).body, 'written on the phone');

    laptop.send(sendFrame(conversationId, 'l-1', 'and this on the laptop'));
    await laptop.next('ack');
    const live = await phone.next('message');
    assert.deepEqual([live.seq, live.body], [2, 'and this on the laptop']);

    laptop.send({ type: 'history', requestId: 'h-1', conversationId });
    const history = await laptop.next('history');
    assert.deepEqual(history.messages.map((m) => m.body), ['written on the phone', 'and this on the laptop']);
    assert.equal(t.relay.countMessages(), 2);
  });

  it('keeps another customer (or the same id in another shop) out', async () => {
    const ada = customerConversationId('demo', 'shop-customer-17');
    const { client: other } = await t.connect(tokenFor('shop-customer-18', 600));
    other.send({ type: 'history', requestId: 'h-2', conversationId: ada });
    assert.equal((await other.next('error')).code, 'forbidden');
    const rival = createCustomerToken({ secret: SECRET, shop: 'rival', customerId: 'shop-customer-17', name: 'Ada', ttlSeconds: 600 }).token;
    const { welcome } = await t.connect(rival);
    assert.notEqual(welcome.conversations[0]?.id, ada);
  });

  it('refuses future-dated, expired and foreign tokens with coded errors, storing nothing', async () => {
    const cases: Array<[string, string, string]> = [
      ['issued 2 minutes ahead', tokenFor('c-1', 600, Date.now() + 120_000), 'token-not-yet-valid'],
      ['expired', createCustomerToken({ secret: SECRET, shop: 'demo', customerId: 'c-2', name: 'A', ttlSeconds: 1, now: Date.now() - 5000 }).token, 'token-expired'],
      ['another secret', createCustomerToken({ secret: 'another-secret-0123456789abcdef-xyz', shop: 'demo', customerId: 'c-3', name: 'A', ttlSeconds: 60 }).token, 'unauthorized'],
    ];
    for (const [what, token, code] of cases) {
      const client = await TestClient.open(t.relay.url);
      t.clients.push(client);
      client.send({ type: 'hello', token });
      const error = await client.next('error');
      assert.deepEqual([error.code, error.fatal], [code, true], what);
      const http = await rawRequest(t.relay.url, { method: 'POST', path: '/uploads/AAAAAAAAAAAAAAAAAAAAAAAA/url', headers: { Authorization: `Bearer ${token}` } });
      assert.equal(http.status, 401, what);
      assert.equal((JSON.parse(http.body.toString()) as { code: string }).code, code, what);
    }
    const { welcome } = await t.connect(tokenFor('c-4', 600, Date.now() + 50_000));
    assert.equal(welcome.conversations.length, 1, 'a clock 50 s ahead is within the allowed skew');
    const agent = await t.connect(agentToken('alex'));
    assert.deepEqual(agent.welcome.conversations.map((c) => c.id), [customerConversationId('demo', 'c-4')], 'no conversation for the refused tokens');
  });
});
