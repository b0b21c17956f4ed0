/**
 * The desk's search on a real relay: agents find conversations by the customer's name, email or
 * id and by message text in any language (trigram index, and the recent-messages fallback for
 * words under three characters), only in their own shop; bad queries and customers are refused
 * with codes; searching too often is rate limited.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SearchHit, ServerFrame } from '../../../src/protocol/index.js';
import { signToken } from '../../../server/tokens.js';
import type { TestClient} from './relay-harness.js';
import { SECRET, agentToken, customerToken, relayPerTest, sendFrame } from './relay-harness.js';

type SearchAnswer = Extract<ServerFrame, { type: 'search' }>;
type ErrorAnswer = Extract<ServerFrame, { type: 'error' }>;

let requests = 0;

/** Sends a search and returns its answer (results or error). */
async function search(client: TestClient, query: string): Promise<SearchAnswer | ErrorAnswer> {
  const requestId = `s-${(requests += 1)}`;
  client.send({ type: 'search', requestId, query });
  const frame = await client.take((f) => (f.type === 'search' && f.requestId === requestId) || (f.type === 'error' && f.ref === requestId));
  return frame as SearchAnswer | ErrorAnswer;
}

async function hits(client: TestClient, query: string): Promise<SearchHit[]> {
  const answer = await search(client, query);
  assert.equal(answer.type, 'search', JSON.stringify(answer));
  return answer.type === 'search' ? answer.hits : [];
}

const ids = (found: SearchHit[]): string[] => found.map((hit) => hit.conversation.id);

function customerWithEmail(userId: string, name: string, email: string, shop = 'demo'): string {
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return signToken({ sub: userId, name, role: 'customer', shop, conv: [`c-${userId}`], exp, email }, SECRET);
}

