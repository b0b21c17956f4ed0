/**
 * Issue 12, known gap closed: behind a reverse proxy every client reached the per-address limits
 * as the proxy's address, so a few clients used up everyone's sockets, hellos and upload quota.
 * `trustProxy` (`SUPPORT_TRUST_PROXY`) names the proxies (hops or addresses) whose
 * `X-Forwarded-For` the limits believe; off by default, and a header from any other peer is ignored.
 * The test's sockets all come from 127.0.0.1, which plays the proxy.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { describe, it } from 'node:test';
import WebSocket from 'ws';
import { ConfigError, serveConfig } from '../../../server/cli-config.js';
import { parseTrustProxy } from '../../../server/client-address.js';
import type { RelayServerOptions } from '../../../server/index.js';
import { SECRET, TestClient, customerToken, startRelay, tempDir } from './relay-harness.js';
import type { TestRelay } from './relay-harness.js';

/** Opens a socket with `X-Forwarded-For`; resolves with it (open) or the refused upgrade's status. */
function openSocket(relay: TestRelay, forwardedFor: string | undefined, sockets: WebSocket[]): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${relay.url.replace(/^http/, 'ws')}/ws`, forwardedFor === undefined ? {} : { headers: { 'X-Forwarded-For': forwardedFor } });
    sockets.push(socket);
    socket.on('open', () => resolve(101));
    socket.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('error', () => undefined);
  });
}

/** Statuses of sockets opened one after another, each with its own `X-Forwarded-For`. */
async function statuses(options: Partial<RelayServerOptions>, headers: Array<string | undefined>): Promise<number[]> {
  const relay = await startRelay({ maxConnectionsPerIp: 2, ...options });
  const sockets: WebSocket[] = [];
  try {
    const result: number[] = [];
    for (const header of headers) result.push(await openSocket(relay, header, sockets));
    return result;
  } finally {
    for (const socket of sockets) socket.terminate();
    await relay.dispose();
  }
}

/** `POST /uploads` of `bytes` bytes as `user` with `X-Forwarded-For`; resolves with the status. */
async function upload(relay: TestRelay, user: string, forwardedFor: string, bytes: number): Promise<number> {
  const { client } = await TestClient.connect(relay.url, customerToken(user)); // the conversation exists once its customer said hello
  await client.close();
  const url = new URL('/uploads', relay.url);
  url.searchParams.set('conversationId', `c-${user}`);
  url.searchParams.set('name', 'notes.txt');
  const headers = { Authorization: `Bearer ${customerToken(user)}`, 'Content-Type': 'text/plain', 'X-Forwarded-For': forwardedFor };
  const res = await fetch(url, { method: 'POST', headers, body: 'a'.repeat(bytes), signal: AbortSignal.timeout(5000) });
  await res.arrayBuffer();
  return res.status;
}

describe('trusted reverse proxies and per-address limits', { timeout: 30_000 }, () => {
  it('by default keys the limits by the TCP peer: a spoofed X-Forwarded-For buys no extra socket', async () => {
    assert.deepEqual(await statuses({}, ['203.0.113.1', '203.0.113.2', '203.0.113.3']), [101, 101, 429]);
  });

  it('behind a trusted proxy (by address) each client has its own sockets; the proxy itself still counts as one', async () => {
    const trustProxy = ['127.0.0.1'];
    assert.deepEqual(await statuses({ trustProxy }, ['203.0.113.1', '203.0.113.1', '203.0.113.1', '203.0.113.2']), [101, 101, 429, 101]);
    assert.deepEqual(await statuses({ trustProxy }, [undefined, undefined, undefined]), [101, 101, 429], 'no header: the proxy address');
  });

  it('ignores the header when the peer is not a trusted proxy', async () => {
    assert.deepEqual(await statuses({ trustProxy: ['10.9.9.9'] }, ['203.0.113.1', '203.0.113.2', '203.0.113.3']), [101, 101, 429]);
  });

  it('with a number of hops, takes the address the nearest proxy saw, not what the client wrote before it', async () => {
    // A client writes "198.51.100.7" itself; the one proxy appends the address it saw.
    const spoofed = (real: string): string => `198.51.100.7, ${real}`;
    assert.deepEqual(await statuses({ trustProxy: 1 }, [spoofed('203.0.113.1'), spoofed('203.0.113.1'), spoofed('203.0.113.1'), spoofed('203.0.113.2')]), [101, 101, 429, 101]);
  });

  it('keys the upload quota per client behind the proxy, and per peer by default', async () => {
    const uploadLimits = { ipBytesPerHour: 3000, userBytesPerHour: 1e9, userOutstandingBytes: 1e9, ipOutstandingBytes: 1e9, minFreeDiskBytes: 0 };
    const behind = await startRelay({ trustProxy: ['127.0.0.1'], uploadLimits });
    try {
      assert.equal(await upload(behind, 'ana', '203.0.113.1', 2000), 201);
      assert.equal(await upload(behind, 'ben', '203.0.113.2', 2000), 201, 'another client behind the proxy has its own quota');
      assert.equal(await upload(behind, 'cy', '203.0.113.1', 2000), 429, 'the first client has used its own');
    } finally {
      await behind.dispose();
    }
    const direct = await startRelay({ uploadLimits });
    try {
      assert.equal(await upload(direct, 'ana', '203.0.113.1', 2000), 201);
      assert.equal(await upload(direct, 'ben', '203.0.113.2', 2000), 429, 'untrusted: one address, one quota');
    } finally {
      await direct.dispose();
    }
  });

  it('SUPPORT_TRUST_PROXY: off by default, hops or addresses, anything else stops the relay', () => {
    assert.deepEqual(['', 'false', 'off', '0', undefined].map(parseTrustProxy), [false, false, false, false, false]);
    assert.equal(parseTrustProxy('2'), 2);
    assert.deepEqual(parseTrustProxy('10.0.0.1, ::FFFF:10.0.0.2, fd00::1'), ['10.0.0.1', '10.0.0.2', 'fd00::1']);
    const dir = tempDir();
    try {
      const env = { DATA_DIR: dir, SUPPORT_SECRET: SECRET };
      assert.equal(serveConfig([], env).trustProxy, undefined);
      assert.deepEqual(serveConfig([], { ...env, SUPPORT_TRUST_PROXY: '10.0.0.1' }).trustProxy, ['10.0.0.1']);
      for (const bad of ['yes', 'proxy.example', '10.0.0.1, nginx', '-1']) {
        assert.throws(() => serveConfig([], { ...env, SUPPORT_TRUST_PROXY: bad }), (error: unknown) => error instanceof ConfigError && /^SUPPORT_TRUST_PROXY: /.test(error.message), bad);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
