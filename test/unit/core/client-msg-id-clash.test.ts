/**
 * Issue 12, end to end with real clients: a customer who sends `clientMsgId: "call-summary:<callId>"`
 * first must not swallow the agent's call summary: not at the relay (idempotency is per sender),
 * not in the agent's client (which took the customer's message for its own send), and not in the
 * views (which dropped the agent's message as a duplicate of the customer's).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agentToken, customerToken, relayHarness, until } from './relay-harness.js';

describe('the same clientMsgId from two senders', () => {
  it("keeps the customer's message and the agent's call summary apart, in every view", { timeout: 20_000 }, async (t) => {
    const h = await relayHarness(t);
    const customer = h.client(customerToken('ann'));
    await customer.connect();
    const cid = customer.primaryConversationId ?? '';
    const agent = h.client(agentToken('bob'));
    await agent.connect();
    await agent.openConversation(cid);

    const fake = customer.send(cid, { body: 'fake summary', clientMsgId: 'call-summary:k1' });
    await until(() => customer.conversation(cid)?.messages.find((m) => m.clientMsgId === fake.clientMsgId && m.seq === 1), 'the fake stored as seq 1');
    await until(() => agent.conversation(cid)?.messages.find((m) => m.seq === 1), "the agent seeing the customer's message");

    const summary = agent.send(cid, { kind: 'call-summary', body: 'Video call, 3 min', clientMsgId: 'call-summary:k1' });
    assert.equal(summary.mine, true, "a send of the agent's own, not the customer's message");
    const stored = await until(() => agent.conversation(cid)?.messages.find((m) => m.mine && m.seq !== undefined && m.kind === 'call-summary'), 'the summary acknowledged');
    assert.equal(stored.seq, 2);
    const atCustomer = await until(() => customer.conversation(cid)?.messages.find((m) => m.kind === 'call-summary'), 'the summary at the customer');
    assert.deepEqual([atCustomer.seq, atCustomer.from.id, atCustomer.mine], [2, 'bob', false]);
    for (const client of [customer, agent]) {
      assert.deepEqual(client.conversation(cid)?.messages.map((m) => [m.seq, m.kind, m.body]), [
        [1, 'text', 'fake summary'],
        [2, 'call-summary', 'Video call, 3 min'],
      ]);
    }
  });
});
