/**
 * The desk's actions on a real relay and a real SQLite file (issue 16): taking (two agents at once:
 * one wins, the other gets `conflict`), transferring with a note, unassigning, statuses (a
 * customer's message reopens; a snooze ends on its own), labels, presence and the roster, canned
 * replies (admins change them), queue views. Every change is an `event` in the thread and a new
 * summary for the staff.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { agentToken, customerToken, relayPerTest, sendFrame } from './relay-harness.js';
import { adminToken, ask, nextEvent, result } from './desk-harness.js';

describe('desk actions', () => {
  // Conversations stay unassigned until taken: these tests assign by hand.
  const world = relayPerTest({ autoAssign: false });

  /** Event messages stored in a conversation, straight from SQLite. */
  function storedEvents(conversationId: string): string[] {
    const db = new Database(join(world.relay.dataDir, 'support.sqlite'), { readonly: true });
    try {
      return db.prepare<[string], { body: string }>("SELECT body FROM messages WHERE conversation_id = ? AND kind = 'event' ORDER BY seq").all(conversationId).map((r) => r.body);
    } finally {
      db.close();
    }
  }

  it('lets exactly one of two agents taking at once win; the other is told who has it', async () => {
    await world.connect(customerToken('ana'));
    const alex = (await world.connect(agentToken('alex'))).client;
    const bea = (await world.connect(agentToken('bea'))).client;
    const [a, b] = await Promise.all([
      ask(alex, { kind: 'assign', conversationId: 'c-ana', to: 'alex', expect: null }),
      ask(bea, { kind: 'assign', conversationId: 'c-ana', to: 'bea', expect: null }),
    ]);
    const answers = [a, b].map((x) => ('kind' in x ? `won:${x.kind === 'conversation' ? x.conversation.assignee?.id : ''}` : `${x.type}:${x.code}`)).sort();
    assert.equal(answers.filter((x) => x.startsWith('won:')).length, 1, JSON.stringify(answers));
    assert.equal(answers.filter((x) => x === 'error:conflict').length, 1, JSON.stringify(answers));
    const loser = [a, b].find((x) => !('kind' in x));
    assert.ok(loser !== undefined && 'message' in loser && /has this conversation now/.test(loser.message));
    assert.equal(storedEvents('c-ana').length, 1, 'one assignment stored, nothing lost or doubled');
  });

  it('transfers with a note, refuses a stale expect and an unknown agent, and unassigns', async () => {
    await world.connect(customerToken('ana'));
    const alex = (await world.connect(agentToken('alex'))).client;
    const bea = (await world.connect(agentToken('bea'))).client;
    await result(alex, { kind: 'assign', conversationId: 'c-ana', to: 'alex' }, 'conversation');
    const moved = await result(alex, { kind: 'assign', conversationId: 'c-ana', to: 'bea', note: 'she has the repair history', expect: 'alex' }, 'conversation');
    assert.deepEqual(moved.conversation.assignee, { id: 'bea', name: 'Agent bea' });
    await nextEvent(bea, 'c-ana');
    const transfer = await nextEvent(bea, 'c-ana');
    assert.deepEqual(transfer.event, { v: 1, type: 'assigned', to: { id: 'bea', name: 'Agent bea' }, by: { id: 'alex', name: 'Agent alex' }, note: 'she has the repair history' });
    assert.equal((await bea.next('conversation', (f) => f.conversation.assignee?.id === 'bea')).conversation.id, 'c-ana');

    const stale = await ask(alex, { kind: 'assign', conversationId: 'c-ana', to: 'alex', expect: 'alex' });
    assert.deepEqual('code' in stale ? stale.code : stale, 'conflict');
    const nobody = await ask(alex, { kind: 'assign', conversationId: 'c-ana', to: 'ghost' });
    assert.deepEqual('code' in nobody ? nobody.code : nobody, 'not-found');
    const missing = await ask(alex, { kind: 'assign', conversationId: 'c-nobody', to: 'alex' });
    assert.deepEqual('code' in missing ? missing.code : missing, 'not-found');

    const freed = await result(bea, { kind: 'assign', conversationId: 'c-ana', to: null, expect: 'bea' }, 'conversation');
    assert.equal(freed.conversation.assignee, undefined);
    assert.deepEqual([(await nextEvent(alex, 'c-ana')).event.type, (await nextEvent(alex, 'c-ana')).event.type], ['assigned', 'assigned']);
    assert.deepEqual((await nextEvent(alex, 'c-ana')).event, { v: 1, type: 'unassigned', by: { id: 'bea', name: 'Agent bea' } });
    assert.equal(storedEvents('c-ana').length, 3);

    // Events are not searched: the note of a transfer and the agents' names in them find nothing.
    alex.send({ type: 'search', requestId: 's1', query: 'repair history' });
    assert.deepEqual((await alex.next('search')).hits, []);
  });

  it('resolves, reopens on a customer message (an event without by), snoozes until a time and wakes on its own', async () => {
    const customer = (await world.connect(customerToken('ana'))).client;
    const alex = (await world.connect(agentToken('alex'))).client;
    const resolved = await result(alex, { kind: 'status', conversationId: 'c-ana', status: 'resolved' }, 'conversation');
    assert.equal(resolved.conversation.status, 'resolved');
    assert.deepEqual((await nextEvent(alex, 'c-ana')).event, { v: 1, type: 'status', status: 'resolved', by: { id: 'alex', name: 'Agent alex' } });

    customer.send(sendFrame('c-ana', 'm1', 'it flickers again'));
    await customer.next('ack');
    assert.deepEqual((await nextEvent(alex, 'c-ana')).event, { v: 1, type: 'status', status: 'open' });
    const reopened = await alex.next('conversation', (f) => f.conversation.status === undefined && f.conversation.lastSeq === 3);
    assert.equal(reopened.conversation.lastMessage?.body, 'it flickers again', 'the preview is the customer’s message, not the event');

    const past = await ask(alex, { kind: 'status', conversationId: 'c-ana', status: 'snoozed', until: Date.now() - 1 });
    assert.equal('code' in past ? past.code : past, 'bad-frame');
    const until = Date.now() + 300;
    const snoozed = await result(alex, { kind: 'status', conversationId: 'c-ana', status: 'snoozed', until }, 'conversation');
    assert.deepEqual([snoozed.conversation.status, snoozed.conversation.snoozedUntil], ['snoozed', until]);
    await nextEvent(alex, 'c-ana');
    // The relay's timer (no request from anyone) reopens it.
    assert.deepEqual((await nextEvent(alex, 'c-ana')).event, { v: 1, type: 'status', status: 'open' });
    assert.equal((await alex.next('conversation', (f) => f.conversation.lastSeq === 5)).conversation.status, undefined);

    const pending = await result(alex, { kind: 'status', conversationId: 'c-ana', status: 'pending' }, 'conversation');
    assert.equal(pending.conversation.status, 'pending');
    const again = await result(alex, { kind: 'status', conversationId: 'c-ana', status: 'pending' }, 'conversation');
    assert.equal(again.conversation.lastSeq, pending.conversation.lastSeq, 'no change, no event');
  });

  it('normalises labels, tells what changed, and keeps a conversation to 20', async () => {
    await world.connect(customerToken('ana'));
    const alex = (await world.connect(agentToken('alex'))).client;
    const added = await result(alex, { kind: 'labels', conversationId: 'c-ana', add: ['Screen  Flicker', ' battery ', 'battery'] }, 'conversation');
    assert.deepEqual(added.conversation.labels, ['battery', 'screen-flicker']);
    assert.deepEqual((await nextEvent(alex, 'c-ana')).event, { v: 1, type: 'labels', added: ['battery', 'screen-flicker'], removed: [], by: { id: 'alex', name: 'Agent alex' } });
    const changed = await result(alex, { kind: 'labels', conversationId: 'c-ana', add: ['warranty'], remove: ['battery', 'unknown'] }, 'conversation');
    assert.deepEqual(changed.conversation.labels, ['screen-flicker', 'warranty']);
    assert.deepEqual((await nextEvent(alex, 'c-ana')).event, { v: 1, type: 'labels', added: ['warranty'], removed: ['battery'], by: { id: 'alex', name: 'Agent alex' } });
    const many = Array.from({ length: 19 }, (_, i) => `l${i}`);
    const over = await ask(alex, { kind: 'labels', conversationId: 'c-ana', add: many });
    assert.equal('code' in over ? over.code : over, 'bad-frame');
    const long = await ask(alex, { kind: 'labels', conversationId: 'c-ana', add: ['x'.repeat(33)] });
    assert.equal('code' in long ? long.code : long, 'bad-frame');
  });

  it('keeps the roster: presence from connections and what agents say, capacity, load', async () => {
    await world.connect(customerToken('ana'));
    const alex = (await world.connect(agentToken('alex'))).client;
    assert.deepEqual((await alex.next('agents')).agents.map((a) => [a.id, a.presence]), [['alex', 'online']]);
    const bea = await world.connect(agentToken('bea'));
    assert.deepEqual((await alex.next('agents')).agents.map((a) => [a.id, a.presence, a.role]), [['alex', 'online', 'agent'], ['bea', 'online', 'agent']]);
    await result(alex, { kind: 'presence', presence: 'away', capacity: 3 }, 'agents');
    assert.deepEqual((await bea.client.next('agents', (f) => f.agents[0]?.presence === 'away')).agents[0], { id: 'alex', name: 'Agent alex', role: 'agent', presence: 'away', load: 0, capacity: 3 });
    await result(bea.client, { kind: 'assign', conversationId: 'c-ana', to: 'bea' }, 'conversation');
    assert.equal((await alex.next('agents', (f) => f.agents[1]?.load === 1)).agents[1]?.id, 'bea', 'a load change is told');
    await bea.client.close();
    assert.equal((await alex.next('agents', (f) => f.agents[1]?.presence === 'offline')).agents[1]?.id, 'bea');
    const roster = await result(alex, { kind: 'agents' }, 'agents');
    assert.deepEqual(roster.agents.map((a) => [a.id, a.presence, a.load]), [['alex', 'away', 0], ['bea', 'offline', 1]]);
  });

  it('lets every staff member list canned replies and only admins change them', async () => {
    const agent = (await world.connect(agentToken('alex'))).client;
    const admin = (await world.connect(adminToken('sam'))).client;
    const reply = { id: 'r1', shortcut: 'Battery', title: 'Battery check', body: 'Hi {{customer.name}}, please hold the power button for 10 s.' };
    const refused = await ask(agent, { kind: 'canned-put', reply });
    assert.deepEqual('code' in refused ? refused.code : refused, 'forbidden');
    const put = await result(admin, { kind: 'canned-put', reply }, 'canned');
    assert.deepEqual(put.replies, [{ ...reply, shortcut: 'battery' }]);
    await result(admin, { kind: 'canned-put', reply: { id: 'r0', shortcut: 'apology', title: 'Sorry', body: 'Sorry for the wait.' } }, 'canned');
    const taken = await ask(admin, { kind: 'canned-put', reply: { id: 'r2', shortcut: 'battery', title: 'Another', body: 'x' } });
    assert.equal('code' in taken ? taken.code : taken, 'conflict');
    assert.deepEqual((await result(agent, { kind: 'canned-list' }, 'canned')).replies.map((r) => r.shortcut), ['apology', 'battery']);
    const deleteRefused = await ask(agent, { kind: 'canned-delete', id: 'r1' });
    assert.equal('code' in deleteRefused ? deleteRefused.code : deleteRefused, 'forbidden');
    assert.deepEqual((await result(admin, { kind: 'canned-delete', id: 'r1' }, 'canned')).replies.map((r) => r.id), ['r0']);
    const otherShop = (await world.connect(adminToken('kim', 'other-shop'))).client;
    assert.deepEqual((await result(otherShop, { kind: 'canned-list' }, 'canned')).replies, [], 'replies are per shop');
  });

  it('pages the queue views mine, unassigned and all, each with its own cursor', async () => {
    for (const id of ['ana', 'bo', 'cy']) await world.connect(customerToken(id));
    const alex = (await world.connect(agentToken('alex'))).client;
    await result(alex, { kind: 'assign', conversationId: 'c-bo', to: 'alex' }, 'conversation');
    await result(alex, { kind: 'assign', conversationId: 'c-ana', to: 'alex' }, 'conversation');
    const page = async (frame: object) => {
      const requestId = `p${Math.random().toString(36).slice(2)}`;
      alex.send({ type: 'conversations', requestId, ...frame });
      return alex.take((f) => (f.type === 'conversations' || f.type === 'error') && ('requestId' in f ? f.requestId : f.ref) === requestId);
    };
    const mine = await page({ view: 'mine', limit: 1 });
    assert.ok(mine.type === 'conversations' && mine.nextCursor !== undefined);
    assert.deepEqual(mine.conversations.map((c) => c.id), ['c-ana']);
    const more = await page({ view: 'mine', cursor: mine.nextCursor });
    assert.ok(more.type === 'conversations');
    assert.deepEqual([more.conversations.map((c) => c.id), more.nextCursor], [['c-bo'], undefined]);
    const unassigned = await page({ view: 'unassigned' });
    assert.ok(unassigned.type === 'conversations');
    assert.deepEqual(unassigned.conversations.map((c) => c.id), ['c-cy']);
    const all = await page({ limit: 2 });
    assert.ok(all.type === 'conversations');
    assert.equal(all.conversations.length, 2);
    const crossed = await page({ view: 'unassigned', cursor: mine.nextCursor });
    assert.deepEqual(crossed.type === 'error' ? crossed.code : crossed, 'bad-frame', 'a cursor belongs to its view');
  });
});
