/**
 * A silent stall (packets vanish, nothing is reset) between the client and the real relay, played
 * by the netem TCP proxy: a send that gets no answer makes the transport probe the relay and drop
 * the stalled connection (`answerDeadlineMs`), instead of waiting for the idle keep-alive's two
 * silent intervals; while the link answers, nothing is dropped.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { RelayMessagingTransport } from '../../../src/transports/relay/relay-messaging-transport.js';
import type { TransportClose } from '../../../src/transports/types.js';
import { TcpProxy } from '../../support/netem/tcp-proxy.js';
import { customerToken, relayHarness, until } from '../core/relay-harness.js';

const WebSocketImpl = WebSocket as unknown as typeof globalThis.WebSocket;

describe('stall detection through the netem proxy', () => {
  it('drops a stalled connection after an unanswered send, long before the idle keep-alive would', { timeout: 30_000 }, async (t) => {
    const h = await relayHarness(t);
    const proxy = await TcpProxy.start(Number(new URL(h.url).port));
    t.after(() => proxy.close());
    // An idle keep-alive of a minute: only the answer deadline can notice within this test.
    const transport = new RelayMessagingTransport({ url: proxy.url, WebSocketImpl, pingIntervalMs: 60_000, answerDeadlineMs: 500 });
    const closes: TransportClose[] = [];
    transport.on('close', (close) => closes.push(close));
    await transport.connect({ token: customerToken('stall'), resume: {} });
    // A slow but live path (300 ms RTT) is not a stall.
    proxy.impair({ up: { delayMs: 150 }, down: { delayMs: 150 } });
    const ack = await transport.send({ clientMsgId: 's1', conversationId: 'c-stall', kind: 'text', body: 'slow but alive' });
    assert.equal(ack.seq, 1);
    assert.equal(closes.length, 0);
    proxy.stalled = true;
    const lost = transport.send({ clientMsgId: 's2', conversationId: 'c-stall', kind: 'text', body: 'into the void' }, { timeoutMs: 20_000 });
    await assert.rejects(lost, (error: { code?: string }) => error.code === 'closed');
    await until(() => closes.length === 1, 'the close event');
    assert.equal(closes[0]?.retryable, true);
    assert.equal(closes[0]?.error?.code, 'network');
  });
});
