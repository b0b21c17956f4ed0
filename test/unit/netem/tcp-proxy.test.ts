/**
 * The weak-network harness's TCP proxy, measured on loopback sockets: a delay really delays, a
 * rate really limits, a stall holds bytes and lets them through afterwards, a cut really cuts
 * and offline refuses. Bounds are lower bounds only: a loaded machine can only make things slower.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import { TcpProxy } from '../../support/netem/tcp-proxy.js';

let echo: Server;
let echoPort = 0;

before(async () => {
  echo = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.pipe(socket);
  });
  echo.listen(0, '127.0.0.1');
  await once(echo, 'listening');
  const address = echo.address();
  echoPort = typeof address === 'object' && address !== null ? address.port : 0;
});

after(() => new Promise<void>((resolve) => echo.close(() => resolve())));

async function open(proxy: TcpProxy): Promise<Socket> {
  const socket = connect({ port: proxy.port, host: '127.0.0.1', noDelay: true });
  await once(socket, 'connect');
  return socket;
}

/** Resolves when the socket is closed, by a reset or not. */
function closedOf(socket: Socket): Promise<void> {
  socket.on('error', () => undefined);
  return new Promise((resolve) => socket.once('close', () => resolve()));
}

/** Writes `bytes` and resolves with the ms until all of them came back. */
async function roundTrip(socket: Socket, bytes: number): Promise<number> {
  const started = performance.now();
  let received = 0;
  const done = new Promise<void>((resolve) => {
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received < bytes) return;
      socket.off('data', onData);
      resolve();
    };
    socket.on('data', onData);
  });
  socket.write(Buffer.alloc(bytes, 7));
  await done;
  return performance.now() - started;
}

describe('netem TCP proxy', () => {
  it('adds the configured delay in each direction', async () => {
    const proxy = await TcpProxy.start(echoPort);
    try {
      proxy.impair({ up: { delayMs: 120 }, down: { delayMs: 80 } });
      const socket = await open(proxy);
      const rtt = await roundTrip(socket, 10);
      assert.ok(rtt >= 195, `round trip ${rtt.toFixed(0)} ms, expected at least 200 ms`);
      socket.destroy();
    } finally {
      await proxy.close();
    }
  });

  it('keeps byte order through jitter and loss (retransmission delay)', async () => {
    const proxy = await TcpProxy.start(echoPort);
    try {
      proxy.impair({ up: { delayMs: 5, jitterMs: 30, loss: 0.3 }, down: { delayMs: 5, jitterMs: 30 } });
      const socket = await open(proxy);
      const received: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => received.push(chunk));
      for (let i = 0; i < 50; i++) {
        socket.write(Buffer.from([i]));
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      while (Buffer.concat(received).length < 50) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual([...Buffer.concat(received)], Array.from({ length: 50 }, (_, i) => i));
      socket.destroy();
    } finally {
      await proxy.close();
    }
  });

  it('limits the rate: 40 kB at 800 kbit/s up takes at least 0.4 s', async () => {
    const proxy = await TcpProxy.start(echoPort);
    try {
      proxy.impair({ up: { rateBps: 800_000 } });
      const socket = await open(proxy);
      const elapsed = await roundTrip(socket, 40_000);
      assert.ok(elapsed >= 380, `40 kB echoed in ${elapsed.toFixed(0)} ms, expected at least 400 ms`);
      socket.destroy();
    } finally {
      await proxy.close();
    }
  });

  it('holds bytes during a stall and delivers them when it ends, on the same connection', async () => {
    const proxy = await TcpProxy.start(echoPort);
    try {
      const socket = await open(proxy);
      proxy.stalled = true;
      let got = 0;
      socket.on('data', (chunk: Buffer) => (got += chunk.length));
      socket.write(Buffer.alloc(100));
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(got, 0, 'nothing passes while stalled');
      proxy.stalled = false;
      while (got < 100) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.equal(socket.destroyed, false);
      socket.destroy();
    } finally {
      await proxy.close();
    }
  });

  it('cuts open connections with a reset and refuses new ones while offline', async () => {
    const proxy = await TcpProxy.start(echoPort);
    try {
      const socket = await open(proxy);
      const closed = closedOf(socket);
      proxy.offline = true;
      assert.equal(proxy.cutAll(), 1);
      await closed;
      const refused = connect({ port: proxy.port, host: '127.0.0.1' });
      refused.write('hello');
      await closedOf(refused);
      assert.equal(proxy.size, 0);
      proxy.offline = false;
      const again = await open(proxy);
      assert.ok((await roundTrip(again, 5)) >= 0);
      again.destroy();
    } finally {
      await proxy.close();
    }
  });
});
