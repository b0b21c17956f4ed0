/**
 * The widget's side of anonymous visitors and merge on sign-in, against a real relay: a key kept
 * in storage is the same visitor next time; `mergingVisitor` sends the visitor token in `hello`
 * so the signed-in customer's conversation shows what they wrote as a visitor.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { MemoryStorage } from '../../../src/base/storage.js';
import { SupportClient } from '../../../src/core/support-client.js';
import { SupportError } from '../../../src/protocol/errors.js';
import { mergingVisitor, staticToken, visitorTokenProvider, VISITOR_KEY_STORAGE_KEY } from '../../../src/tokens/index.js';
import { RelayMessagingTransport } from '../../../src/transports/relay/relay-messaging-transport.js';
import { createCustomerToken, customerConversationId } from '../../../server/customer-token.js';
import { verifyToken } from '../../../server/tokens.js';
import type { TestRelay } from '../server/relay-harness.js';
import { SECRET, startRelay } from '../server/relay-harness.js';

const WebSocketImpl = WebSocket as unknown as typeof globalThis.WebSocket;

async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('visitorTokenProvider and mergingVisitor', { timeout: 20_000 }, () => {
  let relay: TestRelay;
  const clients: SupportClient[] = [];

  before(async () => {
    relay = await startRelay({ anonymousVisitors: { shop: 'demo' } });
  });
  after(async () => {
    for (const client of clients) client.dispose();
    await relay.dispose();
  });

  function clientWith(tokenProvider: Parameters<typeof mergingVisitor>[0]): SupportClient {
    const client = new SupportClient({ tokenProvider, transport: new RelayMessagingTransport({ url: relay.url, WebSocketImpl }), storage: null });
    clients.push(client);
    return client;
  }

  it('keeps a 256-bit key in storage: the same browser is the same visitor, forget() makes a new one', async () => {
    const storage = new MemoryStorage();
    const visitor = visitorTokenProvider(relay.url.replace(/^http/, 'ws'), { storage });
    assert.equal(visitor.hasVisitor(), false);
    const first = verifyToken(await visitor.getToken(), SECRET);
    const key = storage.getItem(VISITOR_KEY_STORAGE_KEY) ?? '';
    assert.match(key, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(visitor.hasVisitor(), true);
    assert.ok(first.sub.startsWith('visitor:') && !first.sub.includes(key));
    const again = verifyToken(await visitorTokenProvider(relay.url, { storage }).getToken(), SECRET);
    assert.equal(again.sub, first.sub);
    visitor.forget();
    assert.equal(visitor.hasVisitor(), false);
    const fresh = verifyToken(await visitor.getToken(), SECRET);
    assert.notEqual(fresh.sub, first.sub);
  });

  it('reports a relay without anonymous visitors as config', async () => {
    const plain = await startRelay();
    try {
      await assert.rejects(visitorTokenProvider(plain.url, { storage: new MemoryStorage() }).getToken(), (error: unknown) => error instanceof SupportError && error.code === 'config');
    } finally {
      await plain.dispose();
    }
  });

  it('signs in with the shop token and brings the visitor conversation along', async () => {
    const storage = new MemoryStorage();
    const visitor = visitorTokenProvider(relay.url, { storage });
    const asVisitor = clientWith(visitor);
    await asVisitor.connect();
    const visitorConversation = asVisitor.conversations()[0]?.id ?? '';
    asVisitor.send(visitorConversation, { body: 'is this phone waterproof?' });
    asVisitor.send(visitorConversation, { body: 'model VX12' });
    await until(() => asVisitor.conversation(visitorConversation)?.messages.every((m) => m.status !== 'sending') === true);
    asVisitor.dispose();

    const signed = createCustomerToken({ secret: SECRET, shop: 'demo', customerId: 'ada-1', name: 'Ada', ttlSeconds: 600, mergeVisitor: true });
    const customer = clientWith(mergingVisitor(staticToken(signed.token), visitor));
    await customer.connect();
    const conversationId = customerConversationId('demo', 'ada-1');
    assert.deepEqual(customer.conversations().map((c) => [c.id, c.lastSeq]), [[conversationId, 2]]);
    await customer.loadOlder(conversationId);
    const bodies = customer.conversation(conversationId)?.messages.map((m) => [m.body, m.from.id]);
    assert.deepEqual(bodies, [['is this phone waterproof?', 'ada-1'], ['model VX12', 'ada-1']]);
  });
});
