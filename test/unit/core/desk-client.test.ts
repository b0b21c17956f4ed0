/**
 * The headless desk (`client.desk`) against a real relay with real `ws` sockets: the roster,
 * take / transfer with a note / unassign with the queue views following, status and labels, every
 * change an event in the thread, two agents taking at once, private notes through the outbox that
 * the customer never gets, the views' own paging, and a backend without a desk.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDeskEvent } from '../../../src/elements/thread/desk-event-text.js';
import type { SupportClient } from '../../../src/core/support-client.js';
import { agoraBackend } from '../../../src/transports/agora/agora-backend.js';
import { SupportClient as Client } from '../../../src/core/support-client.js';
import { SupportError } from '../../../src/protocol/errors.js';
import { agentToken, customerToken, relayHarness, until } from './relay-harness.js';

const isCode = (code: string) => (error: unknown) => error instanceof SupportError && error.code === code;

/** A customer who wrote once: their conversation id. */
async function customerWrote(customer: SupportClient, body: string): Promise<string> {
  await customer.connect();
  const id = customer.primaryConversationId;
  if (id === undefined) throw new Error('no conversation');
  customer.send(id, { body });
  await until(() => customer.conversation(id)?.messages.every((m) => m.status !== 'sending'), 'the message stored');
  return id;
}

