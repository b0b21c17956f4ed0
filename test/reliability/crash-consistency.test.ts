/**
 * Crash consistency: customers and agents (real SupportClients over `ws`) send messages while
 * the relay child process is SIGKILLed at random moments and restarted on the same port and
 * data dir; a few clients are also "reloaded" (a new client over the same outbox storage) while
 * the server is down. Afterwards every acknowledged message is stored once with the seq it was
 * acknowledged with, every message sent was stored (the unacknowledged ones were resent from the
 * outbox), and every member's client shows each conversation exactly as stored, in order.
 *
 * Sizes: RELIABILITY_CRASH_MESSAGES (1000), RELIABILITY_CRASH_CLIENTS (20), RELIABILITY_CRASH_KILLS (5).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryStorage } from '../../src/base/storage.js';
import type { SupportClient } from '../../src/core/support-client.js';
import { freePort, startRelay, tempDataDir } from '../support/relay-process.js';
import type { RelayProcess } from '../support/relay-process.js';
import {
  SECRET,
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
  storedMessages,
  until,
} from './reliability-harness.js';
import type { CountingRelayTransport } from './reliability-harness.js';

interface SentMessage {
  clientMsgId: string;
  conversationId: string;
  index: number;
}

interface Participant {
  id: string;
  role: 'customer' | 'agent';
  quota: number;
  storage: MemoryStorage;
  client: SupportClient;
  transports: CountingRelayTransport[];
  sent: SentMessage[];
  sentWhileOffline: number;
  reloads: number;
}

const RELAY_ENV = {
  SUPPORT_SECRET: SECRET,
  SUPPORT_DEMO: '0',
  // It counts stored messages against sent ones: no routing events.
  SUPPORT_AUTO_ASSIGN: 'off',
  // Agents of a busy shop send many delivered receipts; this test is about crashes, not rate limits.
  SUPPORT_RATE_PER_SECOND: '500',
  SUPPORT_RATE_BURST: '1000',
};

/** Every conversation the participant is a member of. */
function conversationsOf(p: Participant, customerConversations: string[]): string[] {
  return p.role === 'customer' ? [`c-${p.id}`] : customerConversations;
}

