import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConversationStore } from '../../../src/core/conversation-store.js';
import { inDeskView } from '../../../src/core/desk-fields.js';
import type { ConversationSummary, UserRef, WireMessage } from '../../../src/protocol/model.js';

const customer: UserRef = { id: 'u1', name: 'Ann', role: 'customer' };
const agent: UserRef = { id: 'a1', name: 'Alex', role: 'agent' };
const CID = 'c-u1';

function wire(seq: number, from: UserRef): WireMessage {
  return { seq, conversationId: CID, clientMsgId: `m${seq}`, from, kind: 'text', body: `#${seq}`, at: 1000 + seq };
}

function summary(extra: Partial<ConversationSummary> = {}): ConversationSummary {
  return { id: CID, customer: { id: customer.id, name: customer.name }, lastSeq: 0, readUpTo: {}, deliveredUpTo: {}, updatedAt: 1000, ...extra };
}

describe('ConversationStore desk fields', () => {
  it('keeps status, assignee, labels and snooze from the latest summary, and drops what a later one leaves out', () => {
    const store = new ConversationStore();
    store.setUser(agent);
    store.applySummary(summary({ status: 'snoozed', snoozedUntil: 5000, assignee: { id: 'a1', name: 'Alex' }, labels: ['battery', 'screen'] }));
    const view = store.view(CID);
    assert.equal(view?.status, 'snoozed');
    assert.equal(view?.snoozedUntil, 5000);
    assert.deepEqual(view?.assignee, { id: 'a1', name: 'Alex' });
    assert.deepEqual(view?.labels, ['battery', 'screen']);
    assert.equal(inDeskView(view ?? {}, 'mine', 'a1'), true);
    assert.equal(inDeskView(view ?? {}, 'unassigned', 'a1'), false);
    store.applySummary(summary({ status: 'resolved' }));
    const after = store.view(CID);
    assert.equal(after?.status, 'resolved');
    assert.equal(after?.assignee, undefined, 'absent in a summary: unassigned');
    assert.equal(after?.labels, undefined);
    assert.equal(after?.snoozedUntil, undefined);
    assert.equal(inDeskView(after ?? {}, 'unassigned', 'a1'), true);
    assert.equal(inDeskView(after ?? {}, 'mine', 'a1'), false);
    assert.equal(inDeskView(after ?? {}, 'all', undefined), true);
  });
});

describe('ConversationStore: a customer and the staff-only seqs they never get', () => {
  it('moves the resume point past notes and desk events, and counts only the messages that came as unread', () => {
    const store = new ConversationStore();
    store.setUser(customer);
    store.applySummary(summary({ lastSeq: 2 }));
    store.applyHistory(CID, { messages: [wire(1, customer), wire(2, agent)], hasMore: false }, true);
    store.markRead(CID);
    assert.equal(store.unread(CID), 0);
    // Seqs 3 and 4 are an agent's note and a desk event: the relay never sends them to the customer.
    store.receive(wire(5, agent));
    assert.deepEqual(store.resumePoints(), { [CID]: 5 }, 'the resume point passes the gap');
    assert.equal(store.unread(CID), 1, 'one message came, one is unread');
    store.receive(wire(6, agent));
    assert.equal(store.unread(CID), 2);
    store.markRead(CID);
    assert.equal(store.unread(CID), 0);
  });

  it('counts no desk event as unread for staff ("Alex took the conversation" is not a message to read)', () => {
    const store = new ConversationStore();
    store.setUser(agent);
    store.applySummary(summary({ lastSeq: 0 }));
    store.applyHistory(CID, { messages: [], hasMore: false }, true);
    store.receive(wire(1, customer));
    store.receive({ ...wire(2, { id: 'a2', name: 'Sam', role: 'agent' }), kind: 'event', body: JSON.stringify({ v: 1, type: 'assigned', to: { id: 'a1', name: 'Alex' } }) });
    store.receive({ ...wire(3, { id: 'a2', name: 'Sam', role: 'agent' }), kind: 'note', body: 'serial is on the box' });
    assert.equal(store.unread(CID), 2, 'the message and the note');
  });

  it('passes the gap before my own acknowledged message too', () => {
    const store = new ConversationStore();
    store.setUser(customer);
    store.applySummary(summary({ lastSeq: 1 }));
    store.applyHistory(CID, { messages: [wire(1, agent)], hasMore: false }, true);
    store.addLocal({ clientMsgId: 'mine', conversationId: CID, from: customer, kind: 'text', body: 'hi', at: 2000, mine: true, status: 'sending' });
    store.acknowledge(CID, 'mine', 4, 2001);
    assert.deepEqual(store.resumePoints(), { [CID]: 4 });
  });
});
