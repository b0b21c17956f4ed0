/**
 * A page whose origin the relay refuses gets a coded, final `origin-not-allowed` error from
 * `connect()`, not a generic network failure. Node stands in for a browser: the socket and the
 * probe send the page's Origin as a browser would.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { SupportError } from '../../../src/protocol/errors.js';
import { RelayMessagingTransport } from '../../../src/transports/relay/relay-messaging-transport.js';
import { refusedOrigin } from '../../../src/transports/relay/origin-probe.js';
import { customerToken, startRelay } from '../server/relay-harness.js';
import type { TestRelay } from '../server/relay-harness.js';

/** What a browser page on `origin` uses: a WebSocket and a fetch that both send that Origin. */
function pageOn(origin: string): { WebSocketImpl: typeof globalThis.WebSocket; fetch: typeof fetch } {
  class PageSocket extends WebSocket {
    constructor(url: string | URL) {
      super(url, { origin });
    }
  }
  const pageFetch: typeof fetch = (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), Origin: origin } });
  return { WebSocketImpl: PageSocket as unknown as typeof globalThis.WebSocket, fetch: pageFetch };
}

describe('relay transport: a refused origin', { timeout: 20_000 }, () => {
  let relay: TestRelay;

  before(async () => {
    relay = await startRelay({ allowedOrigins: ['https://shop.example'] });
  });

  after(async () => {
    await relay.dispose();
  });

  it('rejects connect() with origin-not-allowed, not retryable', async () => {
    const transport = new RelayMessagingTransport({ url: relay.url, ...pageOn('https://stranger.example') });
    const error = await transport.connect({ token: customerToken('ana'), resume: {} }).then(
      () => assert.fail('connected'),
      (reason: unknown) => reason,
    );
    assert.ok(error instanceof SupportError);
    assert.equal(error.code, 'origin-not-allowed');
    assert.equal(error.retryable, false);
    assert.match(error.message, /SUPPORT_ALLOWED_ORIGINS/);
  });

  it('connects from a listed origin', async () => {
    const transport = new RelayMessagingTransport({ url: relay.url, ...pageOn('https://shop.example') });
    const welcome = await transport.connect({ token: customerToken('ana'), resume: {} });
    assert.equal(welcome.user.id, 'ana');
    transport.disconnect();
  });

  it('still reports an unreachable relay as network', async () => {
    const dead = await startRelay();
    const url = dead.url;
    await dead.dispose();
    const transport = new RelayMessagingTransport({ url, ...pageOn('https://stranger.example') });
    await assert.rejects(transport.connect({ token: customerToken('ana'), resume: {}, timeoutMs: 5000 }), (error: unknown) => error instanceof SupportError && error.code === 'network');
  });

  it('the probe answers undefined for an allowed origin, no Origin and a relay that is down', async () => {
    const socketUrl = `${relay.url.replace(/^http/, 'ws')}/ws`;
    assert.equal(await refusedOrigin(socketUrl, pageOn('https://shop.example').fetch), undefined);
    assert.equal((await refusedOrigin(socketUrl, pageOn('https://stranger.example').fetch))?.code, 'origin-not-allowed');
    assert.equal(await refusedOrigin('ws://127.0.0.1:1/ws', fetch), undefined);
    assert.equal(await refusedOrigin(socketUrl), undefined, "Node's own fetch sends no Origin: not refused");
  });
});