describe('crash consistency', { timeout: 150_000 }, () => {
  it('keeps every acknowledged message exactly once and in order through SIGKILLs, resending the rest from the outbox', async (t) => {
    const seed = runSeed();
    const random = seededRandom(seed);
    const total = Math.floor(envNumber('RELIABILITY_CRASH_MESSAGES', 1000));
    const clientCount = Math.max(2, Math.floor(envNumber('RELIABILITY_CRASH_CLIENTS', 20)));
    const kills = Math.floor(envNumber('RELIABILITY_CRASH_KILLS', 5));
    const agentCount = Math.max(1, Math.round(clientCount / 5));
    const customerCount = clientCount - agentCount;
    const started = Date.now();

    const data = tempDataDir('support-crash-');
    const port = await freePort();
    let relay: RelayProcess | undefined = await startRelay({ port, dataDir: data.dir, env: RELAY_ENV });
    const url = relay.url;
    const participants: Participant[] = [];
    t.after(async () => {
      for (const p of participants) p.client.dispose();
      await relay?.stop('SIGKILL');
      data.remove();
    });

    const customerConversations = Array.from({ length: customerCount }, (_, i) => `c-cust-${String(i).padStart(2, '0')}`);
    const ids = [
      ...customerConversations.map((c) => ({ id: c.slice(2), role: 'customer' as const })),
      ...Array.from({ length: agentCount }, (_, i) => ({ id: `agent-${i}`, role: 'agent' as const })),
    ];
    // Split the total: every participant gets an equal share, the first ones take the remainder.
    const share = Math.floor(total / clientCount);
    const remainder = total - share * clientCount;

    function connectParticipant(p: Pick<Participant, 'id' | 'role' | 'storage'>): { client: SupportClient; transport: CountingRelayTransport } {
      const tokens = mintingTokens(() => (p.role === 'customer' ? customerToken(p.id) : agentToken(p.id)));
      const { client, transport } = createClient({ url, tokens, storage: p.storage });
      return { client, transport };
    }

    async function openAll(p: Participant): Promise<void> {
      await Promise.all(conversationsOf(p, customerConversations).map((c) => p.client.openConversation(c)));
    }

    for (const [index, { id, role }] of ids.entries()) {
      const storage = new MemoryStorage();
      const { client, transport } = connectParticipant({ id, role, storage });
      const p: Participant = {
        id,
        role,
        quota: share + (index < remainder ? 1 : 0),
        storage,
        client,
        transports: [transport],
        sent: [],
        sentWhileOffline: 0,
        reloads: 0,
      };
      participants.push(p);
      // Customers first: their hello creates the conversations the agents then open.
      await client.connect();
    }
    await Promise.all(participants.map((p) => openAll(p)));

    /** A page reload: a new client over the same outbox storage, connected when the server is back. */
    function reload(p: Participant): void {
      p.client.dispose();
      const { client, transport } = connectParticipant(p);
      p.client = client;
      p.transports.push(transport);
      p.reloads += 1;
      void client.connect().then(() => openAll(p)).catch(() => undefined);
    }

    // One plan of every message in random order, sent at a pace that spans the kills; some kills
    // come right after a burst, so they land while sends are in flight.
    const chaosMs = kills * 2500;
    const plan = participants.flatMap((p) => Array.from({ length: p.quota }, () => p));
    for (let i = plan.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [plan[i], plan[j]] = [plan[j] as Participant, plan[i] as Participant];
    }
    let next = 0;
    function sendNext(): void {
      const p = plan[next];
      next += 1;
      if (p === undefined) return;
      const conversations = conversationsOf(p, customerConversations);
      const conversationId = conversations[Math.floor(random() * conversations.length)] ?? conversations[0] ?? '';
      if (p.client.state !== 'connected') p.sentWhileOffline += 1;
      const index = p.sent.length;
      const message = p.client.send(conversationId, { body: `${p.id}#${index}` });
      p.sent.push({ clientMsgId: message.clientMsgId, conversationId, index });
    }
    let sending = true;
    async function pump(): Promise<void> {
      const pace = chaosMs / Math.max(1, plan.length);
      while (next < plan.length) {
        sendNext();
        await sleep(pace * (0.2 + random() * 1.6));
      }
    }

    let killed = 0;
    let pendingAtKills = 0;
    let inFlightAtKills = 0;
    const restartMs: number[] = [];
    async function chaos(): Promise<void> {
      while (killed < kills || sending) {
        await sleep(500 + random() * 1200);
        if (killed % 2 === 1) {
          for (let i = 0; i < 40; i += 1) sendNext();
          await sleep(random() * 10);
        }
        for (const p of participants) {
          const transport = p.transports.at(-1);
          for (const id of transport?.sends.keys() ?? []) if (transport?.acked.has(id) === false) inFlightAtKills += 1;
          for (const c of conversationsOf(p, customerConversations)) {
            pendingAtKills += p.client.conversation(c)?.messages.filter((m) => m.mine && m.seq === undefined).length ?? 0;
          }
        }
        await relay?.stop('SIGKILL');
        relay = undefined;
        killed += 1;
        // Two kills also "reload" a customer and an agent page while the server is down.
        if (killed === 2 || killed === 4) {
          const customers = participants.filter((p) => p.role === 'customer');
          const agents = participants.filter((p) => p.role === 'agent');
          const customer = customers[Math.floor(random() * customers.length)];
          const agent = agents[Math.floor(random() * agents.length)];
          if (customer) reload(customer);
          if (agent) reload(agent);
        }
        await sleep(random() * 300);
        const restartAt = Date.now();
        relay = await startRelay({ port, dataDir: data.dir, env: RELAY_ENV });
        restartMs.push(Date.now() - restartAt);
      }
    }

    const chaosDone = chaos();
    await pump();
    sending = false;
    await chaosDone;

    // Settled: every outbox is empty (each entry was acknowledged, or seen stored on a resume) and nothing is still sending.
    const outboxKey = (p: Participant): string => `support-widget:outbox:${p.id}`;
    const unsettled = (): string[] =>
      participants.flatMap((p) => {
        const local = conversationsOf(p, customerConversations).flatMap((c) =>
          (p.client.conversation(c)?.messages ?? []).filter((m) => m.mine && m.seq === undefined && m.status !== 'failed'),
        );
        // The stored outbox is `{ v: 2, entries, removed }`: tombstones of sent messages may stay a
        // while (they stop another tab from resurrecting them); pending entries must be none.
        const stored = p.storage.getItem(outboxKey(p));
        const pending = stored === null ? 0 : ((JSON.parse(stored) as { entries?: unknown[] }).entries?.length ?? 0);
        return local.length > 0 || pending > 0 || p.client.state !== 'connected'
          ? [`${p.id} (${p.client.state}, ${local.length} sending, outbox ${pending})`]
          : [];
      });
    await until(() => unsettled().length === 0, () => `outboxes to drain: ${unsettled().slice(0, 10).join('; ')}`, 60_000, 100);
    const failed = participants.flatMap((p) =>
      conversationsOf(p, customerConversations).flatMap((c) => (p.client.conversation(c)?.messages ?? []).filter((m) => m.status === 'failed')),
    );
    assert.deepEqual(failed.map((m) => m.body), [], 'no message failed for good');

    const stored = storedMessages(data.dir);
    const storedById = new Map<string, { conversationId: string; seq: number }>();
    let storedCount = 0;
    for (const rows of stored.values()) {
      for (const row of rows) {
        storedCount += 1;
        assert.ok(!storedById.has(row.clientMsgId), `${row.body} is stored once`);
        storedById.set(row.clientMsgId, { conversationId: row.conversationId, seq: row.seq });
      }
    }
    assert.equal(storedCount, total, 'every message sent was stored exactly once');

    // Acknowledged means stored: with the very seq of the acknowledgement, however often it was resent.
    const acknowledged = new Set<string>();
    for (const p of participants) {
      for (const transport of p.transports) {
        for (const [clientMsgId, ack] of transport.acked) {
          acknowledged.add(clientMsgId);
          assert.deepEqual(storedById.get(clientMsgId), { conversationId: ack.conversationId, seq: ack.seq }, `ack of ${clientMsgId}`);
        }
      }
    }

    // Each sender's messages are stored in the order they were sent.
    for (const p of participants) {
      const byConversation = new Map<string, number[]>();
      for (const s of p.sent) {
        const seqs = byConversation.get(s.conversationId) ?? [];
        seqs.push(storedById.get(s.clientMsgId)?.seq ?? -1);
        byConversation.set(s.conversationId, seqs);
      }
      for (const [conversationId, seqs] of byConversation) {
        assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), `${p.id} in ${conversationId}: stored in send order`);
      }
    }

    // Every member's client shows every conversation exactly as stored: each message once, in seq order.
    for (const p of participants) {
      await until(() => p.client.state === 'connected', () => `${p.id} to reconnect`, 15_000);
      for (const c of conversationsOf(p, customerConversations)) await expectViewMatchesStore(p.client, c, stored, p.id);
    }

    const resent = participants.reduce((n, p) => n + p.transports.reduce((m, tr) => m + tr.resent(), 0), 0);
    const reloadResends = participants.reduce(
      (n, p) => n + p.transports.slice(1).reduce((m, tr) => m + [...tr.sends.keys()].filter((id) => p.transports[0]?.sends.has(id)).length, 0),
      0,
    );
    reportFigures(t, 'crash-consistency', {
      seed,
      clients: clientCount,
      customers: customerCount,
      agents: agentCount,
      messages: total,
      stored: storedCount,
      acknowledged: acknowledged.size,
      sigkills: killed,
      restartMsMax: Math.max(...restartMs),
      pageReloads: participants.reduce((n, p) => n + p.reloads, 0),
      unacknowledgedAtKills: pendingAtKills,
      inFlightAtKills,
      sentWhileOffline: participants.reduce((n, p) => n + p.sentWhileOffline, 0),
      resentSameClient: resent,
      resentAfterReload: reloadResends,
      durationMs: Date.now() - started,
    });
    assert.ok(killed >= kills, `killed ${killed} times`);
  });
});
