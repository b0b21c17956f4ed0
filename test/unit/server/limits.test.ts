import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { LIMITS } from '../../../src/protocol/model.js';
import type { RelayServerOptions } from '../../../server/index.js';
import type { TestRelay } from './relay-harness.js';
import { RawSocket, TestClient, agentToken, customerToken, sendFrame, startRelay } from './relay-harness.js';

describe('relay limits and invalid frames', { timeout: 25_000 }, () => {
  let relay: TestRelay | undefined;
  const clients: TestClient[] = [];
  const raws: RawSocket[] = [];

  async function start(options: Partial<RelayServerOptions> = {}): Promise<TestRelay> {
    // Stored messages are counted against acks: no routing events in between.
    relay = await startRelay({ autoAssign: false, ...options });
    return relay;
  }

  async function connect(server: TestRelay, token: string) {
    const result = await TestClient.connect(server.url, token);
    clients.push(result.client);
    return result.client;
  }

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    for (const raw of raws.splice(0)) raw.destroy();
    await relay?.dispose();
    relay = undefined;
  });

  it('answers invalid JSON, wrong types, unknown types and oversized frames with coded errors, then keeps working', async () => {
    const server = await start();
    const client = await connect(server, customerToken('ana'));
    const cases: Array<[string, string, string | undefined]> = [
      ['{"type":"send",', 'bad-json', undefined],
      ['"just a string"', 'bad-frame', undefined],
      [JSON.stringify({ type: 'teleport' }), 'bad-frame', undefined],
      [JSON.stringify({ ...sendFrame('c-ana', 'm-bad'), body: 42 }), 'bad-frame', 'm-bad'],
      [JSON.stringify({ type: 'typing', conversationId: 'c-ana', typing: 'maybe' }), 'bad-frame', undefined],
      [JSON.stringify({ type: 'history', requestId: 'h1', conversationId: 'c-ana', limit: 'all' }), 'bad-frame', 'h1'],
      [JSON.stringify(sendFrame('c-ana', 'm-long', 'x'.repeat(LIMITS.maxBodyChars + 1))), 'message-too-large', 'm-long'],
      [JSON.stringify(sendFrame('c-ana', 'm-huge', 'x'.repeat(LIMITS.maxFrameBytes + 10))), 'frame-too-large', undefined],
      [JSON.stringify({ type: 'hello', token: customerToken('ana') }), 'bad-frame', undefined],
    ];
    for (const [raw, code, ref] of cases) {
      client.sendRaw(raw);
      const error = await client.next('error');
      assert.deepEqual([error.code, error.ref, error.fatal], [code, ref, undefined], raw.slice(0, 80));
    }
    client.sendRaw(Buffer.from(JSON.stringify(sendFrame('c-ana', 'm-binary'))));
    assert.equal((await client.next('ack')).clientMsgId, 'm-binary');
    client.send(sendFrame('c-ana', 'm-ok'));
    assert.deepEqual(await client.next('ack').then((a) => [a.clientMsgId, a.seq]), ['m-ok', 2]);
    assert.equal(server.countMessages(), 2);
  });

  it('closes a socket that sends more than the transport maximum', async () => {
    const server = await start();
    const client = await connect(server, customerToken('ana'));
    client.sendRaw('x'.repeat(2 * 1024 * 1024));
    assert.equal((await client.closed).code, 1009);
  });

  it('rate-limits each connection and names the dropped message so it can be retried', async () => {
    const server = await start({ rateLimit: { perSecond: 2, burst: 5 } });
    const client = await connect(server, customerToken('ana'));
    const calm = await connect(server, agentToken('ag'));
    for (let i = 0; i < 12; i += 1) client.send(sendFrame('c-ana', `m${i}`));
    const acks: string[] = [];
    const limited: Array<[string, string | undefined]> = [];
    for (let i = 0; i < 12; i += 1) {
      const frame = await client.take((f) => f.type === 'ack' || f.type === 'error');
      if (frame.type === 'ack') acks.push(frame.clientMsgId);
      else if (frame.type === 'error') limited.push([frame.code, frame.ref]);
    }
    // The hello took one token of the burst of 5 (one more may have refilled on a slow machine).
    assert.ok(acks.length >= 4 && acks.length <= 5, `acks: ${acks.join(',')}`);
    assert.ok(limited.every(([code]) => code === 'rate-limited'));
    assert.deepEqual(limited.map(([, ref]) => ref), Array.from({ length: 12 }, (_, i) => `m${i}`).slice(acks.length));
    assert.equal(server.countMessages(), acks.length);
    calm.send({ type: 'ping', id: 'p' });
    assert.equal((await calm.next('pong')).id, 'p', 'other connections are not limited');
    await new Promise((r) => setTimeout(r, 600));
    client.send(sendFrame('c-ana', 'retry'));
    assert.equal((await client.next('ack')).clientMsgId, 'retry');
  });

  it('closes a connection with 1008 after too many invalid frames', async () => {
    const server = await start({ maxInvalidFrames: 5 });
    const client = await connect(server, customerToken('ana'));
    for (let i = 0; i < 6; i += 1) client.sendRaw('nope');
    for (let i = 0; i < 5; i += 1) assert.equal((await client.next('error')).fatal, undefined);
    assert.equal((await client.next('error')).fatal, true);
    assert.equal((await client.closed).code, 1008);
  });

  it('closes a connection that does not say hello in time', async () => {
    const server = await start({ authTimeoutMs: 150 });
    const client = await TestClient.open(server.url);
    clients.push(client);
    const error = await client.next('error');
    assert.deepEqual([error.code, error.fatal], ['not-authenticated', true]);
    assert.equal((await client.closed).code, 1008);
  });

  it('terminates sockets that stop answering heartbeats and keeps live ones', async () => {
    const server = await start({ heartbeatIntervalMs: 100 });
    const live = await connect(server, customerToken('ana'));
    const dead = await RawSocket.open(server.url);
    raws.push(dead);
    const started = Date.now();
    await dead.closed;
    assert.ok(Date.now() - started < 2000);
    await new Promise((r) => setTimeout(r, 300));
    live.send({ type: 'ping', id: 'still-here' });
    assert.equal((await live.next('pong')).id, 'still-here');
  });

  it('terminates a slow consumer whose unsent data piles up', async () => {
    const server = await start({ maxBufferedBytes: 1024 * 1024, rateLimit: { perSecond: 1000, burst: 1000 } });
    const customer = await connect(server, customerToken('ana'));
    for (let i = 0; i < 100; i += 1) customer.send(sendFrame('c-ana', `big-${i}`, 'x'.repeat(LIMITS.maxBodyChars)));
    for (let i = 0; i < 100; i += 1) await customer.next('ack', () => true, 10_000);
    const slow = await RawSocket.open(server.url);
    raws.push(slow);
    slow.sendText(JSON.stringify({ type: 'hello', token: agentToken('slow') }));
    assert.equal((await customer.next('presence')).agentsOnline, 1);
    slow.socket.pause();
    for (let i = 0; i < 40; i += 1) slow.sendText(JSON.stringify({ type: 'history', requestId: `h${i}`, conversationId: 'c-ana', limit: 200 }));
    const gone = await customer.next('presence', () => true, 10_000);
    assert.deepEqual([gone.agentsOnline, gone.online], [0, false]);
    slow.socket.resume();
    await slow.closed;
    assert.ok(slow.bytesReceived < 40 * 100 * LIMITS.maxBodyChars, `received ${slow.bytesReceived} bytes`);
  });
});
