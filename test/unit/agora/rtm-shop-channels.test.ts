/**
 * Issue 12, known gap closed: RTM message channels are not token-gated, so their names must carry
 * the shop, as call channels do. Before, shop A's customer `bob` and shop B's customer `bob`, both
 * in conversation `c-bob`, shared `support.c-bob`, and every shop's agents shared `support.queue`:
 * shop B's agent was told of shop A's conversations and read their messages.
 */
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RtmChannels } from '../../../src/transports/agora/rtm-channels.js';
import { record, RtmWorld, waitFor } from './rtm-world.js';

const text = (clientMsgId: string, conversationId: string, body: string) => ({ clientMsgId, conversationId, kind: 'text' as const, body });

describe('Agora RTM message channels are scoped by shop', () => {
  let world: RtmWorld;
  afterEach(() => world.close());

  it("keeps one shop's conversation and queue away from another shop's agent with the same conversation id", async () => {
    world = new RtmWorld();
    const agentA = await world.connected('shop-a~agent', 'agent', { shop: 'shop-a' });
    const agentB = await world.connected('shop-b~agent', 'agent', { shop: 'shop-b' });
    const seenByB = record(agentB.transport, 'message');
    const toldB = record(agentB.transport, 'conversation');
    const bobA = await world.connected('shop-a~bob', 'customer', { shop: 'shop-a', conversations: ['c-bob'], presencePollMs: 0 });
    const bobB = await world.connected('shop-b~bob', 'customer', { shop: 'shop-b', conversations: ['c-bob'], presencePollMs: 0 });

    const atA = waitFor(agentA.transport, 'message', (m) => m.clientMsgId === 'a-1');
    await bobA.transport.send(text('a-1', 'c-bob', 'my order from shop A'));
    assert.equal((await atA).from.id, 'shop-a~bob');
    // Shop B's own message reaches shop B's agent after shop A's was published: the positive control.
    const atB = waitFor(agentB.transport, 'message', (m) => m.clientMsgId === 'b-1');
    await bobB.transport.send(text('b-1', 'c-bob', 'my order from shop B'));
    assert.equal((await atB).from.id, 'shop-b~bob');

    assert.deepEqual(seenByB.map((m) => m.clientMsgId), ['b-1'], "shop B's agent never sees shop A's message");
    assert.ok(toldB.every((c) => c.customer.id === 'shop-b~bob'), "shop B's agent is told only of its own shop's conversation");
    const names = [...world.network.channels.keys()].sort();
    assert.deepEqual(names, ['support.shop-a~c-bob', 'support.shop-a~queue', 'support.shop-b~c-bob', 'support.shop-b~queue']);
    assert.deepEqual(world.network.stored('support.shop-a~c-bob').length, 1);
  });

  it('keeps channelPrefix, and a name too long for RTM becomes a digest that still carries messages', async () => {
    world = new RtmWorld();
    const shop = 'a-shop-whose-name-is-long-enough-to-overflow-64-bytes';
    const agent = await world.connected('agent-1', 'agent', { shop, channelPrefix: 'widget2' });
    const customer = await world.connected('cust-1', 'customer', { shop, channelPrefix: 'widget2', conversations: ['c-1'], presencePollMs: 0 });
    const arrived = waitFor(agent.transport, 'message', (m) => m.clientMsgId === 'm-1');
    await customer.transport.send(text('m-1', 'c-1', 'hello'));
    assert.equal((await arrived).conversationId, 'c-1');
    const names = [...world.network.channels.keys()];
    assert.equal(names.length, 2);
    for (const name of names) {
      assert.match(name, /^widget2\.~[A-Za-z0-9_-]{43}$/, `${name}: prefix kept, the SHA-256 digest of shop and id`);
    }
  });

  it('names without a shop stay as they were; another shop’s channel is foreign', () => {
    const plain = new RtmChannels();
    assert.deepEqual([plain.of('c-1'), plain.queue], ['support.c-1', 'support.queue']);
    const scoped = new RtmChannels('support', 'acme');
    assert.deepEqual([scoped.of('c-1'), scoped.queue], ['support.acme~c-1', 'support.acme~queue']);
    assert.equal(scoped.conversationOf('support.acme~c-2'), 'c-2');
    assert.equal(scoped.conversationOf('support.rival~c-2'), undefined);
    assert.equal(scoped.conversationOf('support.c-2'), undefined);
    assert.equal(scoped.conversationOf(scoped.queue), undefined);
  });
});