describe('client.desk on the relay', () => {
  it('takes, transfers with a note and unassigns, the views follow on both desks, and each change is an event in the thread', async (t) => {
    const h = await relayHarness(t);
    const alex = h.client(agentToken('alex'));
    const sam = h.client(agentToken('sam'));
    await alex.connect();
    await sam.connect();
    await until(() => alex.desk.agents.some((a) => a.id === 'sam') && sam.desk.agents.some((a) => a.id === 'alex'), 'each roster to list both agents');
    const customer = h.client(customerToken('k1'));
    const id = await customerWrote(customer, 'the screen flickers');
    await until(() => alex.conversation(id) && sam.conversation(id), 'both desks to know the conversation');

    const taken = await alex.desk.take(id);
    assert.equal(taken.assignee?.id, 'alex');
    assert.deepEqual(alex.desk.conversations('mine').map((c) => c.id), [id]);
    await until(() => sam.conversation(id)?.assignee?.id === 'alex', "sam's desk to see alex has it");
    assert.equal(sam.desk.conversations('mine').length, 0);

    await alex.desk.transfer(id, 'sam', 'Battery question: Sam knows these');
    await until(() => sam.desk.conversations('mine').some((c) => c.id === id), "the conversation in sam's Mine");
    assert.equal(alex.desk.conversations('mine').length, 0);

    await sam.desk.setLabels(id, { add: ['Screen Flicker', 'warranty'] });
    await sam.desk.setStatus(id, 'pending');
    await sam.desk.unassign(id);
    await until(() => alex.desk.conversations('unassigned').some((c) => c.id === id), "alex's Unassigned view");
    const view = alex.conversation(id);
    assert.deepEqual(view?.labels, ['screen-flicker', 'warranty']);
    assert.equal(view?.status, 'pending');
    assert.equal(view?.assignee, undefined);

    await alex.openConversation(id);
    await until(() => (alex.conversation(id)?.messages.filter((m) => m.kind === 'event').length ?? 0) >= 5, 'the events in the thread');
    const events = (alex.conversation(id)?.messages ?? []).filter((m) => m.kind === 'event').map((m) => parseDeskEvent(m.body));
    const transfer = events.find((e) => e?.type === 'assigned' && e.to.id === 'sam');
    assert.equal(transfer?.type === 'assigned' ? transfer.note : undefined, 'Battery question: Sam knows these');
    assert.equal(transfer?.type === 'assigned' ? transfer.by?.id : undefined, 'alex');
    assert.ok(events.some((e) => e?.type === 'status' && e.status === 'pending' && e.by?.id === 'sam'));
    assert.ok(events.some((e) => e?.type === 'labels' && e.added.includes('screen-flicker')));
    assert.ok(events.some((e) => e?.type === 'unassigned' && e.by.id === 'sam'));
    // The customer's side: no event, no desk field.
    await customer.openConversation(id);
    assert.deepEqual(customer.conversation(id)?.messages.map((m) => m.kind), ['text']);
    assert.equal(customer.conversation(id)?.status, undefined);
    assert.equal(customer.conversation(id)?.labels, undefined);
  });

  it('of two agents taking at once one wins and the other is told (conflict), and both desks show the winner', async (t) => {
    const h = await relayHarness(t, { autoAssign: true });
    const alex = h.client(agentToken('alex'));
    const sam = h.client(agentToken('sam'));
    await alex.connect();
    await sam.connect();
    const id = await customerWrote(h.client(customerToken('k2')), 'hello');
    const seen = await until(() => {
      const [a, s] = [alex.conversation(id), sam.conversation(id)];
      return a && s && a.assignee?.id === s.assignee?.id && a.assignee;
    }, 'both desks to agree who has it after routing');
    // Routing gave it to one of them: unassigning makes both start from nobody.
    await (seen.id === 'alex' ? alex : sam).desk.unassign(id);
    await until(() => alex.conversation(id)?.assignee === undefined && sam.conversation(id)?.assignee === undefined, 'both to see it unassigned');
    const results = await Promise.allSettled([alex.desk.take(id), sam.desk.take(id)]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(won.length, 1, 'one take wins');
    assert.equal(lost.length, 1, 'one is refused');
    assert.ok(isCode('conflict')(lost[0]?.reason), 'the loser is told: conflict');
    const winner = results[0]?.status === 'fulfilled' ? 'alex' : 'sam';
    await until(() => alex.conversation(id)?.assignee?.id === winner && sam.conversation(id)?.assignee?.id === winner, 'both desks to show the winner');
  });

  it('sends a note through the outbox (sending, then sent) to staff only: never to the customer, live or in history', async (t) => {
    const h = await relayHarness(t, { autoAssign: true });
    const alex = h.client(agentToken('alex'));
    const sam = h.client(agentToken('sam'));
    await alex.connect();
    await sam.connect();
    const customer = h.client(customerToken('k3'));
    const id = await customerWrote(customer, 'my order is late');
    await until(() => alex.conversation(id), 'alex to know the conversation');
    const note = alex.desk.note(id, 'Courier says Tuesday');
    assert.equal(note.kind, 'note');
    assert.equal(note.status, 'sending', 'shown at once');
    await until(() => alex.conversation(id)?.messages.find((m) => m.clientMsgId === note.clientMsgId)?.status === 'sent', 'the note acked');
    await until(() => sam.conversation(id)?.messages.some((m) => m.kind === 'note' && m.body === 'Courier says Tuesday'), 'sam to get the note');
    alex.send(id, { body: 'It arrives on Tuesday' });
    await until(() => customer.conversation(id)?.messages.some((m) => m.body === 'It arrives on Tuesday'), 'the reply at the customer');
    assert.equal(customer.conversation(id)?.messages.some((m) => m.kind === 'note'), false, 'no note live');
    assert.equal(customer.conversation(id)?.unread, 1, 'the reply alone is unread');
    customer.disconnect();
    await customer.connect();
    await customer.openConversation(id);
    assert.equal(customer.conversation(id)?.messages.some((m) => m.kind === 'note' || m.body.includes('Courier')), false, 'no note after a resume or in history');
    assert.equal(customer.conversation(id)?.unread, 1);
  });

  it('loads a view from its own first page: the unassigned queue of a desk that just signed in', async (t) => {
    const h = await relayHarness(t);
    const ids: string[] = [];
    for (const sub of ['v1', 'v2', 'v3']) {
      const customer = h.client(customerToken(sub));
      ids.push(await customerWrote(customer, `hello from ${sub}`));
      customer.dispose();
    }
    const alex = h.client(agentToken('alex'));
    await alex.connect();
    assert.equal(alex.desk.hasMore('unassigned'), true, 'a view never loaded may have more');
    await alex.desk.loadMore('unassigned');
    assert.deepEqual(new Set(alex.desk.conversations('unassigned').map((c) => c.id)), new Set(ids));
    assert.equal(alex.desk.hasMore('unassigned'), false);
    assert.deepEqual(alex.desk.conversations('mine'), []);
  });

  it('refuses a customer who asks for the roster (forbidden), and says so in a coded error', async (t) => {
    const h = await relayHarness(t);
    const customer = h.client(customerToken('k5'));
    await customer.connect();
    await assert.rejects(customer.desk.refreshAgents(), isCode('forbidden'));
  });
});

describe('client.desk without a desk', () => {
  it('rejects every action with config on the agora backend (the desk needs the relay)', async () => {
    const client = new Client({ backend: agoraBackend(), tokenProvider: () => Promise.resolve('t'), storage: null });
    try {
      assert.equal(client.desk.available, false);
      await assert.rejects(client.desk.take('c-1'), isCode('config'));
      await assert.rejects(client.desk.setStatus('c-1', 'resolved'), isCode('config'));
      await assert.rejects(client.desk.setLabels('c-1', { add: ['x'] }), isCode('config'));
      await assert.rejects(client.desk.cannedReplies(), isCode('config'));
      await assert.rejects(client.desk.profile('u-1'), isCode('config'));
      await assert.rejects(client.desk.setPresence('away'), isCode('config'));
      assert.throws(() => client.desk.note('c-1', 'hi'), isCode('config'));
      assert.equal(client.desk.hasMore('mine'), false);
    } finally {
      client.dispose();
    }
  });
});
