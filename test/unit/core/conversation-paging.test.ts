/**
 * An agent's queue beyond the relay's first page: the SupportClient starts with the welcome's 50
 * most recent conversations, `loadMoreConversations()` brings the next pages (one request at a
 * time, each conversation once), and `hasMoreConversations()` turns false at the end. Real relay,
 * real `ws`, a real SupportClient.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { BackoffReconnectPolicy } from '../../../src/core/reconnect-policy.js';
import { SupportClient } from '../../../src/core/support-client.js';
import { SupportError } from '../../../src/protocol/errors.js';
import { LIMITS } from '../../../src/protocol/model.js';
import { staticToken } from '../../../src/tokens/static-token.js';
import { RelayMessagingTransport } from '../../../src/transports/relay/relay-messaging-transport.js';
import { agentToken, customerToken, sendFrame, startRelay, TestClient } from '../server/relay-harness.js';
import type { TestRelay } from '../server/relay-harness.js';

const TOTAL = 120;

describe('conversation paging in the SupportClient', () => {
  let relay: TestRelay;
  before(async () => {
    relay = await startRelay({ helloRatePerIp: { perSecond: 1000, burst: 1000 } });
    for (let i = 0; i < TOTAL; i += 1) {
      const { client } = await TestClient.connect(relay.url, customerToken(`p${i}`));
      client.send(sendFrame(`c-p${i}`, `m${i}`));
      await client.next('ack');
      await client.close();
    }
  });
  after(() => relay.dispose());

  function agent(transport: RelayMessagingTransport): SupportClient {
    return new SupportClient({
      tokenProvider: staticToken(agentToken('pager')),
      transport,
      reconnectPolicy: new BackoffReconnectPolicy({ baseDelayMs: 50, maxDelayMs: 200, minDelayMs: 20 }),
      storage: null,
      timeoutMs: 3000,
    });
  }

  it('starts with one page and loads the rest page by page, each conversation once', async () => {
    const transport = new RelayMessagingTransport({ url: relay.url, WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket });
    const client = agent(transport);
    try {
      await client.connect();
      assert.equal(client.conversations().length, LIMITS.maxConversationPage);
      assert.equal(client.hasMoreConversations(), true);
      let announced = 0;
      client.on('conversation', () => (announced += 1));
      // Two calls at once share one request.
      await Promise.all([client.loadMoreConversations(), client.loadMoreConversations()]);
      assert.equal(client.conversations().length, 2 * LIMITS.maxConversationPage);
      assert.equal(announced, LIMITS.maxConversationPage);
      await client.loadMoreConversations();
      assert.equal(client.conversations().length, TOTAL);
      assert.equal(client.hasMoreConversations(), false);
      await client.loadMoreConversations(); // nothing more: resolves at once
      const ids = client.conversations().map((c) => c.id);
      assert.equal(new Set(ids).size, TOTAL);
    } finally {
      client.dispose();
    }
  });

  it('rejects a cursor the relay did not give with a final bad-frame error', async () => {
    const transport = new RelayMessagingTransport({ url: relay.url, WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket });
    const client = agent(transport);
    try {
      await client.connect();
      await assert.rejects(transport.conversationPage('bm8tc3VjaC1wYWdl'), (error: unknown) => error instanceof SupportError && error.code === 'bad-frame' && !error.retryable);
    } finally {
      client.dispose();
    }
  });
});
