/**
 * The weak-network harness's UDP proxy, measured on loopback sockets (delay, loss, the rate's
 * bottleneck buffer, outage), and coturn behind it answering a STUN request through the proxy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSocket, type Socket } from 'node:dgram';
import { UdpProxy } from '../../support/netem/udp-proxy.js';
import { startTurnServer, turnServerPath } from '../../support/netem/turn-server.js';

let echo: Socket;
let echoPort = 0;

before(async () => {
  echo = createSocket('udp4');
  echo.on('message', (message, from) => echo.send(message, from.port, from.address));
  await new Promise<void>((resolve) => echo.bind(0, '127.0.0.1', () => resolve()));
  echoPort = echo.address().port;
});

after(() => new Promise<void>((resolve) => echo.close(() => resolve())));

/** A client socket that counts the echoes it gets back. */
async function client(): Promise<{ socket: Socket; received: Buffer[] }> {
  const socket = createSocket('udp4');
  const received: Buffer[] = [];
  socket.on('message', (message) => received.push(message));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  return { socket, received };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(10);
  }
}

describe('netem UDP proxy', () => {
  it('delays each datagram by the configured one-way delays', async () => {
    const proxy = await UdpProxy.start(echoPort);
    const { socket, received } = await client();
    try {
      proxy.impair({ up: { delayMs: 100 }, down: { delayMs: 60 } });
      const started = performance.now();
      socket.send(Buffer.from('ping'), proxy.port, '127.0.0.1');
      await until(() => received.length === 1);
      const rtt = performance.now() - started;
      assert.ok(rtt >= 155, `round trip ${rtt.toFixed(0)} ms, expected at least 160 ms`);
    } finally {
      socket.close();
      await proxy.close();
    }
  });

  it('drops about the configured share of datagrams', async () => {
    const proxy = await UdpProxy.start(echoPort);
    const { socket, received } = await client();
    try {
      proxy.impair({ up: { loss: 0.5 } });
      for (let i = 0; i < 400; i++) {
        socket.send(Buffer.from([i % 256]), proxy.port, '127.0.0.1');
        // Small batches, so the kernel's socket buffers never drop one for us.
        if (i % 20 === 19) await sleep(5);
      }
      await until(() => proxy.counters().up.delivered + proxy.counters().up.dropped === 400);
      await until(() => received.length === proxy.counters().up.delivered);
      // Binomial(400, 0.5): outside 120..280 has a probability below 1e-15.
      assert.ok(received.length > 120 && received.length < 280, `${received.length} of 400 came back`);
    } finally {
      socket.close();
      await proxy.close();
    }
  });

  it('rate-limits through a bounded buffer: a burst beyond it is dropped', async () => {
    const proxy = await UdpProxy.start(echoPort);
    const { socket, received } = await client();
    try {
      // 100 kbit/s with a 200 ms buffer holds 2.5 kB: of a 20 kB burst of 1 kB datagrams about 3 pass.
      proxy.impair({ up: { rateBps: 100_000, queueMs: 200 } });
      const started = performance.now();
      for (let i = 0; i < 20; i++) socket.send(Buffer.alloc(1000), proxy.port, '127.0.0.1');
      await until(() => proxy.counters().up.delivered + proxy.counters().up.dropped === 20);
      await until(() => received.length === proxy.counters().up.delivered);
      const elapsed = performance.now() - started;
      assert.ok(received.length >= 1 && received.length <= 4, `${received.length} of 20 passed`);
      // Each kB takes 80 ms on the wire at 100 kbit/s.
      assert.ok(elapsed >= 80 * received.length - 5, `${received.length} kB in ${elapsed.toFixed(0)} ms`);
    } finally {
      socket.close();
      await proxy.close();
    }
  });

  it('drops everything during an outage and carries traffic again afterwards', async () => {
    const proxy = await UdpProxy.start(echoPort);
    const { socket, received } = await client();
    try {
      socket.send(Buffer.from('before'), proxy.port, '127.0.0.1');
      await until(() => received.length === 1);
      proxy.stalled = true;
      for (let i = 0; i < 10; i++) socket.send(Buffer.from('during'), proxy.port, '127.0.0.1');
      await until(() => proxy.counters().up.dropped === 10);
      proxy.stalled = false;
      socket.send(Buffer.from('after'), proxy.port, '127.0.0.1');
      await until(() => received.length === 2);
      assert.deepEqual(received.map(String), ['before', 'after']);
    } finally {
      socket.close();
      await proxy.close();
    }
  });

  it('reaches coturn through the proxy (a STUN binding answered)', { skip: turnServerPath() === undefined && 'coturn not installed' }, async () => {
    const turn = await startTurnServer();
    const proxy = await UdpProxy.start(turn.port);
    const { socket, received } = await client();
    try {
      const request = Buffer.alloc(20);
      request.writeUInt16BE(0x0001, 0);
      request.writeUInt32BE(0x2112a442, 4);
      socket.send(request, proxy.port, '127.0.0.1');
      await until(() => received.length === 1);
      assert.equal(received[0]?.readUInt16BE(0), 0x0101, 'a binding success response');
    } finally {
      socket.close();
      await proxy.close();
      await turn.stop();
    }
  });
});
