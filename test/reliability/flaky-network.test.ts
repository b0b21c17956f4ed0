/**
 * Flaky networks, with real SupportClients behind a TCP proxy that resets connections:
 * clients cut mid-send, a reconnect storm of many clients at once (jittered backoff), and a
 * client offline for an hour of simulated time whose token expired meanwhile. Nothing is lost,
 * nothing is shown twice, unread counts are right.
 *
 * Sizes: RELIABILITY_FLAKY_MESSAGES (480), RELIABILITY_STORM_CLIENTS (500), RELIABILITY_OFFLINE_HOURS (1).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BackoffReconnectPolicy } from '../../src/core/reconnect-policy.js';
import type { SupportClient } from '../../src/core/support-client.js';
import type { TokenFunction } from '../../src/tokens/types.js';
import {
  agentToken,
  createClient,
  customerToken,
  envNumber,
  expectViewMatchesStore,
  mintingTokens,
  reportFigures,
  runSeed,
  seededRandom,
  sleep,
  startTestRelay,
  storedMessages,
  until,
} from './reliability-harness.js';
import type { CountingRelayTransport, StoredRow } from './reliability-harness.js';
import { TcpProxy } from '../support/netem/tcp-proxy.js';

interface Member {
  id: string;
  client: SupportClient;
  transport: CountingRelayTransport;
  conversations: string[];
}

/** Messages of the conversation from someone other than `userId` after their read mark. */
function expectedUnread(rows: StoredRow[], userId: string, readUpTo = 0): number {
  return rows.filter((row) => row.fromId !== userId && row.seq > readUpTo).length;
}

function everySettled(members: Member[]): boolean {
  return members.every(
    (m) =>
      m.client.state === 'connected' &&
      m.conversations.every((c) => (m.client.conversation(c)?.messages ?? []).every((msg) => msg.seq !== undefined)),
  );
}

