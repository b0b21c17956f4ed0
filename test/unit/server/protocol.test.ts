import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TestClient, agentToken, customerToken, relayPerTest, sendFrame } from './relay-harness.js';

describe('relay protocol', { timeout: 20_000 }, () => {
  // Seqs and fan-out counts of plain messaging: no routing events in between (desk.test.ts routes).
  const world = relayPerTest({ autoAssign: false });
  const { clients, connect } = world;

  it('requires hello as the first frame', async () => {
    const client = await TestClient.open(world.relay.url);
    clients.push(client);
    client.send(sendFrame('c-ana', 'm1'));
    const error = await client.next('error');
    assert.equal(error.code, 'not-authenticated');
    assert.equal(error.ref, 'm1');
    client.send({ type: 'hello', token: customerToken('ana') });
    await client.next('welcome');
    assert.equal(world.relay.countMessages(), 0);
  });

  it('closes the connection on a bad token with a fatal coded error', async () => {
    const client = await TestClient.open(world.relay.url);
    clients.push(client);
    client.send({ type: 'hello', token: customerToken('ana', { secret: 'not-the-relay-secret-000000000000' }) });
    const error = await client.next('error');
    assert.deepEqual([error.code, error.fatal], ['unauthorized', true]);
    assert.equal((await client.closed).code, 1008);

    const expired = await TestClient.open(world.relay.url);
    clients.push(expired);
    expired.send({ type: 'hello', token: customerToken('ana', { exp: Math.floor(Date.now() / 1000) - 5 }) });
    assert.equal((await expired.next('error')).code, 'token-expired');
  });

  it('welcomes a customer with their own conversation, created on first contact', async () => {
    const before = Date.now();
    const { welcome } = await connect(customerToken('ana'));
    assert.deepEqual(welcome.user, { id: 'ana', name: 'Customer ana', role: 'customer' });
    assert.equal(welcome.agentsOnline, 0);
    assert.ok(welcome.serverTime >= before && welcome.serverTime <= Date.now());
    assert.equal(welcome.conversations.length, 1);
    const [conversation] = welcome.conversations;
    assert.equal(conversation?.id, 'c-ana');
    assert.deepEqual(conversation?.customer, { id: 'ana', name: 'Customer ana' });
    assert.equal(conversation?.lastSeq, 0);
    assert.equal(conversation?.lastMessage, undefined);
  });

  it('welcomes an agent with the shop queue, most recent first, and counts them online', async () => {
    const bo = (await connect(customerToken('bo'))).client;
    const cy = (await connect(customerToken('cy'))).client;
    await connect(customerToken('other', { shop: 'other-shop' }));
    bo.send(sendFrame('c-bo', 'b1'));
    await bo.next('ack');
    await new Promise((r) => setTimeout(r, 5));
    cy.send(sendFrame('c-cy', 'y1', 'my laptop hinge'));
    await cy.next('ack');

    const { welcome } = await connect(agentToken('ag'));
    assert.equal(welcome.user.role, 'agent');
    assert.equal(welcome.agentsOnline, 1);
    assert.deepEqual(welcome.conversations.map((c) => c.id), ['c-cy', 'c-bo']);
    assert.equal(welcome.conversations[0]?.lastMessage?.body, 'my laptop hinge');
    assert.equal(welcome.conversations[0]?.lastSeq, 1);
  });

  it('acks a send after storing it and fans it out to agents and the sender\'s other tabs', async () => {
    const tab1 = (await connect(customerToken('ana'))).client;
    const tab2 = (await connect(customerToken('ana'))).client;
    const agent = (await connect(agentToken('ag'))).client;
    const stranger = (await connect(customerToken('zed'))).client;

    tab1.send({ ...sendFrame('c-ana', 'm1', 'screen flickers'), context: { sku: 'PX-9', serial: 'SN1' } });
    const ack = await tab1.next('ack');
    assert.equal(ack.clientMsgId, 'm1');
    assert.equal(ack.conversationId, 'c-ana');
    assert.equal(ack.seq, 1);
    assert.equal(world.relay.countMessages('c-ana'), 1);

    const atAgent = await agent.next('message');
    assert.deepEqual(
      { seq: atAgent.seq, body: atAgent.body, from: atAgent.from, at: atAgent.at, context: atAgent.context },
      { seq: 1, body: 'screen flickers', from: { id: 'ana', name: 'Customer ana', role: 'customer' }, at: ack.at, context: { sku: 'PX-9', serial: 'SN1' } },
    );
    const created = await agent.next('conversation');
    assert.deepEqual([created.conversation.id, created.conversation.lastSeq], ['c-zed', 0], 'a new customer shows up in the queue');
    const summary = await agent.next('conversation');
    assert.equal(summary.conversation.id, 'c-ana');
    assert.equal(summary.conversation.lastSeq, 1);
    assert.deepEqual(summary.conversation.context, { sku: 'PX-9', serial: 'SN1' });
    assert.equal((await tab2.next('message')).clientMsgId, 'm1');

    agent.send(sendFrame('c-ana', 'r1', 'which model?'));
    assert.equal((await agent.next('ack')).seq, 2);
    assert.equal((await tab1.next('message')).body, 'which model?');
    assert.equal((await tab2.next('message')).body, 'which model?');

    await tab1.sync();
    await stranger.sync();
    assert.equal(tab1.pending('message').length, 0, 'the sender does not get its own message back');
    assert.equal(stranger.pending('message').length, 0, 'other customers see nothing');
  });

  it('treats a resend of the same clientMsgId as the same message: same seq, one row, one fan-out', async () => {
    const customer = (await connect(customerToken('ana'))).client;
    const agent = (await connect(agentToken('ag'))).client;
    customer.send(sendFrame('c-ana', 'm1'));
    const first = await customer.next('ack');
    customer.send(sendFrame('c-ana', 'm1', 'different body on retry'));
    const second = await customer.next('ack');
    assert.deepEqual(second, first);

    const again = (await connect(customerToken('ana'))).client;
    again.send(sendFrame('c-ana', 'm1'));
    assert.deepEqual(await again.next('ack'), first);

    assert.equal(world.relay.countMessages(), 1);
    await agent.sync();
    assert.equal(agent.pending('message').length, 1);
    assert.equal(agent.pending('conversation').length, 1);
  });

  it('resumes after a reconnect with exactly the missed messages, in order', async () => {
    const customer = await connect(customerToken('ana'));
    const agent = (await connect(agentToken('ag'))).client;
    agent.send(sendFrame('c-ana', 'r1', 'one'));
    await customer.client.next('message');
    await customer.client.close();
    for (const [i, body] of ['two', 'three', 'four'].entries()) {
      agent.send(sendFrame('c-ana', `r${i + 2}`, body));
      await agent.next('ack');
    }

    const { client, welcome } = await connect(customerToken('ana'), { 'c-ana': 1 });
    assert.equal(welcome.conversations[0]?.lastSeq, 4);
    const replayed = [await client.next('message'), await client.next('message'), await client.next('message')];
    assert.deepEqual(replayed.map((m) => [m.seq, m.body]), [[2, 'two'], [3, 'three'], [4, 'four']]);
    await client.sync();
    assert.equal(client.pending('message').length, 0);
  });

  it('pages history newest first, each page oldest first', async () => {
    const customer = (await connect(customerToken('ana'))).client;
    for (let i = 1; i <= 7; i += 1) {
      customer.send(sendFrame('c-ana', `m${i}`, `n${i}`));
      await customer.next('ack');
    }
    customer.send({ type: 'history', requestId: 'h1', conversationId: 'c-ana', limit: 3 });
    const newest = await customer.next('history', (f) => f.requestId === 'h1');
    assert.deepEqual(newest.messages.map((m) => m.seq), [5, 6, 7]);
    assert.equal(newest.hasMore, true);
    customer.send({ type: 'history', requestId: 'h2', conversationId: 'c-ana', beforeSeq: 5, limit: 3 });
    const middle = await customer.next('history', (f) => f.requestId === 'h2');
    assert.deepEqual(middle.messages.map((m) => m.seq), [2, 3, 4]);
    customer.send({ type: 'history', requestId: 'h3', conversationId: 'c-ana', beforeSeq: 2, limit: 3 });
    const oldest = await customer.next('history', (f) => f.requestId === 'h3');
    assert.deepEqual([oldest.messages.map((m) => m.body), oldest.hasMore], [['n1'], false]);
    customer.send({ type: 'history', requestId: 'h4', conversationId: 'c-ana' });
    assert.equal((await customer.next('history', (f) => f.requestId === 'h4')).messages.length, 7);
  });

  it('relays typing to the other members without storing it', async () => {
    const customer = (await connect(customerToken('ana'))).client;
    const agent = (await connect(agentToken('ag'))).client;
    customer.send({ type: 'typing', conversationId: 'c-ana', typing: true });
    const typing = await agent.next('typing');
    assert.deepEqual(typing, { type: 'typing', conversationId: 'c-ana', user: { id: 'ana', name: 'Customer ana', role: 'customer' }, typing: true });
    agent.send({ type: 'typing', conversationId: 'c-ana', typing: false });
    assert.equal((await customer.next('typing')).user.id, 'ag');
    assert.equal(world.relay.countMessages(), 0);
  });

  it('stores receipts monotonically and relays them', async () => {
    const customer = (await connect(customerToken('ana'))).client;
    const agent = (await connect(agentToken('ag'))).client;
    for (const id of ['m1', 'm2', 'm3']) {
      customer.send(sendFrame('c-ana', id));
      await customer.next('ack');
    }
    agent.send({ type: 'receipt', conversationId: 'c-ana', kind: 'read', upTo: 2 });
    assert.deepEqual(await customer.next('receipt'), { type: 'receipt', conversationId: 'c-ana', userId: 'ag', kind: 'read', upTo: 2 });
    agent.send({ type: 'receipt', conversationId: 'c-ana', kind: 'read', upTo: 1 });
    agent.send({ type: 'receipt', conversationId: 'c-ana', kind: 'delivered', upTo: 99 });
    assert.deepEqual(await customer.next('receipt'), { type: 'receipt', conversationId: 'c-ana', userId: 'ag', kind: 'delivered', upTo: 3 });
    await customer.sync();
    assert.equal(customer.pending('receipt').length, 0, 'a lower read mark is not relayed');

    const { welcome } = await connect(customerToken('ana'));
    assert.deepEqual(welcome.conversations[0]?.readUpTo, { ag: 2 });
    assert.deepEqual(welcome.conversations[0]?.deliveredUpTo, { ag: 3 });
  });

  it('counts agents online per shop and broadcasts changes', async () => {
    const customer = (await connect(customerToken('ana'))).client;
    const otherShop = (await connect(customerToken('zed', { shop: 'other-shop' }))).client;
    const tab1 = (await connect(agentToken('ag'))).client;
    assert.deepEqual([(await customer.next('presence')).agentsOnline], [1]);
    const tab2 = await connect(agentToken('ag'));
    assert.equal(tab2.welcome.agentsOnline, 1, 'two tabs of one agent are one agent');
    const second = await connect(agentToken('ag2'));
    assert.equal(second.welcome.agentsOnline, 2);
    assert.equal((await customer.next('presence')).agentsOnline, 2);
    await second.client.close();
    assert.equal((await customer.next('presence')).agentsOnline, 1);
    await tab1.close();
    await tab2.client.close();
    const last = await customer.next('presence');
    assert.deepEqual([last.agentsOnline, last.online, last.user?.id], [0, false, 'ag']);
    await otherShop.sync();
    assert.equal(otherShop.pending('presence').length, 0);
  });

  it('lets the customer update the context and tells the agents', async () => {
    const customer = (await connect(customerToken('ana'))).client;
    const agent = (await connect(agentToken('ag'))).client;
    customer.send({ type: 'context', conversationId: 'c-ana', context: { sku: 'LT-14', orderId: 'O-77' } });
    const update = await agent.next('conversation');
    assert.deepEqual(update.conversation.context, { sku: 'LT-14', orderId: 'O-77' });
    agent.send({ type: 'context', conversationId: 'c-ana', context: { sku: 'forged' } });
    assert.equal((await agent.next('error')).code, 'forbidden');
  });

  it('relays call signals with the sender, and answers ping with pong', async () => {
    const customer = (await connect(customerToken('ana'))).client;
    const agent = (await connect(agentToken('ag'))).client;
    agent.send({ type: 'signal', conversationId: 'c-ana', callId: 'call-1', action: 'invite', payload: { video: true } });
    assert.deepEqual(await customer.next('signal'), {
      type: 'signal', conversationId: 'c-ana', callId: 'call-1', action: 'invite', from: { id: 'ag', name: 'Agent ag', role: 'agent' }, payload: { video: true },
    });
    customer.send({ type: 'ping', id: 'p1' });
    assert.equal((await customer.next('pong')).id, 'p1');
    assert.equal(world.relay.countMessages(), 0);
  });

  it('answers not-found for an agent asking for an unknown conversation', async () => {
    const agent = (await connect(agentToken('ag'))).client;
    agent.send({ type: 'history', requestId: 'h1', conversationId: 'c-nobody' });
    assert.deepEqual(await agent.next('error').then((e) => [e.code, e.ref]), ['not-found', 'h1']);
  });
});
