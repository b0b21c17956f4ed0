/**
 * Issue 12: conversation ids are per shop, and a send is idempotent per sending side (the customer,
 * or the shop's agents, who are one party: see the missed-call summary). A customer of
 * shop A who uses the id `c-bob` first must not lock shop B's `bob` out of their conversation;
 * a customer who sends `clientMsgId: "call-summary:<callId>"` first must not turn the agent's
 * later call summary into a false ack carrying the customer's seq.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agentToken, customerToken, relayPerTest, sendFrame } from './relay-harness.js';

describe('shop isolation and idempotency per side', { timeout: 20_000 }, () => {
  const world = relayPerTest();
  const { connect } = world;

  it("does not let shop A's customer who first uses c-bob lock shop B's bob out", async () => {
    const squatter = (await connect(customerToken('mallory', { shop: 'shop-a', conv: ['c-bob'] }))).client;
    squatter.send(sendFrame('c-bob', 'a-1', 'got here first'));
    assert.equal((await squatter.next('ack')).seq, 1);

    const { client: bob, welcome } = await connect(customerToken('bob', { shop: 'shop-b' }));
    assert.deepEqual(
      welcome.conversations.map((c) => [c.id, c.customer.id, c.lastSeq]),
      [['c-bob', 'bob', 0]],
      "bob's own, empty conversation",
    );
    bob.send(sendFrame('c-bob', 'b-1', 'my laptop does not charge'));
    assert.equal((await bob.next('ack')).seq, 1);
    bob.send({ type: 'history', requestId: 'h', conversationId: 'c-bob' });
    assert.deepEqual((await bob.next('history')).messages.map((m) => m.body), ['my laptop does not charge']);

    const { welcome: agentB } = await connect(agentToken('alex', { shop: 'shop-b' }));
    assert.deepEqual(agentB.conversations.map((c) => [c.id, c.customer.id, c.lastMessage?.body]), [['c-bob', 'bob', 'my laptop does not charge']]);
    const { welcome: agentA } = await connect(agentToken('anna', { shop: 'shop-a' }));
    assert.deepEqual(agentA.conversations.map((c) => [c.id, c.customer.id, c.lastMessage?.body]), [['c-bob', 'mallory', 'got here first']]);
    await squatter.sync();
    assert.deepEqual(squatter.pending('message'), [], "nothing of bob's reaches shop A");
    assert.equal(world.relay.countMessages('c-bob'), 2, 'two conversations named c-bob, one message each');
  });

  it("keys idempotency by side: a customer's clientMsgId never answers the agent's send", async () => {
    const customer = (await connect(customerToken('ana'))).client;
    customer.send(sendFrame('c-ana', 'call-summary:k1', 'fake summary'));
    assert.equal((await customer.next('ack')).seq, 1);

    const agent = (await connect(agentToken('alex'))).client;
    const summary = { type: 'send', clientMsgId: 'call-summary:k1', conversationId: 'c-ana', kind: 'call-summary', body: 'Video call, 3 min' };
    agent.send(summary);
    const ack = await agent.next('ack');
    assert.equal(ack.seq, 2, 'a new message, not the customer one');
    const delivered = await customer.next('message');
    assert.deepEqual([delivered.seq, delivered.kind, delivered.from.id, delivered.body], [2, 'call-summary', 'alex', 'Video call, 3 min']);

    // The same sender resending is still one message.
    agent.send(summary);
    assert.equal((await agent.next('ack')).seq, 2);
    customer.send(sendFrame('c-ana', 'call-summary:k1', 'fake summary'));
    assert.equal((await customer.next('ack')).seq, 1);
    await customer.sync();
    assert.deepEqual(customer.pending('message'), [], 'resends are not delivered again');
    assert.equal(world.relay.countMessages('c-ana'), 2);
  });
});
