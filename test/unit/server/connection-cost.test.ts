/**
 * What a connection may cost: sockets per address (refused before the upgrade), hellos per
 * address, sockets per user (the next one gets a coded error and close 1013), the hello charged
 * to the user's frame bucket, and an agent's welcome that carries one page of the queue with a
 * cursor for the next (`conversations` frames).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import WebSocket from 'ws';
import { LIMITS } from '../../../src/protocol/model.js';
import { agentToken, customerToken, relayPerTest, sendFrame, TestClient } from './relay-harness.js';

/** The HTTP status of a refused upgrade (ws reports it in its error), or 101. */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/ws`);
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('error', () => undefined);
  });
}

describe('connection cost: per address', () => {
  const ctx = relayPerTest({ maxConnectionsPerIp: 4, helloRatePerIp: { perSecond: 0.001, burst: 6 } });

  it('refuses the socket over the per-address limit with 429 before the upgrade, and takes one again after a close', async () => {
    const open = await Promise.all([1, 2, 3, 4].map(() => TestClient.open(ctx.relay.url)));
    ctx.clients.push(...open);
    assert.equal(await upgradeStatus(ctx.relay.url), 429);
    await open[0]?.close();
    let status = 0;
    // The relay frees the slot when it sees the close; give a loaded machine a moment.
    for (let i = 0; i < 40 && status !== 101; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = await upgradeStatus(ctx.relay.url);
    }
    assert.equal(status, 101);
  });

  it('closes with rate-limited (1013) the hello over the per-address hello budget', async () => {
    for (let i = 0; i < 6; i += 1) {
      const { client } = await ctx.connect(customerToken(`u${i}`));
      await client.close();
    }
    const client = await TestClient.open(ctx.relay.url);
    client.send({ type: 'hello', token: customerToken('late') });
    const error = await client.next('error');
    assert.deepEqual([error.code, error.fatal], ['rate-limited', true]);
    assert.equal((await client.closed).code, 1013);
  });
});

describe('connection cost: per user', () => {
  const ctx = relayPerTest({ maxSocketsPerUser: 3, userRateLimit: { perSecond: 1000, burst: 1000 } });

  it('gives the user’s next socket over the limit a too-many-connections error and close 1013; a slot frees on close', async () => {
    const tabs = await Promise.all([1, 2, 3].map(() => ctx.connect(customerToken('ana'))));
    const extra = await TestClient.open(ctx.relay.url);
    extra.send({ type: 'hello', token: customerToken('ana') });
    const error = await extra.next('error');
    assert.deepEqual([error.code, error.fatal], ['too-many-connections', true]);
    assert.equal((await extra.closed).code, 1013);
    assert.equal(extra.pending('welcome').length, 0, 'no welcome for the refused socket');
    // Another user is not affected; the first user gets a slot back when a tab closes.
    await ctx.connect(customerToken('ben'));
    await tabs[0]?.client.close();
    const { welcome } = await ctx.connect(customerToken('ana'));
    assert.equal(welcome.user.id, 'ana');
  });
});

describe('connection cost: the hello takes a token of the user’s bucket', () => {
  const ctx = relayPerTest({ userRateLimit: { perSecond: 0.001, burst: 3 } });

  it('refuses reconnects once the user’s bucket is empty, even on fresh sockets', async () => {
    const { client } = await ctx.connect(customerToken('ana'));
    client.send(sendFrame('c-ana', 'm1'));
    await client.next('ack');
    await client.close();
    await ctx.connect(customerToken('ana'));
    const late = await TestClient.open(ctx.relay.url);
    late.send({ type: 'hello', token: customerToken('ana') });
    const error = await late.next('error');
    assert.deepEqual([error.code, error.fatal], ['rate-limited', true]);
  });
});

describe('connection cost: the agent welcome is one page', () => {
  const ctx = relayPerTest({ helloRatePerIp: { perSecond: 1000, burst: 1000 } });
  const total = 120;

  it('lists the most recent page with a cursor, and `conversations` pages through the rest once each, in order', async () => {
    for (let i = 0; i < total; i += 1) {
      const { client } = await ctx.connect(customerToken(`cust${i}`));
      client.send(sendFrame(`c-cust${i}`, `m${i}`));
      await client.next('ack');
      await client.close();
    }
    const { client: agent, welcome } = await ctx.connect(agentToken('ag'));
    assert.equal(welcome.conversations.length, LIMITS.maxConversationPage);
    assert.equal(typeof welcome.nextCursor, 'string');
    const seen = [...welcome.conversations];
    let cursor = welcome.nextCursor;
    let pages = 0;
    while (cursor !== undefined) {
      pages += 1;
      agent.send({ type: 'conversations', requestId: `p${pages}`, cursor });
      const page = await agent.next('conversations', (f) => f.requestId === `p${pages}`);
      seen.push(...page.conversations);
      cursor = page.nextCursor;
    }
    assert.equal(pages, 2);
    assert.equal(seen.length, total);
    assert.equal(new Set(seen.map((c) => c.id)).size, total, 'no conversation twice');
    const times = seen.map((c) => c.updatedAt);
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'most recently active first');

    agent.send({ type: 'conversations', requestId: 'small', cursor: welcome.nextCursor, limit: 5 });
    assert.equal((await agent.next('conversations', (f) => f.requestId === 'small')).conversations.length, 5);
    agent.send({ type: 'conversations', requestId: 'bad', cursor: 'bm90LWEtY3Vyc29y' });
    assert.equal((await agent.next('error', (f) => f.ref === 'bad')).code, 'bad-frame');
    agent.send({ type: 'conversations', requestId: 'huge', cursor: welcome.nextCursor, limit: 500 });
    assert.equal((await agent.next('error', (f) => f.ref === 'huge')).code, 'bad-frame');

    const { client: customer } = await ctx.connect(customerToken('cust1'));
    customer.send({ type: 'conversations', requestId: 'c1', cursor: welcome.nextCursor });
    assert.equal((await customer.next('error', (f) => f.ref === 'c1')).code, 'forbidden');
  });
});
