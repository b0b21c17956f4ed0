/**
 * A shop's customer on two devices: tokens minted separately (different times, lifetimes) for the
 * same customerId reach the same conversation and history.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCustomerToken, customerConversationId } from '../../../server/customer-token.js';
import { SECRET, relayPerTest, sendFrame } from './relay-harness.js';

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
});
