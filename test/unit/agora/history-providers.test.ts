import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SupportError } from '../../../src/protocol/errors.js';
import { httpHistoryProvider } from '../../../src/transports/agora/http-history-provider.js';
import type { WireMessage } from '../../../src/protocol/model.js';
import { RtmWorld } from './rtm-world.js';

const stored: WireMessage[] = [1, 2, 3].map((seq) => ({
  seq,
  conversationId: 'c1',
  clientMsgId: `m${seq}`,
  from: { id: 'c1', name: 'Ana', role: 'customer' },
  kind: 'text',
  body: `message ${seq}`,
  at: 1_700_000_000_000 + seq,
}));

describe('httpHistoryProvider', () => {
  let server: Server;
  let base: string;
  let lastRequest: IncomingMessage | undefined;
  let answer: (url: URL) => { status: number; body: string } = () => ({ status: 200, body: '{}' });

  before(async () => {
    server = createServer((req, res) => {
      lastRequest = req;
      const { status, body } = answer(new URL(req.url ?? '/', 'http://127.0.0.1'));
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/history`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  let world: RtmWorld | undefined;
  afterEach(() => world?.close());

  it('GETs conversationId, beforeSeq and limit with the configured headers', async () => {
    answer = (url) => {
      const before = Number(url.searchParams.get('beforeSeq') ?? Infinity);
      const limit = Number(url.searchParams.get('limit'));
      const page = stored.filter((m) => m.seq < before).slice(-limit);
      return { status: 200, body: JSON.stringify({ messages: page, hasMore: page[0]?.seq !== 1 }) };
    };
    const provider = httpHistoryProvider(base, { headers: async () => ({ authorization: 'Bearer shop-session' }) });
    const page = await provider.load('c1', { beforeSeq: 3, limit: 1 });
    assert.deepEqual(page, { messages: [stored[1]], hasMore: true });
    assert.equal(lastRequest?.url, '/history?conversationId=c1&beforeSeq=3&limit=1');
    assert.equal(lastRequest?.headers.authorization, 'Bearer shop-session');
  });

  it('serves the Agora transport’s history()', async () => {
    answer = () => ({ status: 200, body: JSON.stringify({ messages: [stored[2], stored[0], stored[2]], hasMore: false }) });
    world = new RtmWorld();
    const { transport } = await world.connected('c1', 'customer', { history: httpHistoryProvider(base) });
    const page = await transport.history('c1', { limit: 10 });
    assert.deepEqual(page.messages.map((m) => m.seq), [1, 3], 'sorted and deduplicated by the transport');
  });

  it('maps HTTP failures and invalid bodies to coded errors', async () => {
    const provider = httpHistoryProvider(base);
    const cases: [number, string, string][] = [
      [401, '{}', 'unauthorized'],
      [403, '{}', 'forbidden'],
      [429, '{}', 'rate-limited'],
      [503, '{}', 'internal'],
      [200, 'not json', 'internal'],
      [200, JSON.stringify({ messages: [{ ...stored[0], from: { id: 'x', name: 'X', role: 'root' } }], hasMore: false }), 'internal'],
      [200, JSON.stringify({ messages: [{ ...stored[0], conversationId: 'other' }], hasMore: false }), 'internal'],
    ];
    for (const [status, body, code] of cases) {
      answer = () => ({ status, body });
      await assert.rejects(provider.load('c1', { limit: 5 }), (e: unknown) => e instanceof SupportError && e.code === code, `${status} ${body}`);
    }
  });

  it('reports an unreachable endpoint as network and honours abort', async () => {
    const closed = httpHistoryProvider('http://127.0.0.1:9/history');
    await assert.rejects(closed.load('c1', { limit: 1 }), (e: unknown) => e instanceof SupportError && e.code === 'network');
    answer = () => ({ status: 200, body: JSON.stringify({ messages: [], hasMore: false }) });
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(httpHistoryProvider(base).load('c1', { limit: 1, signal: controller.signal }), (e: unknown) => e instanceof SupportError && e.code === 'closed');
  });
});

describe('rtmHistoryProvider', () => {
  let world: RtmWorld;
  afterEach(() => world.close());

  it('pages through RTM history by seq, oldest first, across RTM pages', async () => {
    world = new RtmWorld({ publishPerSecond: 10_000 });
    const { transport } = await world.connected('c1', 'customer');
    const acks = [];
    for (let i = 0; i < 130; i++) acks.push(await transport.send({ clientMsgId: `h${i}`, conversationId: 'c1', kind: 'text', body: `#${i}` }));
    const whole = await transport.history('c1', { limit: 200 });
    assert.equal(whole.messages.length, 130, 'two RTM pages (RTM returns at most 100 per call)');
    assert.equal(whole.hasMore, false);
    const pages: string[][] = [];
    let beforeSeq: number | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = await transport.history('c1', { limit: 50, ...(beforeSeq === undefined ? {} : { beforeSeq }) });
      pages.unshift(page.messages.map((m) => m.clientMsgId));
      if (!page.hasMore) break;
      beforeSeq = page.messages[0]!.seq;
    }
    assert.deepEqual(pages.map((p) => p.length), [30, 50, 50]);
    assert.deepEqual(pages.flat(), acks.map((a) => a.clientMsgId));
  });
});
