/**
 * `client.search` against a real relay: an agent's search returns the relay's hits without
 * touching the queue; revealing a hit makes its conversation openable; queries the relay would
 * refuse are refused before anything is sent.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import WebSocket from 'ws';
import { SupportClient } from '../../../src/core/support-client.js';
import { SupportError } from '../../../src/protocol/errors.js';
import { staticToken } from '../../../src/tokens/static-token.js';
import { RelayMessagingTransport } from '../../../src/transports/relay/relay-messaging-transport.js';
import type { TestRelay } from '../server/relay-harness.js';
import { TestClient, agentToken, customerToken, sendFrame, startRelay } from '../server/relay-harness.js';

describe('client.search', { timeout: 20_000 }, () => {
  let relay: TestRelay | undefined;
  let client: SupportClient | undefined;
  afterEach(async () => {
    client?.dispose();
    await relay?.dispose();
  });

  it('finds conversations beyond the loaded page and reveals the chosen one so it opens with its history', async () => {
    relay = await startRelay();
    for (const [name, body] of [['ana', 'the dishwasher leaks water'], ['li', '洗碗机漏水了']] as const) {
      const { client: customer } = await TestClient.connect(relay.url, customerToken(name));
      customer.send(sendFrame(`c-${name}`, 'm1', body));
      await customer.next('ack');
      await customer.close();
    }
    client = new SupportClient({
      transport: new RelayMessagingTransport({ url: relay.url, WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket }),
      tokenProvider: staticToken(agentToken('alex')),
      storage: null,
    });
    await client.connect();
    assert.equal(client.search.available, true);
    const known = client.conversations().length;

    const { hits, partial } = await client.search.find('  洗碗机  ');
    assert.equal(partial, false);
    assert.deepEqual(hits.map((hit) => [hit.conversation.id, hit.message?.snippet.text]), [['c-li', '洗碗机漏水了']]);
    assert.equal(client.conversations().length, known, 'searching does not change the queue');

    const hit = hits[0];
    assert.ok(hit);
    client.search.reveal(hit);
    await client.openConversation(hit.conversation.id);
    assert.deepEqual(client.conversation('c-li')?.messages.map((m) => m.body), ['洗碗机漏水了']);
  });

  it('refuses a blank or control-character query with bad-frame before sending it', async () => {
    relay = await startRelay();
    client = new SupportClient({
      transport: new RelayMessagingTransport({ url: relay.url, WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket }),
      tokenProvider: staticToken(agentToken('alex')),
      storage: null,
    });
    for (const query of ['  ', 'a\u0000b']) {
      await assert.rejects(client.search.find(query), (error: unknown) => error instanceof SupportError && error.code === 'bad-frame' && !error.retryable);
    }
  });
});
