/**
 * Routing on a real relay (issue 16): a conversation nobody has goes, with its customer's first
 * message, to the agent who last helped this customer when they are online and under capacity,
 * else round-robin over the online agents under capacity, else nobody. Plus the pure chooser.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { AgentPresence } from '../../../src/protocol/desk.js';
import { serveConfig } from '../../../server/cli-config.js';
import { routeTo } from '../../../server/routing.js';
import { agentToken, customerToken, relayPerTest, SECRET, sendFrame, tempDir } from './relay-harness.js';
import type { TestClient } from './relay-harness.js';
import { nextEvent, result } from './desk-harness.js';

const agent = (id: string, presence: AgentPresence, load: number, capacity: number, lastRoutedAt: number) => ({ id, presence, load, capacity, lastRoutedAt });

describe('routeTo', () => {
  it('prefers the last helper when online and under capacity', () => {
    const roster = [agent('a', 'online', 0, 5, 0), agent('b', 'online', 3, 5, 100)];
    assert.equal(routeTo(roster, 'b')?.id, 'b');
  });

  it('skips a last helper who is away, offline or full, then serves whom routing served longest ago', () => {
    assert.equal(routeTo([agent('a', 'online', 0, 5, 200), agent('b', 'away', 0, 5, 0), agent('c', 'online', 1, 5, 100)], 'b')?.id, 'c');
    assert.equal(routeTo([agent('a', 'online', 0, 5, 200), agent('b', 'online', 5, 5, 0)], 'b')?.id, 'a');
    assert.equal(routeTo([agent('a', 'offline', 0, 5, 0), agent('b', 'online', 2, 5, 0), agent('c', 'online', 1, 5, 0)])?.id, 'c', 'a tie goes to the lighter load');
  });

  it('is on unless SUPPORT_AUTO_ASSIGN says off', () => {
    const dir = tempDir();
    try {
      const env = { DATA_DIR: dir, SUPPORT_SECRET: SECRET };
      assert.equal(serveConfig([], env).autoAssign, undefined, 'the default: on');
      assert.equal(serveConfig([], { ...env, SUPPORT_AUTO_ASSIGN: 'off' }).autoAssign, false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives nobody when no online agent has room', () => {
    assert.equal(routeTo([agent('a', 'online', 2, 2, 0), agent('b', 'away', 0, 5, 0), agent('c', 'offline', 0, 5, 0)]), undefined);
  });
});

describe('routing on the relay', () => {
  const world = relayPerTest();

  /** A customer (of conversation `conversationId`) writes once; the conversation's assignee as the desk then shows it. */
  async function customerWrites(desk: TestClient, userId: string, conversationId: string): Promise<string | undefined> {
    const customer = (await world.connect(customerToken(userId, { conv: [conversationId] }))).client;
    customer.send(sendFrame(conversationId, `m-${conversationId}`));
    await customer.next('ack');
    const summary = await desk.next('conversation', (f) => f.conversation.id === conversationId && f.conversation.lastSeq >= 1 && f.conversation.lastMessage?.kind === 'text');
    await desk.sync();
    // The summary after routing, when there was one, is the last one queued for this conversation.
    const later = desk.pending('conversation').filter((f) => f.type === 'conversation' && f.conversation.id === conversationId);
    const last = later.at(-1);
    const assignee = last?.type === 'conversation' ? last.conversation.assignee : summary.conversation.assignee;
    return assignee?.id;
  }

  it('routes round-robin, sends a returning customer to their earlier agent, and skips agents away or full', async () => {
    const alex = (await world.connect(agentToken('alex'))).client;
    const bea = (await world.connect(agentToken('bea'))).client;

    assert.equal(await customerWrites(alex, 'ana', 'c-ana'), 'alex');
    const routed = await nextEvent(alex, 'c-ana');
    assert.deepEqual(routed.event, { v: 1, type: 'assigned', to: { id: 'alex', name: 'Agent alex' } }, 'routing is nobody’s doing: no by');
    assert.equal(routed.message.seq, 2, 'the event follows the message in the thread');

    assert.equal(await customerWrites(alex, 'bo', 'c-bo'), 'bea', 'round-robin: the next agent');
    assert.equal(await customerWrites(alex, 'cy', 'c-cy'), 'alex');
    assert.equal(await customerWrites(alex, 'ana', 'c-ana-2'), 'alex', 'round-robin would give bea: ana returns to alex, who helped her');

    await result(alex, { kind: 'presence', presence: 'away' }, 'agents');
    assert.equal(await customerWrites(alex, 'ana', 'c-ana-3'), 'bea', 'her earlier agent is away');

    const roster = await result(bea, { kind: 'presence', presence: 'online', capacity: 2 }, 'agents');
    assert.deepEqual(
      roster.agents.map((a) => [a.id, a.presence, a.load, a.capacity]),
      [['alex', 'away', 3, 5], ['bea', 'online', 2, 2]],
    );
    assert.equal(await customerWrites(alex, 'dee', 'c-dee'), undefined, 'nobody online has room: it waits unassigned');
  });

  it('leaves conversations unassigned while no agent is online, and routes the next message once one is', async () => {
    const customer = (await world.connect(customerToken('ana'))).client;
    customer.send(sendFrame('c-ana', 'm1'));
    await customer.next('ack');
    const alex = (await world.connect(agentToken('alex'))).client;
    const { welcome } = await world.connect(agentToken('bea'));
    assert.equal(welcome.conversations[0]?.assignee, undefined);
    customer.send(sendFrame('c-ana', 'm2'));
    await customer.next('ack');
    const { event } = await nextEvent(alex, 'c-ana');
    assert.equal(event.type, 'assigned');
  });

  it('does not route when the relay runs with autoAssign off', async () => {
    // A relay of its own, with the option off.
    const { startRelay, TestClient } = await import('./relay-harness.js');
    const relay = await startRelay({ autoAssign: false });
    try {
      const desk = (await TestClient.connect(relay.url, agentToken('alex'))).client;
      const customer = (await TestClient.connect(relay.url, customerToken('ana'))).client;
      customer.send(sendFrame('c-ana', 'm1'));
      await customer.next('ack');
      const summary = await desk.next('conversation', (f) => f.conversation.lastSeq === 1);
      assert.equal(summary.conversation.assignee, undefined);
      await desk.sync();
      assert.equal(desk.pending('message').filter((m) => m.type === 'message' && m.kind === 'event').length, 0);
      await Promise.all([desk.close(), customer.close()]);
    } finally {
      await relay.dispose();
    }
  });
});
