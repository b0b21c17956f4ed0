import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import type { SupportError } from '../../../src/protocol/errors.js';
import { RelayMessagingTransport } from '../../../src/transports/relay/relay-messaging-transport.js';
import { relaySocketUrl } from '../../../src/transports/relay/relay-url.js';
import type { TransportClose } from '../../../src/transports/types.js';
import { customerToken, relayHarness, until } from './relay-harness.js';

const WebSocketImpl = WebSocket as unknown as typeof globalThis.WebSocket;
const TIMEOUT = { timeout: 15_000 };

describe('relaySocketUrl', () => {
  it('maps http(s) to ws(s) and appends /ws', () => {
    assert.equal(relaySocketUrl('http://127.0.0.1:8787'), 'ws://127.0.0.1:8787/ws');
    assert.equal(relaySocketUrl('https://help.example.com/support/'), 'wss://help.example.com/support/ws');
    assert.equal(relaySocketUrl('wss://x.test'), 'wss://x.test/ws');
    assert.throws(() => relaySocketUrl('ftp://x'), (error: SupportError) => error.code === 'config');
  });
});

describe('RelayMessagingTransport', () => {
  it('connects, sends with an ack, and emits close once with retryable when the server goes away', TIMEOUT, async (t) => {
    const h = await relayHarness(t);
    const transport = new RelayMessagingTransport({ url: h.url, WebSocketImpl });
    const closes: TransportClose[] = [];
    transport.on('close', (close) => closes.push(close));
    const welcome = await transport.connect({ token: customerToken('tr'), resume: {} });
    assert.equal(welcome.user.id, 'tr');
    assert.deepEqual(
      welcome.conversations.map((c) => c.id),
      ['c-tr'],
    );
    const ack = await transport.send({ clientMsgId: 'm1', conversationId: 'c-tr', kind: 'text', body: 'hi' });
    assert.deepEqual([ack.clientMsgId, ack.seq], ['m1', 1]);
    const again = await transport.send({ clientMsgId: 'm1', conversationId: 'c-tr', kind: 'text', body: 'hi' });
    assert.equal(again.seq, 1, 'a resend is idempotent');
    const page = await transport.history('c-tr');
    assert.deepEqual(
      page.messages.map((m) => m.body),
      ['hi'],
    );
    await h.stop();
    await until(() => closes.length === 1, 'close event');
    assert.equal(closes[0]?.retryable, true);
    assert.equal(closes[0]?.error?.code, 'network');
    await assert.rejects(
      transport.send({ clientMsgId: 'm2', conversationId: 'c-tr', kind: 'text', body: 'x' }),
      (error: SupportError) => error.code === 'closed',
    );
  });

  it('rejects a send refused by the server with the error frame that names it', TIMEOUT, async (t) => {
    const h = await relayHarness(t);
    const transport = new RelayMessagingTransport({ url: h.url, WebSocketImpl });
    t.after(() => transport.disconnect());
    await transport.connect({ token: customerToken('tr2'), resume: {} });
    await assert.rejects(
      transport.send({ clientMsgId: 'x1', conversationId: 'c-other', kind: 'text', body: 'hi' }),
      (error: SupportError) => error.code === 'forbidden' && !error.retryable,
    );
  });

  it('emits a clean close without error on disconnect()', TIMEOUT, async (t) => {
    const h = await relayHarness(t);
    const transport = new RelayMessagingTransport({ url: h.url, WebSocketImpl });
    const closes: TransportClose[] = [];
    transport.on('close', (close) => closes.push(close));
    await transport.connect({ token: customerToken('tr3'), resume: {} });
    transport.disconnect();
    transport.disconnect();
    assert.deepEqual(closes, [{ retryable: false }]);
  });

  it('rejects connect with unauthorized or token-expired, not retryable', TIMEOUT, async (t) => {
    const h = await relayHarness(t);
    const transport = new RelayMessagingTransport({ url: h.url, WebSocketImpl });
    await assert.rejects(transport.connect({ token: 'garbage', resume: {} }), (error: SupportError) => {
      return error.code === 'unauthorized' && !error.retryable;
    });
    await assert.rejects(transport.connect({ token: customerToken('old', -10), resume: {} }), (error: SupportError) => {
      return error.code === 'token-expired' && !error.retryable;
    });
  });

  it('rejects connect with network when nothing listens, and timeout when no welcome comes', TIMEOUT, async (t) => {
    const silent = createServer();
    const wss = new WebSocketServer({ server: silent });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    t.after(async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise((resolve) => wss.close(resolve));
      await new Promise((resolve) => silent.close(resolve));
    });
    const started = Date.now();
    const transport = new RelayMessagingTransport({ url: `http://127.0.0.1:${port}`, WebSocketImpl });
    await assert.rejects(transport.connect({ token: 't', resume: {}, timeoutMs: 200 }), (error: SupportError) => {
      return error.code === 'timeout';
    });
    assert.ok(Date.now() - started < 2000);

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const nowhere = new RelayMessagingTransport({ url: `http://127.0.0.1:${deadPort}`, WebSocketImpl });
    await assert.rejects(nowhere.connect({ token: 't', resume: {} }), (error: SupportError) => {
      return error.code === 'network' && error.retryable;
    });
  });

  it('aborts a connection attempt through its signal', TIMEOUT, async (t) => {
    const h = await relayHarness(t);
    const transport = new RelayMessagingTransport({ url: h.url, WebSocketImpl });
    const controller = new AbortController();
    const attempt = transport.connect({ token: customerToken('ab'), resume: {}, signal: controller.signal });
    controller.abort();
    await assert.rejects(attempt, (error: SupportError) => error.code === 'closed');
  });
});
