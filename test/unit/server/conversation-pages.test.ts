/**
 * An agent's queue in pages (`conversations` frames after the welcome): every conversation comes
 * exactly once, in activity order, while customers keep writing. A conversation that moves to the
 * top meanwhile comes as a `conversation` frame instead of in a later page, never twice in pages.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { ConversationSummary } from '../../../src/protocol/index.js';
import { SupportStore } from '../../../server/store.js';
import type { TestClient, TestRelay } from './relay-harness.js';
import { TestClient as Client, agentToken, customerToken, sendFrame, startRelay, tempDir } from './relay-harness.js';

const TOTAL = 130;
const id = (n: number): string => `c-cu${n}`;

describe("paging through an agent's queue", { timeout: 30_000 }, () => {
  let relay: TestRelay | undefined;
  const clients: TestClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await relay?.dispose();
  });

  it('returns every conversation exactly once, newest activity first, while new activity arrives', async () => {
    const dataDir = tempDir('pages-');
    const seed = new SupportStore(dataDir);
    // cu0 is the oldest; two conversations share a time, so the cursor's tie-break by id is used.
    for (let n = 0; n < TOTAL; n += 1) seed.ensureConversation(id(n), 'demo', { id: `cu${n}`, name: `Customer ${n}` }, 1_000 + Math.min(n, TOTAL - 2) * 10);
    seed.ensureConversation('c-other-shop', 'rival', { id: 'x', name: 'X' }, 999_999);
    seed.close();
    relay = await startRelay({ dataDir });
    const { client: agent, welcome } = await Client.connect(relay.url, agentToken('alex'));
    clients.push(agent);

    const paged: ConversationSummary[][] = [welcome.conversations];
    let cursor = welcome.nextCursor;
    // Each round, before asking for the next page: a customer already paged and one not paged yet write.
    const bumped = new Set<string>();
    for (let round = 0; cursor !== undefined; round += 1) {
      for (const n of [TOTAL - 1 - round, 40 - round * 7]) {
        if (n < 0) continue;
        const { client } = await Client.connect(relay.url, customerToken(`cu${n}`));
        clients.push(client);
        client.send(sendFrame(id(n), `bump-${round}`));
        await client.next('ack');
        bumped.add(id(n));
      }
      agent.send({ type: 'conversations', requestId: `p${round}`, cursor, limit: 20 });
      const page = await agent.next('conversations', (f) => f.requestId === `p${round}`);
      paged.push(page.conversations);
      cursor = page.nextCursor;
    }
    await agent.sync();

    for (const page of paged) {
      const times = page.map((c) => c.updatedAt);
      assert.deepEqual(times, [...times].sort((a, b) => b - a), 'each page is in activity order');
    }
    const pagedIds = paged.flat().map((c) => c.id);
    assert.equal(new Set(pagedIds).size, pagedIds.length, 'no conversation comes in two pages');
    assert.ok(!pagedIds.includes('c-other-shop'));
    const live = new Set(agent.pending('conversation').map((f) => (f.type === 'conversation' ? f.conversation.id : '')));
    for (const n of Array.from({ length: TOTAL }, (_, i) => i)) {
      assert.ok(pagedIds.includes(id(n)) || (bumped.has(id(n)) && live.has(id(n))), `${id(n)} is in a page or came live`);
    }
  });
});
