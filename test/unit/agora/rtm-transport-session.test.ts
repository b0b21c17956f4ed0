import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SupportError } from '../../../src/protocol/errors.js';
import { record, RtmWorld, sleep, waitFor } from './rtm-world.js';

const text = (clientMsgId: string, conversationId: string, body: string) => ({ clientMsgId, conversationId, kind: 'text' as const, body });

describe('Agora RTM transport: session life', () => {
  let world: RtmWorld;
  afterEach(() => world.close());

  it('maps link-state failures to close: expired token retryable, same user elsewhere final', async () => {
    world = new RtmWorld();
    const { transport } = await world.connected('c1', 'customer');
    const closed = waitFor(transport, 'close');
    world.network.link('c1', 'FAILED', 'TOKEN_EXPIRED');
    const close = await closed;
    assert.equal(close.error?.code, 'token-expired');
    assert.equal(close.retryable, true);

    const again = await world.connected('c2', 'customer');
    const kicked = waitFor(again.transport, 'close');
    await world.connected('c2', 'customer'); // the same user logs in from another tab
    const kick = await kicked;
    assert.equal(kick.retryable, false);
    assert.equal(kick.error?.code, 'closed');
  });

  it('a long outage (SUSPENDED) closes with a retryable network error; the transport can connect again', async () => {
    world = new RtmWorld();
    const { transport } = await world.connected('c1', 'customer');
    const closes = record(transport, 'close');
    world.network.link('c1', 'SUSPENDED', 'KEEP_ALIVE_TIMEOUT');
    await waitFor(transport, 'close');
    assert.deepEqual(closes.map((c) => [c.error?.code, c.retryable]), [['network', true]]);
    await assert.rejects(transport.send(text('m', 'c1', 'x')), (e: unknown) => e instanceof SupportError && e.code === 'closed');
    const welcome = await transport.connect({ token: 'token:c1', resume: {} });
    assert.equal(welcome.user.id, 'c1');
    await transport.send(text('m2', 'c1', 'back'));
    assert.equal(closes.length, 1);
  });

  it('renews the token when RTM warns, through onTokenWillExpire', async () => {
    world = new RtmWorld({ checkToken: (user, token) => token === `token:${user}` || token === `fresh:${user}` });
    let asked = 0;
    const { transport } = await world.connected('c1', 'customer', {
      onTokenWillExpire: async () => {
        asked += 1;
        return 'fresh:c1';
      },
    });
    const warned = new Promise((resolve) => transport.on('token-will-expire', resolve));
    world.network.warnTokenExpiry('c1');
    assert.deepEqual(await warned, { renewing: true });
    await sleep(30);
    assert.equal(asked, 1);
    assert.deepEqual(world.network.renewed.get('c1'), ['fresh:c1']);
  });

  it('reports a failed renewal as an error event and keeps the session', async () => {
    world = new RtmWorld();
    const { transport } = await world.connected('c1', 'customer', { onTokenWillExpire: async () => 'rejected-token' });
    const error = waitFor(transport, 'error');
    world.network.warnTokenExpiry('c1');
    assert.equal((await error).code, 'unauthorized');
    await transport.send(text('still', 'c1', 'still here'));
  });

  it('counts agents online for customers and relays presence both ways', async () => {
    world = new RtmWorld();
    const agent = await world.connected('a1', 'agent', { conversations: ['c1'] });
    assert.equal(agent.welcome.agentsOnline, 0, 'agents do not count themselves');
    const customerSeen = waitFor(agent.transport, 'presence', (p) => p.user?.id === 'c1' && p.online === true);
    const customer = await world.connected('c1', 'customer');
    assert.equal(customer.welcome.agentsOnline, 1);
    const seen = await customerSeen;
    assert.equal(seen.user?.role, 'customer');
    const left = waitFor(customer.transport, 'presence', (p) => p.user?.id === 'a1' && p.online === false);
    agent.transport.disconnect();
    assert.equal((await left).agentsOnline, 0);
  });

  it('agents learn about a new conversation from the queue, with its first message, and follow it', async () => {
    world = new RtmWorld();
    const agent = await world.connected('a1', 'agent');
    const customer = await world.connected('c7', 'customer', { conversations: ['conv-7'] });
    const conversation = await waitFor(agent.transport, 'conversation', (c) => c.id === 'conv-7');
    assert.deepEqual(conversation.customer, { id: 'c7', name: 'Customer c7' });
    const first = waitFor(agent.transport, 'message', (m) => m.clientMsgId === 'hello-7');
    await customer.transport.send(text('hello-7', 'conv-7', 'my laptop will not boot'));
    assert.equal((await first).body, 'my laptop will not boot');
    const typing = waitFor(agent.transport, 'typing', (t) => t.conversationId === 'conv-7');
    await sleep(30); // the agent's subscription to conv-7 completes
    customer.transport.setTyping('conv-7', true);
    assert.equal((await typing).user.id, 'c7');
    const reply = waitFor(customer.transport, 'message', (m) => m.clientMsgId === 'reply-7');
    await agent.transport.send({ ...text('reply-7', 'conv-7', 'hold the power button'), kind: 'text' });
    assert.equal((await reply).from.role, 'agent');
  });

  it('a customer re-announces waiting conversations when an agent comes online', async () => {
    world = new RtmWorld();
    await world.connected('c8', 'customer', { conversations: ['conv-8'], presencePollMs: 50 });
    const agent = await world.connected('a1', 'agent');
    const conversation = await waitFor(agent.transport, 'conversation', (c) => c.id === 'conv-8', 1_000);
    assert.equal(conversation.customer.id, 'c8');
  });

  it('after connecting, emits the stored messages missed since resume, in order, once', async () => {
    world = new RtmWorld();
    const customer = await world.connected('c1', 'customer');
    const acks = [];
    for (const id of ['m1', 'm2', 'm3']) acks.push(await customer.transport.send(text(id, 'c1', id)));
    const agent = world.transport('a1', 'agent', { conversations: ['c1'] });
    const messages = record(agent, 'message');
    await agent.connect({ token: 'token:a1', resume: { c1: acks[0]!.seq } });
    assert.equal(messages.length, 0, 'nothing before connect() resolved');
    await sleep(50);
    assert.deepEqual(messages.map((m) => m.clientMsgId), ['m2', 'm3']);
  });

  it('without RTM history enabled, history is empty and warns once', async () => {
    world = new RtmWorld({ historyEnabled: false });
    const { transport } = await world.connected('c1', 'customer');
    const errors = record(transport, 'error');
    await transport.send(text('m1', 'c1', 'not stored'));
    assert.deepEqual(await transport.history('c1'), { messages: [], hasMore: false });
    assert.deepEqual(await transport.history('c1'), { messages: [], hasMore: false });
    await sleep(10);
    assert.deepEqual(errors.map((e) => [e.code, e.retryable]), [['config', false]]);
  });

  it('receipts update the sender’s conversation summary announced to agents', async () => {
    world = new RtmWorld();
    const agent = await world.connected('a1', 'agent', { conversations: ['c1'] });
    const customer = await world.connected('c1', 'customer');
    const ack = await customer.transport.send(text('m1', 'c1', 'hi'));
    const receipt = waitFor(customer.transport, 'receipt');
    agent.transport.sendReceipt('c1', 'read', ack.seq);
    assert.deepEqual(await receipt, { conversationId: 'c1', userId: 'a1', kind: 'read', upTo: ack.seq });
    const context = waitFor(agent.transport, 'conversation', (c) => c.context?.orderId === 'O-9');
    customer.transport.setContext('c1', { orderId: 'O-9', sku: 'TV-55' });
    assert.equal((await context).context?.sku, 'TV-55');
  });

  it('a returning customer’s welcome carries the last message; an empty resume replays nothing', async () => {
    world = new RtmWorld();
    const first = await world.connected('c1', 'customer');
    const ack = await first.transport.send(text('old-1', 'c1', 'yesterday'));
    first.transport.disconnect();
    const again = world.transport('c1', 'customer');
    const messages = record(again, 'message');
    const welcome = await again.connect({ token: 'token:c1', resume: {} });
    assert.equal(welcome.conversations[0]?.lastMessage?.clientMsgId, 'old-1');
    assert.equal(welcome.conversations[0]?.lastSeq, ack.seq);
    await sleep(30);
    assert.equal(messages.length, 0);
  });

  it('an agent at RTM’s 50-channel limit drops the quietest conversation to follow a new one', async () => {
    world = new RtmWorld();
    const agent = await world.connected('a1', 'agent');
    const errors = record(agent.transport, 'error');
    for (let i = 1; i <= 50; i++) {
      const followed = waitFor(agent.transport, 'conversation', (c) => c.id === `conv-${i}`);
      await world.connected(`c${i}`, 'customer', { conversations: [`conv-${i}`], presencePollMs: 0 });
      await followed;
      await sleep(5);
    }
    await sleep(30);
    const followedBy = (userId: string) =>
      [...world.network.channels].filter(([, channel]) => channel.members.has(userId)).map(([name]) => name);
    const channels = followedBy('a1');
    assert.equal(channels.length, 50);
    assert.ok(channels.includes('support.queue') && channels.includes('support.conv-50'));
    assert.ok(!channels.includes('support.conv-1'), 'the quietest (oldest) conversation was dropped');
    assert.deepEqual(errors, []);
  });

  it('after RTM restores a dropped link it fetches the gap; without restored channels it closes', async () => {
    world = new RtmWorld();
    const agent = await world.connected('a1', 'agent', { conversations: ['c1'] });
    const customer = await world.connected('c1', 'customer');
    await customer.transport.send(text('before', 'c1', 'before the drop'));
    await waitFor(agent.transport, 'message', (m) => m.clientMsgId === 'before');
    world.network.link('a1', 'DISCONNECTED', 'KEEP_ALIVE_TIMEOUT');
    await sleep(10);
    // Stored while the agent was away: RTM does not replay it, our catch-up must.
    const rooms = [world.network.channel('support.c1'), world.network.channel('support.queue')];
    const away = rooms.map((room) => room.members.get('a1'));
    for (const room of rooms) room.members.delete('a1');
    await customer.transport.send(text('during', 'c1', 'during the drop'));
    await sleep(20); // the queue announcement is published after the ack
    rooms.forEach((room, i) => {
      const member = away[i];
      if (member) room.members.set('a1', member);
    });
    const caughtUp = waitFor(agent.transport, 'message', (m) => m.clientMsgId === 'during');
    world.network.link('a1', 'CONNECTED', 'RECONNECT_SUCCESS', { isResumed: true });
    assert.equal((await caughtUp).body, 'during the drop');

    const closed = waitFor(agent.transport, 'close');
    world.network.link('a1', 'DISCONNECTED', 'KEEP_ALIVE_TIMEOUT');
    world.network.link('a1', 'CONNECTED', 'RECONNECT_SUCCESS', { isResumed: false });
    const close = await closed;
    assert.deepEqual([close.error?.code, close.retryable], ['network', true]);
  });
});