describe('flaky network', { timeout: 200_000 }, () => {
  it('loses and duplicates nothing when connections are reset mid-send, and keeps unread counts right', async (t) => {
    const seed = runSeed();
    const random = seededRandom(seed);
    const total = Math.floor(envNumber('RELIABILITY_FLAKY_MESSAGES', 480));
    const relay = await startTestRelay(t, { rateLimit: { perSecond: 200, burst: 400 } });
    const proxy = await TcpProxy.start(relay.port);
    t.after(() => proxy.close());
    const customers = Array.from({ length: 6 }, (_, i) => `flaky-${i}`);
    const conversations = customers.map((id) => `c-${id}`);
    const members: Member[] = [];
    t.after(() => members.forEach((m) => m.client.dispose()));
    const policy = new BackoffReconnectPolicy({ baseDelayMs: 30, maxDelayMs: 300, minDelayMs: 10 });
    for (const id of [...customers, 'agent-a', 'agent-b']) {
      const agent = id.startsWith('agent');
      const tokens = mintingTokens(() => (agent ? agentToken(id) : customerToken(id)));
      const { client, transport } = createClient({ url: proxy.url, tokens, policy, timeoutMs: 3000 });
      await client.connect();
      members.push({ id, client, transport, conversations: agent ? conversations : [`c-${id}`] });
    }
    await Promise.all(members.flatMap((m) => m.conversations.map((c) => m.client.openConversation(c))));

    // Everyone sends at once while the proxy resets random links (and now and then all of them).
    let cuts = 0;
    let sent = 0;
    let chaos = true;
    const cutter = (async () => {
      while (chaos) {
        await sleep(20 + random() * 120);
        if (random() < 0.1) cuts += proxy.cutAll();
        else if (proxy.cutOne(random())) cuts += 1;
      }
    })();
    while (sent < total) {
      const m = members[Math.floor(random() * members.length)] as Member;
      const c = m.conversations[Math.floor(random() * m.conversations.length)] as string;
      m.client.send(c, { body: `${m.id} says ${sent}` });
      sent += 1;
      if (random() < 0.8) await sleep(random() * 8);
    }
    await sleep(500);
    chaos = false;
    await cutter;
    // Let the last reset reach the clients before judging them settled.
    await sleep(300);
    await until(() => everySettled(members), () => 'every client connected with nothing left to send', 60_000, 50);

    const stored = storedMessages(relay.dataDir);
    const storedCount = [...stored.values()].reduce((n, rows) => n + rows.length, 0);
    assert.equal(storedCount, total, 'every message was stored once');
    for (const m of members) for (const c of m.conversations) await expectViewMatchesStore(m.client, c, stored, m.id);
    for (const m of members) {
      for (const c of m.conversations) {
        assert.equal(m.client.conversation(c)?.unread, expectedUnread(stored.get(c) ?? [], m.id), `${m.id}'s unread in ${c}`);
      }
    }

    // A read mark survives the next reset: agent-a reads one conversation, the links drop, it stays read.
    const agentA = members.find((m) => m.id === 'agent-a') as Member;
    const [first] = conversations as [string];
    agentA.client.markRead(first);
    assert.equal(agentA.client.conversation(first)?.unread, 0);
    await sleep(200);
    proxy.cutAll();
    await sleep(300);
    await until(() => everySettled(members), () => 'every client back after the last cut', 20_000);
    const customer = members.find((m) => m.conversations.length === 1 && m.conversations[0] === first) as Member;
    await until(
      () => customer.client.conversation(first)?.messages.filter((msg) => msg.mine).every((msg) => msg.status === 'read'),
      () => `${customer.id} to see its messages read by agent-a`,
      10_000,
    );
    assert.equal(agentA.client.conversation(first)?.unread, 0, 'read mark kept after reconnecting');
    const resent = members.reduce((n, m) => n + m.transport.resent(), 0);
    reportFigures(t, 'flaky-mid-send', { seed, clients: members.length, messages: total, stored: storedCount, connectionsReset: cuts, resent, duplicatesShown: 0 });
  });

  it(
    'sends a read mark made just before the link drops once it reconnects',
    async (t) => {
      const relay = await startTestRelay(t);
      const proxy = await TcpProxy.start(relay.port);
      t.after(() => proxy.close());
      const customer = createClient({ url: relay.url, tokens: mintingTokens(() => customerToken('reader')) });
      const agent = createClient({
        url: proxy.url,
        tokens: mintingTokens(() => agentToken('reader-agent')),
        policy: new BackoffReconnectPolicy({ baseDelayMs: 30, maxDelayMs: 100, minDelayMs: 10 }),
      });
      t.after(() => {
        customer.client.dispose();
        agent.client.dispose();
      });
      const c = 'c-reader';
      await customer.client.connect();
      await agent.client.connect();
      await agent.client.openConversation(c);
      customer.client.send(c, { body: 'is anyone there?' });
      await until(() => agent.client.conversation(c)?.unread === 1, () => 'the agent to get the message', 15_000);
      const states: string[] = [];
      agent.client.on('state', ({ state }) => states.push(state));
      // The link drops; in the same instant (before the reset is noticed) the agent reads the conversation.
      proxy.cutAll();
      agent.client.markRead(c);
      await until(() => states.includes('reconnecting') && agent.client.state === 'connected', () => `the agent to reconnect (${states.join(' ')})`, 15_000);
      await until(
        () => customer.client.conversation(c)?.messages.every((m) => m.status === 'read'),
        () => 'the customer to see its message read',
        3000,
      );
    },
  );

  it(
    'sends a read mark made offline only up to what the reader had seen',
    async (t) => {
      const relay = await startTestRelay(t);
      const proxy = await TcpProxy.start(relay.port);
      t.after(() => proxy.close());
      const customer = createClient({
        url: proxy.url,
        tokens: mintingTokens(() => customerToken('commuter')),
        policy: new BackoffReconnectPolicy({ baseDelayMs: 30, maxDelayMs: 100, minDelayMs: 10 }),
      });
      const agent = createClient({ url: relay.url, tokens: mintingTokens(() => agentToken('commuter-agent')) });
      t.after(() => {
        customer.client.dispose();
        agent.client.dispose();
      });
      const c = 'c-commuter';
      await customer.client.connect();
      await agent.client.connect();
      await customer.client.openConversation(c);
      await agent.client.openConversation(c);
      agent.client.send(c, { body: 'seen before the tunnel' });
      await until(() => customer.client.conversation(c)?.unread === 1, () => 'the first answer', 15_000);
      proxy.offline = true;
      proxy.cutAll();
      await until(() => customer.client.state === 'reconnecting', () => 'the customer to go offline', 15_000);
      // In the tunnel the customer reads what is on screen; meanwhile two more answers are stored.
      customer.client.markRead(c);
      agent.client.send(c, { body: 'sent into the tunnel 1' });
      agent.client.send(c, { body: 'sent into the tunnel 2' });
      await until(() => agent.client.conversation(c)?.messages.every((m) => m.seq !== undefined), () => 'the answers to be stored', 15_000);
      proxy.offline = false;
      await until(() => customer.client.state === 'connected' && customer.client.conversation(c)?.messages.length === 3, () => 'the customer back with 3 messages', 15_000);
      await sleep(300);
      assert.equal(customer.client.conversation(c)?.unread, 2, 'the two answers it never saw are unread');
      await until(() => agent.client.conversation(c)?.messages[0]?.status === 'read', () => 'the first answer to show as read', 15_000);
      assert.deepEqual(agent.client.conversation(c)?.messages.map((m) => m.status), ['read', 'delivered', 'delivered'], 'only the seen answer is read');
      // And the reader's unread count survives the next reconnect (its welcome carries the server's read mark).
      proxy.cutAll();
      await until(() => customer.client.state === 'connected', () => 'the customer to reconnect', 15_000);
      await sleep(300);
      assert.equal(customer.client.conversation(c)?.unread, 2, 'still two unread after reconnecting');
    },
  );

  it('survives a reconnect storm of many clients at once with jittered backoff', async (t) => {
    const count = Math.floor(envNumber('RELIABILITY_STORM_CLIENTS', 500));
    // 500 customers who would come from 500 addresses all come from 127.0.0.1 here: lift the per-address limits.
    const perAddress = { maxConnectionsPerIp: 100_000, helloRatePerIp: { perSecond: 100_000, burst: 100_000 } };
    const relay = await startTestRelay(t, { rateLimit: { perSecond: 1000, burst: 2000 }, ...perAddress });
    const proxy = await TcpProxy.start(relay.port);
    t.after(() => proxy.close());
    const customers: Member[] = [];
    t.after(() => customers.forEach((m) => m.client.dispose()));
    for (let i = 0; i < count; i += 1) {
      const id = `storm-${String(i).padStart(3, '0')}`;
      const { client, transport } = createClient({
        url: proxy.url,
        tokens: mintingTokens(() => customerToken(id)),
        policy: new BackoffReconnectPolicy({ baseDelayMs: 250, maxDelayMs: 2000, minDelayMs: 20 }),
        timeoutMs: 10_000,
      });
      customers.push({ id, client, transport, conversations: [`c-${id}`] });
    }
    // Connect in waves of 100 (the first connection is not the storm under test).
    for (let i = 0; i < customers.length; i += 100) {
      await Promise.all(customers.slice(i, i + 100).map(async (m) => {
        await m.client.connect();
        await m.client.openConversation(`c-${m.id}`);
      }));
    }
    const agent = createClient({ url: relay.url, tokens: mintingTokens(() => agentToken('storm-agent')) });
    t.after(() => agent.client.dispose());
    await agent.client.connect();

    // The network goes away for everyone; meanwhile each side writes once per conversation.
    proxy.offline = true;
    const dropped = proxy.cutAll();
    await until(() => customers.every((m) => m.client.state === 'reconnecting'), () => 'every customer to notice', 10_000);
    for (const m of customers) {
      m.client.send(`c-${m.id}`, { body: `${m.id} writes while offline` });
      agent.client.send(`c-${m.id}`, { body: `agent answers ${m.id}` });
    }
    await until(
      () => customers.every((m) => agent.client.conversation(`c-${m.id}`)?.messages.every((msg) => msg.seq !== undefined)),
      () => 'the agent\'s answers to be stored',
      30_000,
      50,
    );
    await sleep(1000);
    const attemptsWhileOffline = proxy.accepted;
    const back = Date.now();
    const reconnectedAt = new Map<string, number>();
    for (const m of customers) {
      m.client.on('state', ({ state }) => {
        if (state === 'connected' && !reconnectedAt.has(m.id)) reconnectedAt.set(m.id, Date.now() - back);
      });
    }
    proxy.offline = false;
    await until(() => reconnectedAt.size === customers.length, () => `${customers.length - reconnectedAt.size} customers to reconnect`, 60_000, 50);
    await until(() => everySettled(customers), () => 'every customer outbox to drain', 60_000, 50);

    const stored = storedMessages(relay.dataDir);
    for (const m of customers) {
      const c = `c-${m.id}`;
      const rows = stored.get(c) ?? [];
      assert.equal(rows.length, 2, `${c}: the customer's and the agent's message`);
      await expectViewMatchesStore(m.client, c, stored, m.id);
      assert.equal(m.client.conversation(c)?.unread, 1, `${m.id} has the agent's answer unread`);
    }
    await until(
      () => customers.every((m) => agent.client.conversation(`c-${m.id}`)?.unread === 1),
      () => `the agent's unread counts: ${customers.filter((m) => agent.client.conversation(`c-${m.id}`)?.unread !== 1).length} wrong`,
      20_000,
    );
    const times = [...reconnectedAt.values()].sort((a, b) => a - b);
    const at = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
    // Full jitter spreads the storm: the reconnections do not all land in the same instant.
    assert.ok(at(0.9) - at(0.1) >= 100, `reconnections spread over ${at(0.9) - at(0.1)} ms`);
    reportFigures(t, 'reconnect-storm', {
      clients: count,
      connectionsDropped: dropped,
      attemptsWhileOffline,
      attemptsTotal: proxy.accepted,
      reconnectP10Ms: at(0.1),
      reconnectP50Ms: at(0.5),
      reconnectP95Ms: at(0.95),
      reconnectMaxMs: times.at(-1) ?? 0,
      messages: count * 2,
      lost: 0,
      duplicatesShown: 0,
    });
  });

  it('brings a client back after an hour offline with an expired token: everything missed, nothing twice, unread right', async (t) => {
    const hours = envNumber('RELIABILITY_OFFLINE_HOURS', 1);
    // Simulated time: Date.now runs `offset` ahead for the server (token expiry, message times) and the client.
    const realNow = Date.now;
    let offset = 0;
    Date.now = () => realNow() + offset;
    t.after(() => {
      Date.now = realNow;
    });
    const relay = await startTestRelay(t, { rateLimit: { perSecond: 200, burst: 400 } });
    const proxy = await TcpProxy.start(relay.port);
    t.after(() => proxy.close());
    let mints = 0;
    // No expiresAt: the provider keeps the token until the server says it expired (the path under test).
    const tokens: TokenFunction = () => {
      mints += 1;
      return Promise.resolve(customerToken('sleeper', { exp: Math.floor(Date.now() / 1000) + 300 }));
    };
    const { client, transport } = createClient({
      url: proxy.url,
      tokens,
      policy: new BackoffReconnectPolicy({ baseDelayMs: 50, maxDelayMs: 400, minDelayMs: 20 }),
      timeoutMs: 3000,
    });
    t.after(() => client.dispose());
    const agent = createClient({ url: relay.url, tokens: mintingTokens(() => agentToken('day-shift')) });
    t.after(() => agent.client.dispose());
    const c = 'c-sleeper';
    await client.connect();
    await agent.client.connect();
    await client.openConversation(c);
    await agent.client.openConversation(c);
    for (let i = 0; i < 3; i += 1) {
      client.send(c, { body: `before ${i}` });
      agent.client.send(c, { body: `reply before ${i}` });
    }
    await until(() => client.conversation(c)?.messages.length === 6 && client.conversation(c)?.messages.every((m) => m.seq !== undefined), () => 'the first exchange', 15_000);
    await until(() => agent.client.conversation(c)?.messages.length === 6, () => 'the agent to see the first exchange', 15_000);
    client.markRead(c);
    agent.client.markRead(c);
    await sleep(100);

    proxy.offline = true;
    proxy.cutAll();
    await until(() => client.state === 'reconnecting', () => 'the customer to notice it is offline', 15_000);
    for (let i = 0; i < 5; i += 1) client.send(c, { body: `written offline ${i}` });
    for (let i = 0; i < 30; i += 1) agent.client.send(c, { body: `while you were away ${i}` });
    await until(() => agent.client.conversation(c)?.messages.every((m) => m.seq !== undefined), () => 'the agent\'s messages to be stored', 15_000);
    offset += hours * 3600_000;
    await sleep(500);
    proxy.offline = false;
    await until(() => client.state === 'connected' && client.conversation(c)?.messages.every((m) => m.seq !== undefined), () => 'the customer to come back and send its outbox', 15_000);

    const stored = storedMessages(relay.dataDir);
    const rows = stored.get(c) ?? [];
    assert.equal(rows.length, 6 + 5 + 30);
    await expectViewMatchesStore(client, c, stored, 'the customer');
    await expectViewMatchesStore(agent.client, c, stored, 'the agent');
    assert.equal(client.conversation(c)?.unread, 30, 'the customer has the 30 answers unread');
    await until(() => agent.client.conversation(c)?.unread === 5, () => `the agent's unread (${agent.client.conversation(c)?.unread}) to be 5`, 15_000);
    assert.equal(mints, 2, 'one new token after the server said the old one expired');
    const away = rows.filter((row) => row.body.startsWith('written offline'));
    assert.equal(away.length, 5);
    reportFigures(t, 'offline-hour', {
      simulatedOfflineHours: hours,
      missedWhileOffline: 30,
      writtenWhileOffline: 5,
      tokenRefreshes: mints - 1,
      resent: transport.resent(),
      unreadAfter: client.conversation(c)?.unread ?? -1,
      lost: 0,
      duplicatesShown: 0,
    });
  });
});
