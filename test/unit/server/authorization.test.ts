import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agentToken, customerToken, relayPerTest, sendFrame } from './relay-harness.js';

describe('relay authorisation', { timeout: 20_000 }, () => {
  const world = relayPerTest();
  const { connect } = world;

  it('forbids a customer every frame on another customer\'s conversation, stores and relays nothing', async () => {
    const victim = (await connect(customerToken('ana'))).client;
    victim.send(sendFrame('c-ana', 'private', 'my address is ...'));
    await victim.next('ack');
    const { client: mallory, welcome } = await connect(customerToken('mal'));
    assert.deepEqual(welcome.conversations.map((c) => c.id), ['c-mal']);

    const attempts: Array<[object, string]> = [
      [sendFrame('c-ana', 'evil-1'), 'evil-1'],
      [{ type: 'history', requestId: 'h-evil', conversationId: 'c-ana' }, 'h-evil'],
      [{ type: 'receipt', conversationId: 'c-ana', kind: 'read', upTo: 1 }, 'c-ana'],
      [{ type: 'typing', conversationId: 'c-ana', typing: true }, 'c-ana'],
      [{ type: 'signal', conversationId: 'c-ana', callId: 'k1', action: 'invite' }, 'c-ana'],
      [{ type: 'context', conversationId: 'c-ana', context: { sku: 'forged' } }, 'c-ana'],
      [sendFrame('c-unknown', 'evil-2'), 'evil-2'],
    ];
    for (const [frame, ref] of attempts) {
      mallory.send(frame);
      const error = await mallory.next('error');
      assert.deepEqual([error.code, error.ref], ['forbidden', ref], JSON.stringify(frame));
    }
    assert.equal(mallory.pending('history').length, 0);
    assert.equal(world.relay.countMessages(), 1);
    assert.equal(world.relay.countMessages('c-unknown'), 0);

    await victim.sync();
    assert.deepEqual(victim.pending(), [], 'the victim saw no typing, receipt, signal or message');
    const { welcome: again } = await connect(customerToken('ana'));
    assert.deepEqual(again.conversations[0]?.readUpTo, {});
    assert.equal(again.conversations[0]?.context, undefined);
  });

  it('forbids resuming another customer\'s conversation', async () => {
    const victim = (await connect(customerToken('ana'))).client;
    victim.send(sendFrame('c-ana', 'private'));
    await victim.next('ack');
    const { client } = await connect(customerToken('mal'), { 'c-ana': 0, 'c-mal': 0 });
    const error = await client.next('error');
    assert.deepEqual([error.code, error.ref], ['forbidden', 'c-ana']);
    await client.sync();
    assert.equal(client.pending('message').length, 0);
  });

  it('keeps agents inside their own shop', async () => {
    const customer = (await connect(customerToken('ana'))).client;
    customer.send(sendFrame('c-ana', 'm1'));
    await customer.next('ack');
    const { client: outsider, welcome } = await connect(agentToken('spy', { shop: 'rival' }));
    assert.deepEqual(welcome.conversations, []);
    assert.equal(welcome.agentsOnline, 1);
    await customer.sync();
    assert.equal(customer.pending('presence').length, 0, 'another shop\'s agent is not our agent');
    // Ids are per shop: in the rival shop there is no c-ana at all.
    outsider.send(sendFrame('c-ana', 'spy-1'));
    assert.equal((await outsider.next('error')).code, 'not-found');
    outsider.send({ type: 'history', requestId: 'h1', conversationId: 'c-ana' });
    assert.equal((await outsider.next('error')).code, 'not-found');
    customer.send(sendFrame('c-ana', 'm2'));
    await customer.next('ack');
    await outsider.sync();
    assert.equal(outsider.pending('message').length, 0);
    assert.equal(world.relay.countMessages(), 2);
  });

  it('lets customers send only text, and agents system notes', async () => {
    const customer = (await connect(customerToken('ana'))).client;
    customer.send({ ...sendFrame('c-ana', 's1'), kind: 'system' });
    assert.deepEqual(await customer.next('error').then((e) => [e.code, e.ref]), ['forbidden', 's1']);
    customer.send({ ...sendFrame('c-ana', 's2'), kind: 'call-summary' });
    assert.equal((await customer.next('error')).code, 'forbidden');
    assert.equal(world.relay.countMessages(), 0);
    const agent = (await connect(agentToken('ag'))).client;
    agent.send({ ...sendFrame('c-ana', 'note'), kind: 'system', body: 'Ticket opened' });
    await agent.next('ack');
    assert.equal((await customer.next('message')).kind, 'system');
  });

  it("gives another shop's customer with the same conversation id a conversation of their own", async () => {
    const home = (await connect(customerToken('ana'))).client;
    home.send(sendFrame('c-ana', 'x0', 'in demo'));
    await home.next('ack');
    const { client, welcome } = await connect(customerToken('ana', { shop: 'rival' }));
    assert.deepEqual(welcome.conversations.map((c) => [c.id, c.lastSeq]), [['c-ana', 0]]);
    client.send(sendFrame('c-ana', 'x1', 'in rival'));
    assert.equal((await client.next('ack')).seq, 1);
    await home.sync();
    assert.equal(home.pending('message').length, 0, 'nothing crosses between the shops');
  });
});
