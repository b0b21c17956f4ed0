/**
 * Issue 12, privacy API: calls are scoped by shop (the same customer id in two shops is two
 * people), a deleted customer's open sockets are closed with a coded error, and the deleted
 * conversation's seqs are never handed out again when the customer comes back.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { customerToken, relayPerTest, sendFrame } from './relay-harness.js';

const ADMIN = 'admin-token-0123456789abcdef';

describe('deleting a customer through the privacy API', { timeout: 20_000 }, () => {
  const world = relayPerTest({ adminToken: ADMIN });
  const { connect } = world;

  async function admin(path: string, method = 'GET'): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${world.relay.url}${path}`, { method, headers: { Authorization: `Bearer ${ADMIN}` } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('needs the shop: without it nothing is exported or deleted', async () => {
    const ana = (await connect(customerToken('ana'))).client;
    ana.send(sendFrame('c-ana', 'm1'));
    await ana.next('ack');
    const exported = await admin('/privacy/export?customerId=ana');
    assert.deepEqual([exported.status, exported.body.code], [400, 'bad-request']);
    const deleted = await admin('/privacy/customers/ana', 'DELETE');
    assert.deepEqual([deleted.status, deleted.body.code], [400, 'bad-request']);
    assert.equal(world.relay.countMessages('c-ana'), 1);
  });

  it("deletes only the named shop's customer", async () => {
    const demoAna = (await connect(customerToken('ana'))).client;
    demoAna.send(sendFrame('c-ana', 'm1', 'demo ana'));
    await demoAna.next('ack');
    const rivalAna = (await connect(customerToken('ana', { shop: 'rival' }))).client;
    rivalAna.send(sendFrame('c-ana', 'm1', 'rival ana'));
    await rivalAna.next('ack');
    const exported = await admin('/privacy/export?customerId=ana&shop=rival');
    const conversations = exported.body.conversations as Array<{ shop: string; messages: Array<{ body: string }> }>;
    assert.deepEqual(conversations.map((c) => [c.shop, c.messages.map((m) => m.body)]), [['rival', ['rival ana']]]);
    const deleted = await admin('/privacy/customers/ana?shop=rival', 'DELETE');
    assert.deepEqual([deleted.status, (deleted.body.deleted as { messages: number }).messages], [200, 1]);
    demoAna.send({ type: 'history', requestId: 'h', conversationId: 'c-ana' });
    assert.deepEqual((await demoAna.next('history')).messages.map((m) => m.body), ['demo ana'], "the other shop's ana keeps her history");
  });

  it("closes the deleted customer's sockets with customer-deleted and never reuses a seq", async () => {
    const token = customerToken('ana');
    const tab1 = (await connect(token)).client;
    const tab2 = (await connect(token)).client;
    const bob = (await connect(customerToken('bob'))).client;
    for (const id of ['m1', 'm2', 'm3']) {
      tab1.send(sendFrame('c-ana', id));
      await tab1.next('ack');
    }
    const deleted = await admin('/privacy/customers/ana?shop=demo', 'DELETE');
    assert.deepEqual([deleted.status, deleted.body.sockets], [200, 2]);
    for (const tab of [tab1, tab2]) {
      const error = await tab.next('error');
      assert.deepEqual([error.code, error.fatal], ['customer-deleted', true]);
      assert.equal((await tab.closed).code, 1008);
    }
    await bob.sync();
    assert.deepEqual(bob.pending('error'), [], "bob's socket stays open");

    // The same (still valid) token comes back: a new, empty conversation whose seqs continue.
    const { client: back, welcome } = await connect(token, { 'c-ana': 3 });
    assert.deepEqual(welcome.conversations.map((c) => [c.id, c.lastSeq, c.lastMessage]), [['c-ana', 3, undefined]]);
    back.send(sendFrame('c-ana', 'after'));
    assert.equal((await back.next('ack')).seq, 4, 'seq 1-3 were the deleted messages: never again');
    back.send({ type: 'history', requestId: 'h', conversationId: 'c-ana' });
    assert.deepEqual((await back.next('history')).messages.map((m) => [m.seq, m.clientMsgId]), [[4, 'after']]);
  });
});
