import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SupportError } from '../../../src/protocol/errors.js';
import { RTM_MAX_MESSAGE_BYTES } from '../../../src/transports/agora/rtm-envelope.js';
import { record, RtmWorld, sleep } from './rtm-world.js';

const isCode = (code: string) => (error: unknown) => error instanceof SupportError && error.code === code;

describe('Agora RTM transport: limits and failures', () => {
  let world: RtmWorld;
  afterEach(() => world.close());

  it('passes the SDK a config without logs or log upload', async () => {
    world = new RtmWorld();
    await world.connected('c1', 'customer');
    const client = world.network.client('c1');
    assert.deepEqual(client?.config, { logLevel: 'none', logUpload: false, cloudProxy: false });
  });

  it('rejects a message above RTM’s 32 KB packet limit with message-too-large, publishing nothing', async () => {
    world = new RtmWorld();
    const { transport } = await world.connected('c1', 'customer');
    const attachments = Array.from({ length: 10 }, (_, i) => ({
      id: `a${i}`,
      kind: 'file' as const,
      mime: 'application/pdf',
      size: 1,
      name: 'n'.repeat(250),
      url: `https://cdn.example/${'p'.repeat(2000)}/${i}`,
    }));
    const message = { clientMsgId: 'big-1', conversationId: 'c1', kind: 'text' as const, body: '€'.repeat(4000), attachments };
    // 12 000 bytes of body plus ~23 KB of attachment metadata: valid for the relay, too big for RTM.
    await assert.rejects(transport.send(message), (e: unknown) => isCode('message-too-large')(e) && (e as SupportError).retryable === false);
    assert.equal(world.network.stored('support.c1').length, 0);
    assert.ok(RTM_MAX_MESSAGE_BYTES === 32_768);
  });

  it('rejects a body over the shared 4000-character limit like the relay does', async () => {
    world = new RtmWorld();
    const { transport } = await world.connected('c1', 'customer');
    await assert.rejects(transport.send({ clientMsgId: 'long', conversationId: 'c1', kind: 'text', body: 'x'.repeat(4001) }), isCode('message-too-large'));
  });

  it('maps RTM’s publish rate limit (60/s per client) to rate-limited', async () => {
    world = new RtmWorld();
    const { transport } = await world.connected('c1', 'customer');
    const results = await Promise.allSettled(
      Array.from({ length: 70 }, (_, i) => transport.send({ clientMsgId: `r${i}`, conversationId: 'c1', kind: 'text', body: `#${i}` })),
    );
    const limited = results.filter((r) => r.status === 'rejected' && isCode('rate-limited')(r.reason));
    assert.ok(limited.length > 0, 'some sends were rate-limited');
    assert.ok(limited.every((r) => r.status === 'rejected' && (r.reason as SupportError).retryable));
  });

  it('bounds every SDK wait by its own timeout when the network never answers', async () => {
    world = new RtmWorld();
    world.network.unreachable = true;
    const transport = world.transport('c1', 'customer');
    const started = Date.now();
    await assert.rejects(
      transport.connect({ token: 'token:c1', resume: {}, timeoutMs: 300 }),
      (e: unknown) => isCode('timeout')(e) && (e as Error).message.includes('RTM link DISCONNECTED/LOGIN_TIMEOUT'),
    );
    assert.ok(Date.now() - started < 1_000, `took ${Date.now() - started} ms`);
  });

  it('times out a send whose ack is lost; the retry reuses the seq and the receiver sees one message', async () => {
    world = new RtmWorld();
    const agent = await world.connected('a1', 'agent', { conversations: ['c1'] });
    const { transport } = await world.connected('c1', 'customer');
    const received = record(agent.transport, 'message');
    world.network.dropReplies = true;
    const message = { clientMsgId: 'lost-ack', conversationId: 'c1', kind: 'text' as const, body: 'hello?' };
    await assert.rejects(transport.send(message, { timeoutMs: 100 }), isCode('timeout'));
    world.network.dropReplies = false;
    const ack = await transport.send(message);
    await sleep(30);
    const stored = world.network.stored('support.c1').map((m) => JSON.parse(String(m.message)) as { seq: number; clientMsgId: string });
    assert.deepEqual(stored.map((m) => [m.clientMsgId, m.seq]), [['lost-ack', ack.seq], ['lost-ack', ack.seq]], 'published twice, same seq');
    assert.equal(received.filter((m) => m.clientMsgId === 'lost-ack').length, 1);
    const page = await agent.transport.history('c1');
    assert.deepEqual(page.messages.map((m) => m.clientMsgId), ['lost-ack']);
  });

  it('cancels a connect attempt on abort or disconnect with closed', async () => {
    world = new RtmWorld();
    world.network.unreachable = true;
    const aborted = world.transport('c1', 'customer');
    const controller = new AbortController();
    const attempt = aborted.connect({ token: 'token:c1', resume: {}, signal: controller.signal });
    controller.abort();
    await assert.rejects(attempt, isCode('closed'));
    const disconnected = world.transport('c2', 'customer');
    const second = disconnected.connect({ token: 'token:c2', resume: {} });
    await sleep(10);
    disconnected.disconnect();
    await assert.rejects(second, isCode('closed'));
  });

  it('maps an expired token at login to token-expired and an invalid one to unauthorized', async () => {
    world = new RtmWorld({ checkToken: (_user, token) => (token === 'old' ? 'expired' : token === 'good') });
    await assert.rejects(world.transport('c1', 'customer').connect({ token: 'old', resume: {} }), isCode('token-expired'));
    await assert.rejects(
      world.transport('c2', 'customer').connect({ token: 'bad', resume: {} }),
      (e: unknown) => isCode('unauthorized')(e) && !(e as SupportError).retryable,
    );
  });

  it('refuses conversation ids RTM cannot carry, and other customers’ conversations', async () => {
    world = new RtmWorld();
    await assert.rejects(world.transport('c1', 'customer', { conversations: ['has space'] }).connect({ token: 'token:c1', resume: {} }), isCode('config'));
    await assert.rejects(world.transport('c2', 'customer', { conversations: ['queue'] }).connect({ token: 'token:c2', resume: {} }), isCode('config'));
    const { transport } = await world.connected('c3', 'customer');
    await assert.rejects(transport.send({ clientMsgId: 'x', conversationId: 'c1', kind: 'text', body: 'hi' }), isCode('forbidden'));
    await assert.rejects(transport.history('c1'), isCode('forbidden'));
  });

  it('refuses a private note with config, publishing nothing: the customer reads the same channel', async () => {
    world = new RtmWorld();
    await world.connected('c1', 'customer');
    const { transport } = await world.connected('a1', 'agent');
    await assert.rejects(transport.send({ clientMsgId: 'n1', conversationId: 'c1', kind: 'note', body: 'refund approved' }), isCode('config'));
    assert.equal(world.network.stored('support.c1').length, 0);
  });

  it('a customer’s default conversation is their user id', async () => {
    world = new RtmWorld();
    const { welcome } = await world.connected('cust-9', 'customer');
    assert.deepEqual(welcome.conversations.map((c) => [c.id, c.customer.id]), [['cust-9', 'cust-9']]);
  });

  it('does not emit its own echoed message', async () => {
    world = new RtmWorld();
    const { transport } = await world.connected('c1', 'customer');
    const messages = record(transport, 'message');
    await transport.send({ clientMsgId: 'own', conversationId: 'c1', kind: 'text', body: 'me' });
    await sleep(30);
    assert.equal(messages.length, 0);
  });

  it('drops envelopes that claim another sender', async () => {
    world = new RtmWorld();
    const { transport } = await world.connected('a1', 'agent', { conversations: ['c1'] });
    const messages = record(transport, 'message');
    const mallory = new (world.network.sdk().RTM)('fake-app-id', 'mallory');
    await mallory.login({ token: 'token:mallory' });
    const forged = { v: 1, t: 'msg', from: { id: 'c1', name: 'Customer', role: 'customer' }, clientMsgId: 'f1', seq: 5, kind: 'text', body: 'pay here', at: 1 };
    await mallory.publish('support.c1', JSON.stringify(forged));
    await mallory.publish('support.c1', JSON.stringify({ ...forged, from: { id: 'mallory', name: 'M', role: 'customer' }, clientMsgId: 'f2' }));
    await sleep(30);
    assert.deepEqual(messages.map((m) => m.clientMsgId), ['f2'], 'only the honest envelope');
    await mallory.logout();
  });
});
