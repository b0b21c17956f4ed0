import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConversationStore, TYPING_TTL_MS } from '../../../src/core/conversation-store.js';
import { SupportError } from '../../../src/protocol/errors.js';
import type { ChatMessage } from '../../../src/core/types.js';
import type { ConversationSummary, UserRef, WireMessage } from '../../../src/protocol/model.js';

const customer: UserRef = { id: 'u1', name: 'Ann', role: 'customer' };
const agent: UserRef = { id: 'a1', name: 'Bob', role: 'agent' };
const CID = 'c-u1';

function wire(seq: number, from: UserRef, extra: Partial<WireMessage> = {}): WireMessage {
  return { seq, conversationId: CID, clientMsgId: `m${seq}`, from, kind: 'text', body: `#${seq}`, at: 1000 + seq, ...extra };
}

function summary(extra: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id: CID,
    customer: { id: customer.id, name: customer.name },
    lastSeq: 0,
    readUpTo: {},
    deliveredUpTo: {},
    updatedAt: 1000,
    ...extra,
  };
}

function local(clientMsgId: string, body = clientMsgId): ChatMessage {
  return { clientMsgId, conversationId: CID, from: customer, kind: 'text', body, at: 5000, mine: true, status: 'sending' };
}

function storeAs(user: UserRef): ConversationStore {
  const store = new ConversationStore();
  store.setUser(user);
  store.applySummary(summary());
  return store;
}

const seqs = (store: ConversationStore): (number | undefined)[] =>
  store.view(CID)?.messages.map((m) => m.seq) ?? [];

describe('ConversationStore ordering and dedupe', () => {
  it('orders messages received out of order by seq', () => {
    const store = storeAs(customer);
    for (const seq of [3, 1, 5, 2, 4]) store.receive(wire(seq, agent));
    assert.deepEqual(seqs(store), [1, 2, 3, 4, 5]);
    assert.equal(store.view(CID)?.lastSeq, 5);
  });

  it('ignores a message already known by seq or by clientMsgId', () => {
    const store = storeAs(customer);
    assert.equal(store.receive(wire(1, agent))?.isNew, true);
    assert.equal(store.receive(wire(1, agent)), undefined);
    assert.equal(store.receive(wire(1, agent, { clientMsgId: 'other' })), undefined);
    assert.equal(store.view(CID)?.messages.length, 1);
  });

  it('keeps local messages last in send order until acknowledged, then places them by seq', () => {
    const store = storeAs(customer);
    store.addLocal(local('x'));
    store.addLocal(local('y'));
    store.receive(wire(1, agent));
    assert.deepEqual(store.view(CID)?.messages.map((m) => m.clientMsgId), ['m1', 'x', 'y']);
    const acked = store.acknowledge(CID, 'y', 2, 2000);
    assert.equal(acked?.status, 'sent');
    assert.equal(acked?.seq, 2);
    store.acknowledge(CID, 'x', 3, 2001);
    assert.deepEqual(store.view(CID)?.messages.map((m) => m.clientMsgId), ['m1', 'y', 'x']);
  });

  it('replaces the optimistic message when its echo arrives before the ack', () => {
    const store = storeAs(customer);
    store.addLocal(local('x'));
    const change = store.receive(wire(7, customer, { clientMsgId: 'x' }));
    assert.equal(change?.isNew, false);
    assert.equal(change?.message.mine, true);
    assert.equal(change?.message.status, 'sent');
    assert.equal(store.acknowledge(CID, 'x', 7, 9000), undefined, 'late ack changes nothing');
    assert.deepEqual(seqs(store), [7]);
  });

  it('marks a local message failed, back to sending on retry, and drops it on discard', () => {
    const store = storeAs(customer);
    store.addLocal(local('x'));
    const failed = store.markFailed(CID, 'x', new SupportError('forbidden', 'no'));
    assert.equal(failed?.status, 'failed');
    assert.equal(failed?.error?.code, 'forbidden');
    const again = store.markSending(CID, 'x');
    assert.equal(again?.status, 'sending');
    assert.equal(again?.error, undefined);
    assert.equal(store.discard(CID, 'x'), true);
    assert.equal(store.view(CID)?.messages.length, 0);
  });

  it('merges history pages without duplicates and reports the contiguous resume point (for staff, who get every seq, a gap stops it)', () => {
    const store = storeAs(agent);
    store.receive(wire(10, customer));
    assert.deepEqual(store.resumePoints(), {}, 'no resume point before the history is loaded');
    store.applyHistory(CID, { messages: [6, 7, 8, 9, 10].map((s) => wire(s, customer)), hasMore: true }, true);
    assert.deepEqual(seqs(store), [6, 7, 8, 9, 10]);
    assert.deepEqual(store.resumePoints(), { [CID]: 10 });
    store.receive(wire(12, customer));
    assert.deepEqual(store.resumePoints(), { [CID]: 10 }, 'a gap stops the resume point');
    store.receive(wire(11, customer));
    assert.deepEqual(store.resumePoints(), { [CID]: 12 });
    store.applyHistory(CID, { messages: [4, 5, 6].map((s) => wire(s, customer)), hasMore: false }, false);
    assert.deepEqual(seqs(store), [4, 5, 6, 7, 8, 9, 10, 11, 12]);
    assert.equal(store.view(CID)?.hasMore, false);
  });
});

