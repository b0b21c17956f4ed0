import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryStorage } from '../../../src/base/storage.js';
import { SupportClient } from '../../../src/core/support-client.js';
import { agoraBackend } from '../../../src/transports/agora/agora-backend.js';
import { relayBackend } from '../../../src/transports/relay/relay-backend.js';
import type { SupportError } from '../../../src/protocol/errors.js';
import type { ChatMessage } from '../../../src/core/types.js';
import type { TokenRequest } from '../../../src/tokens/types.js';
import { agentToken, customerToken, relayHarness, until } from './relay-harness.js';

const TIMEOUT = { timeout: 20_000 };

const bodies = (messages: readonly ChatMessage[] | undefined): string[] => (messages ?? []).map((m) => m.body);

describe('SupportClient against the real relay server', () => {
  it('sends and receives between a customer and an agent with ack, delivered and read statuses', TIMEOUT, async (t) => {
    const h = await relayHarness(t);
    const customer = h.client(customerToken('ann'));
    await customer.connect();
    assert.equal(customer.state, 'connected');
    assert.equal(customer.user?.id, 'ann');
    const cid = customer.primaryConversationId;
    assert.equal(cid, 'c-ann');

    const agent = h.client(agentToken('bob'));
    const agentMessages: ChatMessage[] = [];
    agent.on('message', ({ message, isNew }) => {
      if (isNew) agentMessages.push(message);
    });
    await agent.connect();
    await until(() => customer.agentsOnline === 1, 'presence of the agent');
    assert.ok(agent.conversations().some((c) => c.id === cid), 'the agent sees the customer conversation');

    const sent = customer.send(cid, { body: 'The screen flickers' });
    assert.equal(sent.status, 'sending');
    assert.equal(sent.mine, true);
    assert.equal(customer.conversation(cid)?.messages.at(-1)?.status, 'sending');

    await until(() => agentMessages.find((m) => m.body === 'The screen flickers'), 'the agent receiving it');
    const delivered = await until(
      () => customer.conversation(cid)?.messages.find((m) => m.clientMsgId === sent.clientMsgId && m.status === 'delivered'),
      'delivered status from the agent client',
    );
    assert.equal(delivered.seq, 1);
    assert.equal(agent.conversation(cid)?.unread, 1);

    agent.markRead(cid);
    assert.equal(agent.conversation(cid)?.unread, 0);
    await until(() => customer.conversation(cid)?.messages[0]?.status === 'read', 'read status');

    const unreadEvents: number[] = [];
    customer.on('unread', ({ conversationId, unread }) => {
      if (conversationId === cid) unreadEvents.push(unread);
    });
    const reply = agent.send(cid, { body: 'Which model is it?' });
    await until(() => agent.conversation(cid)?.messages.find((m) => m.clientMsgId === reply.clientMsgId && m.seq === 2), 'ack of the reply');
    const received = await until(() => customer.conversation(cid)?.messages.find((m) => m.body === 'Which model is it?'), 'reply');
    assert.equal(received.mine, false);
    assert.equal(received.from.id, 'bob');
    assert.equal(customer.conversation(cid)?.unread, 1);
    customer.markRead(cid);
    assert.deepEqual(unreadEvents, [1, 0]);
    await until(() => agent.conversation(cid)?.messages.find((m) => m.seq === 2)?.status === 'read', 'reply read by the customer');
    assert.deepEqual(bodies(customer.conversation(cid)?.messages), ['The screen flickers', 'Which model is it?']);
  });

  it('shows my message sent from another tab as mine in this tab', TIMEOUT, async (t) => {
    const h = await relayHarness(t);
    const tabA = h.client(customerToken('tabs'));
    const tabB = h.client(customerToken('tabs'));
    await Promise.all([tabA.connect(), tabB.connect()]);
    const cid = 'c-tabs';
    const sent = tabA.send(cid, { body: 'from tab A' });
    const echoed = await until(() => tabB.conversation(cid)?.messages.find((m) => m.clientMsgId === sent.clientMsgId), 'echo in tab B');
    assert.equal(echoed.mine, true);
    assert.equal(echoed.status, 'sent');
    assert.equal(tabB.conversation(cid)?.unread, 0, 'my own message is not unread');
  });

  it('sends the configured product context with the conversation, and passes call signals through', TIMEOUT, async (t) => {
    const h = await relayHarness(t);
    const agent = h.client(agentToken('bob'));
    await agent.connect();
    const signals: string[] = [];
    agent.on('signal', (signal) => signals.push(`${signal.action}:${signal.from.id}`));
    const context = { sku: 'PX-7', name: 'Pixel phone', serial: 'SN123', orderId: 'O-9' };
    const customer = h.client(customerToken('ctx'), { context });
    await customer.connect();
    const cid = 'c-ctx';
    await until(() => agent.conversation(cid)?.context?.sku === 'PX-7', 'context at the agent');
    assert.deepEqual(agent.conversation(cid)?.context, context);
    await customer.sendSignal({ conversationId: cid, callId: 'call-1', action: 'invite' });
    await until(() => signals.includes('invite:ctx'), 'signal at the agent');
  });

  it('shows typing and clears it when the typist stops', TIMEOUT, async (t) => {
    const h = await relayHarness(t);
    const customer = h.client(customerToken('cy'));
    const agent = h.client(agentToken('bob'));
    await Promise.all([customer.connect(), agent.connect()]);
    const cid = 'c-cy';
    agent.setTyping(cid, true);
    await until(() => customer.conversation(cid)?.typing.some((u) => u.id === 'bob'), 'agent typing');
    agent.setTyping(cid, false);
    await until(() => customer.conversation(cid)?.typing.length === 0, 'typing cleared');
  });

  it('loads history newest page first, then older pages until there are no more', TIMEOUT, async (t) => {
    const h = await relayHarness(t);
    const writer = h.client(customerToken('hist'));
    await writer.connect();
    const cid = 'c-hist';
    for (let i = 1; i <= 55; i++) writer.send(cid, { body: `m${i}` });
    await until(() => writer.conversation(cid)?.messages.every((m) => m.status !== 'sending'), 'all acked');

    const agent = h.client(agentToken('bob'));
    await agent.connect();
    assert.equal(agent.conversation(cid)?.hasMore, true);
    await agent.openConversation(cid);
    const view = agent.conversation(cid);
    assert.equal(view?.messages.length, 50);
    assert.equal(view?.messages[0]?.seq, 6);
    assert.equal(view?.hasMore, true);
    await agent.loadOlder(cid, 50);
    const all = agent.conversation(cid);
    assert.deepEqual(
      all?.messages.map((m) => m.seq),
      Array.from({ length: 55 }, (_, i) => i + 1),
    );
    assert.equal(all?.hasMore, false);
    assert.equal(agent.conversation(cid)?.unread, 55);
  });

  it('resumes after a disconnect with the missed messages, once each', TIMEOUT, async (t) => {
    const h = await relayHarness(t);
    const customer = h.client(customerToken('res'));
    const agent = h.client(agentToken('bob'));
    await Promise.all([customer.connect(), agent.connect()]);
    const cid = 'c-res';
    await customer.openConversation(cid);
    agent.send(cid, { body: 'one' });
    await until(() => customer.conversation(cid)?.messages.length === 1, 'first message');
    customer.disconnect();
    assert.equal(customer.state, 'disconnected');
    agent.send(cid, { body: 'two' });
    agent.send(cid, { body: 'three' });
    await until(() => agent.conversation(cid)?.messages.every((m) => m.seq !== undefined), 'agent acks');
    const announced: string[] = [];
    customer.on('message', ({ message, isNew }) => {
      if (isNew) announced.push(message.body);
    });
    await customer.connect();
    await until(() => customer.conversation(cid)?.messages.length === 3, 'missed messages');
    assert.deepEqual(bodies(customer.conversation(cid)?.messages), ['one', 'two', 'three']);
    assert.deepEqual(announced, ['two', 'three']);
    assert.equal(customer.conversation(cid)?.unread, 3);
  });

  it('reconnects after a server restart, flushes the outbox in order and duplicates nothing', TIMEOUT, async (t) => {
    const h = await relayHarness(t);
    const customer = h.client(customerToken('rst'));
    const states: string[] = [];
    customer.on('state', ({ state }) => states.push(state));
    await customer.connect();
    const cid = 'c-rst';
    await customer.openConversation(cid);
    customer.send(cid, { body: 'before' });
    await until(() => customer.conversation(cid)?.messages[0]?.status === 'sent', 'first ack');

    await h.stop();
    await until(() => customer.state === 'reconnecting', 'reconnecting state');
    const offline = ['while down 1', 'while down 2', 'while down 3'].map((body) => customer.send(cid, { body }));
    assert.ok(offline.every((m) => m.status === 'sending'));
    await h.restart();
    await until(() => customer.state === 'connected', 'reconnected', 8000);
    await until(() => customer.conversation(cid)?.messages.every((m) => m.status === 'sent'), 'outbox flushed');
    const view = customer.conversation(cid);
    assert.deepEqual(bodies(view?.messages), ['before', 'while down 1', 'while down 2', 'while down 3']);
    assert.deepEqual(
      view?.messages.map((m) => m.seq),
      [1, 2, 3, 4],
    );
    assert.ok(states.includes('reconnecting'));

    const agent = h.client(agentToken('bob'));
    await agent.connect();
    await agent.openConversation(cid);
    assert.deepEqual(bodies(agent.conversation(cid)?.messages), ['before', 'while down 1', 'while down 2', 'while down 3']);
  });

  it('keeps the outbox across a reload: a new client with the same storage sends it', TIMEOUT, async (t) => {
    const h = await relayHarness(t);
    const storage = new MemoryStorage();
    const token = customerToken('reload');
    const cid = 'c-reload';
    const first = h.client(token, { storage });
    await first.connect();
    first.disconnect();
    const queued = first.send(cid, { body: 'typed offline' });
    assert.equal(queued.status, 'sending');
    first.dispose();
    // The outbox code loads at the first send; what was sent is persisted once it has arrived.
    await until(() => storage.getItem('support-widget:outbox:reload')?.includes('typed offline'), 'persisted under the user id');

    const second = h.client(token, { storage });
    await second.connect();
    const sent = await until(
      () => second.conversation(cid)?.messages.find((m) => m.clientMsgId === queued.clientMsgId && m.status === 'sent'),
      'outbox sent after reload',
    );
    assert.equal(sent.seq, 1);
    // Only the sent id stays behind (for a while), so another tab does not bring the message back.
    const left = JSON.parse(storage.getItem('support-widget:outbox:reload') ?? '{}') as { entries?: unknown[]; removed?: object };
    assert.deepEqual(left.entries, [], 'outbox emptied after the ack');
    assert.deepEqual(Object.keys(left.removed ?? {}), [queued.clientMsgId]);

    const agent = h.client(agentToken('bob'));
    await agent.connect();
    await agent.openConversation(cid);
    assert.deepEqual(bodies(agent.conversation(cid)?.messages), ['typed offline']);
  });

  it('refreshes an expired token with forceRefresh and connects', TIMEOUT, async (t) => {
    const h = await relayHarness(t);
    const requests: TokenRequest[] = [];
    const client = h.client(async (request: TokenRequest) => {
      requests.push(request);
      return request.forceRefresh ? customerToken('exp') : customerToken('exp', -60);
    });
    await client.connect();
    assert.equal(client.state, 'connected');
    assert.deepEqual(
      requests.map((r) => r.forceRefresh === true),
      [false, true],
    );
  });

  it('rejects connect() on a bad token without retrying', TIMEOUT, async (t) => {
    const h = await relayHarness(t);
    let calls = 0;
    const client = h.client(async () => {
      calls++;
      return 'not-a-token';
    });
    await assert.rejects(client.connect(), (error: SupportError) => error.code === 'unauthorized');
    assert.equal(client.state, 'disconnected');
    assert.equal(calls, 1);
  });

  it('marks a message the server refuses as failed, and lets it be retried or discarded', TIMEOUT, async (t) => {
    const h = await relayHarness(t);
    const customer = h.client(customerToken('bad'));
    const errors: string[] = [];
    customer.on('error', (error) => errors.push(error.code));
    await customer.connect();
    const cid = 'c-bad';
    // Customers may only send text: the server answers `forbidden` for this clientMsgId.
    const refused = customer.send(cid, { body: 'pretend system', kind: 'system' });
    const failed = await until(
      () => customer.conversation(cid)?.messages.find((m) => m.clientMsgId === refused.clientMsgId && m.status === 'failed'),
      'failed status',
    );
    assert.equal(failed.error?.code, 'forbidden');
    assert.ok(errors.includes('forbidden'));
    const fine = customer.send(cid, { body: 'normal text' });
    await until(() => customer.conversation(cid)?.messages.find((m) => m.clientMsgId === fine.clientMsgId)?.status === 'sent', 'later message still sent');
    customer.retry(cid, refused.clientMsgId);
    await until(() => customer.conversation(cid)?.messages.find((m) => m.clientMsgId === refused.clientMsgId)?.status === 'failed', 'failed again');
    customer.discard(cid, refused.clientMsgId);
    assert.deepEqual(bodies(customer.conversation(cid)?.messages), ['normal text']);
  });

  it('refuses another customer conversation (forbidden) and keeps its own working', TIMEOUT, async (t) => {
    const h = await relayHarness(t);
    const customer = h.client(customerToken('eve'));
    await customer.connect();
    const intrusion = customer.send('c-someone-else', { body: 'hi' });
    const failed = await until(
      () => customer.conversation('c-someone-else')?.messages.find((m) => m.clientMsgId === intrusion.clientMsgId && m.status === 'failed'),
      'forbidden',
    );
    assert.equal(failed.error?.code, 'forbidden');
  });
});

describe('SupportClient configuration', () => {
  it('on the agora backend outside a page, connect fails with config: no relay to exchange the token at', async () => {
    const client = new SupportClient({ backend: agoraBackend(), tokenProvider: () => Promise.resolve('t'), storage: null });
    await assert.rejects(client.connect(), (error: SupportError) => error.code === 'config' && /server/.test(error.message));
    client.dispose();
  });

  it('throws a config error without a server URL outside a page', () => {
    assert.throws(
      () => new SupportClient({ backend: relayBackend(), tokenProvider: () => Promise.resolve('t') }),
      (error: SupportError) => error.code === 'config' && /server/.test(error.message),
    );
  });

  it('throws a config error without a backend', () => {
    assert.throws(
      () => new SupportClient({ tokenProvider: () => Promise.resolve('t') }),
      (error: SupportError) => error.code === 'config' && /relayBackend/.test(error.message),
    );
  });
});
