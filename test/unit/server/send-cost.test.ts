/**
 * What one `send` costs the relay: the SQLite statements it runs (counted by wrapping the
 * prepared statements' run/get/all/iterate, shared by every better-sqlite3 statement), and that
 * its rate limit refuses frames before it parses them (counted by wrapping `JSON.parse`).
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { TestRelay } from './relay-harness.js';
import { TestClient, agentToken, customerToken, sendFrame, startRelay } from './relay-harness.js';

type Method = 'run' | 'get' | 'all' | 'iterate';
const METHODS: readonly Method[] = ['run', 'get', 'all', 'iterate'];

/** Records the SQL of every statement run in this process until the returned `stop()`. */
function recordStatements(): { sources: string[]; stop: () => void } {
  const probe = new Database(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<Method, (...args: unknown[]) => unknown>;
  probe.close();
  const sources: string[] = [];
  const originals = METHODS.map((name) => [name, proto[name]] as const);
  for (const [name, original] of originals) {
    proto[name] = function (this: { source: string }, ...args: unknown[]) {
      sources.push(this.source.replace(/\s+/g, ' ').trim());
      return original.apply(this, args);
    };
  }
  return { sources, stop: () => originals.forEach(([name, original]) => (proto[name] = original)) };
}

/** Reads of the conversations table (not of tombstones or merges). */
const readsConversation = (sql: string): boolean => /^SELECT .*\bFROM conversations\b/.test(sql);
const writesConversation = (sql: string): boolean => /^UPDATE conversations\b/.test(sql);
/** The search indexer's statements (`server/search-indexer.ts`: the queue and the index), not the send path's. */
const isSearchIndexing = (sql: string): boolean => /\bmessage_search(_queue|_docs)?\b/.test(sql);
/** The indexer's own BEGIN (before its statements) and COMMIT (after them). */
const indexerControl = (sql: string, before = '', after = ''): boolean =>
  (/^BEGIN\b/.test(sql) && isSearchIndexing(after)) || (/^(COMMIT|ROLLBACK)\b/.test(sql) && isSearchIndexing(before));
/** Transaction control (BEGIN, SAVEPOINT, RELEASE, COMMIT): what group commit costs, apart from the data. */
const isTransactionControl = (sql: string): boolean => /^(BEGIN|SAVEPOINT|RELEASE|COMMIT|ROLLBACK)\b/.test(sql);

describe('the cost of one send on the relay', { timeout: 20_000 }, () => {
  let relay: TestRelay | undefined;
  const clients: TestClient[] = [];

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await relay?.dispose();
    relay = undefined;
  });

  async function connect(token: string): Promise<TestClient> {
    if (!relay) throw new Error('no relay');
    const { client } = await TestClient.connect(relay.url, token);
    clients.push(client);
    return client;
  }

  it('touches the conversation row once per send (the seq update returns it), from the frame to the agents’ summary', async (t) => {
    // A plain send's cost: routing (once per conversation nobody has) is not part of it.
    relay = await startRelay({ autoAssign: false });
    const customer = await connect(customerToken('ana'));
    const agent = await connect(agentToken('alex'));
    customer.send(sendFrame('c-ana', 'm-warm'));
    await customer.next('ack');
    await agent.next('conversation', (f) => f.conversation.lastSeq === 1);

    const recorder = recordStatements();
    try {
      customer.send(sendFrame('c-ana', 'm-counted'));
      assert.equal((await customer.next('ack')).seq, 2);
      await agent.next('message', (f) => f.clientMsgId === 'm-counted');
      await agent.next('conversation', (f) => f.conversation.lastSeq === 2);
    } finally {
      recorder.stop();
    }
    // The search indexer's timer (every 100 ms, its own transaction) may fire meanwhile: not the send's cost.
    const sendStatements = recorder.sources.filter((sql, i, all) => !isSearchIndexing(sql) && !indexerControl(sql, all[i - 1], all[i + 1]));
    const data = sendStatements.filter((sql) => !isTransactionControl(sql));
    t.diagnostic(`statements per send: ${recorder.sources.length} (${data.length} on data)\n  ${recorder.sources.join('\n  ')}`);
    // The access check reads nothing for a send: the commit's seq update finds the row (or refuses the send).
    assert.equal(data.filter(readsConversation).length, 0, `no read of the conversation row besides its update:\n${data.join('\n')}`);
    assert.equal(data.filter(writesConversation).length, 1, 'one write of it (the next seq)');
    assert.ok(data.length <= 3, `at most 3 data statements per send (seq, message, receipts for the summary), ran ${data.length}:\n${data.join('\n')}`);
    // Group commit without a savepoint or a clientMsgId lookup per message: a resend falls back to them.
    assert.ok(sendStatements.length <= 5, `BEGIN and COMMIT around the data, ran ${sendStatements.length}:\n${sendStatements.join('\n')}`);
  });

  it('refuses a flood of junk frames at the rate limit without parsing them', async () => {
    relay = await startRelay({ rateLimit: { perSecond: 1, burst: 5 } });
    const customer = await connect(customerToken('ana'));
    const junk = `{"type":"ping","id":"junk"${' '.repeat(2000)}`;
    let parsedJunk = 0;
    const parse = JSON.parse;
    JSON.parse = ((text: string, reviver?: (this: unknown, key: string, value: unknown) => unknown) => {
      if (text === junk) parsedJunk += 1;
      return parse(text, reviver);
    }) as typeof JSON.parse;
    const codes: string[] = [];
    try {
      for (let i = 0; i < 50; i += 1) customer.sendRaw(junk);
      for (let i = 0; i < 50; i += 1) {
        const frame = await customer.next('error');
        codes.push(frame.code);
      }
    } finally {
      JSON.parse = parse;
    }
    const limited = codes.filter((code) => code === 'rate-limited').length;
    const parsedAndRefused = codes.filter((code) => code === 'bad-json').length;
    // The hello took one token of the burst of 5; one more may refill on a slow machine.
    assert.ok(limited >= 44, `${limited} of 50 refused by the limiter`);
    assert.equal(parsedJunk, parsedAndRefused, 'only frames the limiter let through were parsed');
    assert.ok(parsedJunk <= 6, `${parsedJunk} junk frames parsed`);
  });

  it('names a rate-limited send’s clientMsgId without parsing the frame', async () => {
    relay = await startRelay({ rateLimit: { perSecond: 1, burst: 3 } });
    const customer = await connect(customerToken('ana'));
    for (let i = 0; i < 10; i += 1) customer.send(sendFrame('c-ana', `m${i}`));
    customer.send({ type: 'history', requestId: 'h-late', conversationId: 'c-ana' });
    const refs: string[] = [];
    for (let i = 0; i < 11; i += 1) {
      const frame = await customer.take((f) => f.type === 'ack' || f.type === 'error' || f.type === 'history');
      if (frame.type === 'error') refs.push(`${frame.code}:${frame.ref ?? ''}`);
    }
    assert.ok(refs.length >= 7, `refused: ${refs.join(', ')}`);
    assert.ok(refs.slice(0, -1).every((r) => /^rate-limited:m\d$/.test(r)), refs.join(', '));
    assert.equal(refs.at(-1), 'rate-limited:h-late');
  });
});