describe('ConversationStore summaries', () => {
  it('places the last message of a fresh summary without announcing it, and announces a newer one', () => {
    const store = new ConversationStore();
    store.setUser(customer);
    const first = store.applySummary(summary({ lastSeq: 1, lastMessage: wire(1, agent) }));
    assert.deepEqual(
      first.map((c) => [c.message.seq, c.isNew]),
      [[1, false]],
    );
    const next = store.applySummary(summary({ lastSeq: 2, lastMessage: wire(2, agent) }));
    assert.deepEqual(
      next.map((c) => [c.message.seq, c.isNew]),
      [[2, true]],
    );
  });

  it('leaves the last message of a resumed conversation to the resume, so it arrives in order', () => {
    const store = storeAs(customer);
    store.applyHistory(CID, { messages: [wire(1, agent)], hasMore: false }, true);
    assert.deepEqual(store.applySummary(summary({ lastSeq: 3, lastMessage: wire(3, agent) })), []);
    assert.equal(store.unread(CID), 3, 'the unknown seqs still count as unread');
    assert.equal(store.receive(wire(2, agent))?.isNew, true);
    assert.equal(store.receive(wire(3, agent))?.isNew, true);
    assert.deepEqual(store.resumePoints(), { [CID]: 3 });
  });
});

describe('ConversationStore unread', () => {
  it('counts messages from others above my read mark, and clears them on markRead', () => {
    const store = storeAs(customer);
    store.receive(wire(1, agent));
    store.receive(wire(2, customer));
    store.receive(wire(3, agent));
    assert.equal(store.unread(CID), 2);
    assert.equal(store.markRead(CID), 3);
    assert.equal(store.unread(CID), 0);
    assert.equal(store.markRead(CID), undefined, 'nothing new to mark');
    store.receive(wire(4, agent));
    assert.equal(store.unread(CID), 1);
    assert.equal(store.totalUnread(), 1);
  });

  it('counts seqs not loaded yet as unread from the summary alone', () => {
    const store = new ConversationStore();
    store.setUser(agent);
    store.applySummary(summary({ lastSeq: 5, readUpTo: { a1: 2 }, lastMessage: wire(5, customer) }));
    assert.equal(store.unread(CID), 3);
    assert.equal(store.view(CID)?.hasMore, true);
  });

  it('follows my read mark moved by another tab (a receipt with my user id)', () => {
    const store = storeAs(customer);
    store.receive(wire(1, agent));
    store.receive(wire(2, agent));
    store.applyReceipt({ conversationId: CID, userId: customer.id, kind: 'read', upTo: 1 });
    assert.equal(store.unread(CID), 1);
  });
});