describe('desk search', { timeout: 30_000 }, () => {
  const ctx = relayPerTest();

  /** A customer writes `bodies` into their conversation and waits for each ack. */
  async function write(token: string, conversationId: string, bodies: string[]): Promise<void> {
    const customer = (await ctx.connect(token)).client;
    for (const [i, body] of bodies.entries()) {
      customer.send(sendFrame(conversationId, `${conversationId}-m${i}`, body));
      await customer.next('ack', (f) => f.clientMsgId === `${conversationId}-m${i}`);
    }
  }

  it('finds English and Chinese message text, newest first, with a plain-text snippet around the match', async () => {
    await write(customerToken('ana'), 'c-ana', ['My screen flickers after the update', 'thanks']);
    await write(customerToken('li'), 'c-li', ['屏幕在更新后一直闪烁，怎么办？', '<b>not html</b> the SCREEN is black']);
    const agent = (await ctx.connect(agentToken('alex'))).client;

    const screen = await hits(agent, 'screen');
    assert.deepEqual(ids(screen), ['c-li', 'c-ana']);
    assert.equal(screen[0]?.message?.snippet.text, '<b>not html</b> the SCREEN is black');
    assert.deepEqual(screen[0]?.message?.snippet.highlights, [[20, 26]]);
    assert.equal(screen[1]?.message?.seq, 1);
    assert.equal(screen[1]?.message?.from.id, 'ana');

    const zh = await hits(agent, '一直闪烁');
    assert.deepEqual(ids(zh), ['c-li']);
    assert.equal(zh[0]?.message?.snippet.text, '屏幕在更新后一直闪烁，怎么办？');
    assert.deepEqual(zh[0]?.message?.snippet.highlights, [[6, 10]]);

    // Every word must be there, in any order.
    assert.deepEqual(ids(await hits(agent, 'update flickers')), ['c-ana']);
    assert.deepEqual(ids(await hits(agent, 'update black')), []);
  });

  it('finds two-character words (a common Chinese word) in the recent messages, and says when it looked at only part', async () => {
    await write(customerToken('li'), 'c-li', ['屏幕在更新后一直闪烁']);
    await write(customerToken('ana'), 'c-ana', ['my TV is broken']);
    const agent = (await ctx.connect(agentToken('alex'))).client;
    const answer = await search(agent, '闪烁');
    assert.equal(answer.type, 'search');
    if (answer.type !== 'search') return;
    assert.deepEqual(ids(answer.hits), ['c-li']);
    assert.equal(answer.partial, undefined, 'every message is within the recent window');
    assert.deepEqual(ids(await hits(agent, 'tv')), ['c-ana']);
    assert.deepEqual(ids(await hits(agent, 'tv broken')), ['c-ana']);
  });

  it("finds customers by name, email and id, before conversations that only mention the words", async () => {
    await write(customerWithEmail('cu-77', '王芳', 'fang.wang@example.com'), 'c-cu-77', ['hello']);
    await write(customerToken('ana'), 'c-ana', ['please ask fang.wang@example.com, my wife']);
    const agent = (await ctx.connect(agentToken('alex'))).client;
    assert.deepEqual(ids(await hits(agent, '王芳')), ['c-cu-77']);
    assert.deepEqual(ids(await hits(agent, 'CU-77')), ['c-cu-77']);
    const byEmail = await hits(agent, 'Fang.Wang@example');
    assert.deepEqual(ids(byEmail), ['c-cu-77', 'c-ana']);
    assert.equal(byEmail[0]?.message, undefined, 'a customer match carries no message');
    assert.equal(byEmail[0]?.conversation.customer.name, '王芳');
  });

  it("never shows one shop's conversations to another shop's agent", async () => {
    await write(customerToken('ana', { shop: 'shop-a' }), 'c-ana', ['secret order 4411 for shop A']);
    await write(customerToken('ana', { shop: 'shop-b' }), 'c-ana', ['an order of shop B']);
    const agentA = (await ctx.connect(agentToken('alex', { shop: 'shop-a' }))).client;
    const agentB = (await ctx.connect(agentToken('bea', { shop: 'shop-b' }))).client;
    assert.deepEqual(await hits(agentB, 'secret'), []);
    assert.deepEqual(await hits(agentB, '4411'), []);
    assert.deepEqual(await hits(agentB, 'for shop'), []);
    const order = await hits(agentB, 'order');
    assert.deepEqual(order.map((hit) => hit.message?.snippet.text), ['an order of shop B']);
    assert.deepEqual((await hits(agentA, 'order')).map((hit) => hit.message?.snippet.text), ['secret order 4411 for shop A']);
    // Customer search too: shop B's Ana is shop B's only.
    assert.deepEqual((await hits(agentB, 'Customer ana')).map((hit) => hit.message?.snippet.text), [undefined]);
  });

  it('refuses customers, blank or oversized queries and control characters with codes, naming the request', async () => {
    const customer = (await ctx.connect(customerToken('ana'))).client;
    const refused = await search(customer, 'screen');
    assert.deepEqual([refused.type, refused.type === 'error' ? refused.code : ''], ['error', 'forbidden']);
    const agent = (await ctx.connect(agentToken('alex'))).client;
    for (const query of ['   ', 'x'.repeat(201), 'tab\tinside']) {
      const answer = await search(agent, query);
      assert.equal(answer.type, 'error', JSON.stringify(query));
      if (answer.type === 'error') assert.equal(answer.code, 'bad-frame');
    }
    // FTS5 syntax in a query is only text.
    assert.deepEqual(await hits(agent, '"unbalanced OR NEAR( *'), []);
  });

  it('limits how often one agent searches', async () => {
    const agent = (await ctx.connect(agentToken('alex'))).client;
    const answers = await Promise.all(Array.from({ length: 20 }, () => search(agent, 'anything')));
    const limited = answers.filter((a) => a.type === 'error' && a.code === 'rate-limited');
    assert.ok(limited.length > 0, 'some of 20 searches at once are refused');
    assert.ok(answers.some((a) => a.type === 'search'), 'the first ones are answered');
  });
});