describe('ConversationStore receipts', () => {
  it('turns other members receipts into delivered and read statuses of my messages', () => {
    const store = storeAs(customer);
    store.receive(wire(1, customer));
    store.receive(wire(2, customer));
    store.receive(wire(3, customer));
    let changes = store.applyReceipt({ conversationId: CID, userId: agent.id, kind: 'delivered', upTo: 2 });
    assert.deepEqual(
      changes.map((c) => [c.message.seq, c.message.status]),
      [
        [1, 'delivered'],
        [2, 'delivered'],
      ],
    );
    changes = store.applyReceipt({ conversationId: CID, userId: agent.id, kind: 'read', upTo: 1 });
    assert.deepEqual(
      changes.map((c) => [c.message.seq, c.message.status]),
      [[1, 'read']],
    );
    assert.deepEqual(
      store.view(CID)?.messages.map((m) => m.status),
      ['read', 'delivered', 'sent'],
    );
  });

  it('ignores my own receipts for my statuses and stale receipts entirely', () => {
    const store = storeAs(customer);
    store.receive(wire(1, customer));
    assert.deepEqual(store.applyReceipt({ conversationId: CID, userId: customer.id, kind: 'read', upTo: 1 }), []);
    assert.equal(store.view(CID)?.messages[0]?.status, 'sent');
    store.applyReceipt({ conversationId: CID, userId: agent.id, kind: 'read', upTo: 1 });
    assert.deepEqual(store.applyReceipt({ conversationId: CID, userId: agent.id, kind: 'delivered', upTo: 1 }), []);
    assert.equal(store.view(CID)?.messages[0]?.status, 'read');
  });

  it('gives an acknowledged message the status the summary receipts already imply', () => {
    const store = new ConversationStore();
    store.setUser(customer);
    store.applySummary(summary({ lastSeq: 4, deliveredUpTo: { a1: 5 } }));
    store.addLocal(local('x'));
    assert.equal(store.acknowledge(CID, 'x', 5, 1)?.status, 'delivered');
  });

  it('reports a delivered mark only for new messages from others', () => {
    const store = storeAs(customer);
    store.receive(wire(1, agent));
    store.receive(wire(2, customer));
    assert.equal(store.deliveredToReport(CID), 1);
    store.noteDelivered(CID, 1);
    assert.equal(store.deliveredToReport(CID), undefined);
    store.receive(wire(3, agent));
    assert.equal(store.deliveredToReport(CID), 3);
  });
});

describe('ConversationStore typing and views', () => {
  it('shows others typing, ignores me, and expires entries not refreshed', () => {
    const store = storeAs(customer);
    assert.equal(store.setTyping({ conversationId: CID, user: customer, typing: true }, 0), false);
    assert.equal(store.setTyping({ conversationId: CID, user: agent, typing: true }, 0), true);
    assert.equal(store.setTyping({ conversationId: CID, user: agent, typing: true }, 1000), false, 'a refresh');
    assert.deepEqual(store.view(CID)?.typing, [agent]);
    assert.equal(store.nextTypingExpiry(), 1000 + TYPING_TTL_MS);
    assert.deepEqual(store.expireTyping(TYPING_TTL_MS), []);
    assert.deepEqual(store.expireTyping(1000 + TYPING_TTL_MS), [{ conversationId: CID, user: agent, typing: false }]);
    assert.deepEqual(store.view(CID)?.typing, []);
  });

  it('lists conversations most recently updated first', () => {
    const store = new ConversationStore();
    store.setUser(agent);
    store.applySummary(summary({ id: 'old', updatedAt: 1 }));
    store.applySummary(summary({ id: 'new', updatedAt: 3 }));
    store.applySummary(summary({ id: 'mid', updatedAt: 2 }));
    assert.deepEqual(
      store.views().map((v) => v.id),
      ['new', 'mid', 'old'],
    );
    store.receive({ ...wire(1, customer), conversationId: 'old', at: 10 });
    assert.equal(store.views()[0]?.id, 'old');
  });

  it('keeps a view object stable until something in the conversation changes', () => {
    const store = storeAs(customer);
    const first = store.view(CID);
    assert.equal(store.view(CID), first);
    store.receive(wire(1, agent));
    assert.notEqual(store.view(CID), first);
  });
});
