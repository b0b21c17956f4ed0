/** Validation of the `desk` frame and of the message kinds a client may send (issue 16). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DESK_LIMITS } from '../../../src/protocol/desk.js';
import { normalizeLabel, parseClientFrame } from '../../../src/protocol/validate.js';

const desk = (action: unknown, extra: object = {}): string => JSON.stringify({ type: 'desk', requestId: 'd1', action, ...extra });

describe('desk frame validation', () => {
  it('accepts each action, keeps only its known fields, and normalises labels and shortcuts', () => {
    const cases: Array<[unknown, unknown]> = [
      [{ kind: 'assign', conversationId: 'c1', to: 'alex', expect: null, note: 'over to you', extra: 1 }, { kind: 'assign', conversationId: 'c1', to: 'alex', note: 'over to you', expect: null }],
      [{ kind: 'assign', conversationId: 'c1', to: null, note: '   ' }, { kind: 'assign', conversationId: 'c1', to: null }],
      [{ kind: 'status', conversationId: 'c1', status: 'snoozed', until: 1_800_000_000_000 }, { kind: 'status', conversationId: 'c1', status: 'snoozed', until: 1_800_000_000_000 }],
      [{ kind: 'status', conversationId: 'c1', status: 'resolved' }, { kind: 'status', conversationId: 'c1', status: 'resolved' }],
      [{ kind: 'labels', conversationId: 'c1', add: ['Screen  Flicker', 'screen flicker', 'Battery'], remove: [] }, { kind: 'labels', conversationId: 'c1', add: ['battery', 'screen-flicker'] }],
      [{ kind: 'presence', presence: 'away', capacity: 3 }, { kind: 'presence', presence: 'away', capacity: 3 }],
      [{ kind: 'agents' }, { kind: 'agents' }],
      [{ kind: 'canned-list' }, { kind: 'canned-list' }],
      [{ kind: 'canned-put', reply: { id: 'r1', shortcut: 'Battery', title: ' Battery ', body: 'Hi {{customer.name}}' } }, { kind: 'canned-put', reply: { id: 'r1', shortcut: 'battery', title: 'Battery', body: 'Hi {{customer.name}}' } }],
      [{ kind: 'canned-delete', id: 'r1' }, { kind: 'canned-delete', id: 'r1' }],
      [{ kind: 'profile', customerId: 'ana' }, { kind: 'profile', customerId: 'ana' }],
    ];
    for (const [action, expected] of cases) {
      assert.deepEqual(parseClientFrame(desk(action)), { ok: true, frame: { type: 'desk', requestId: 'd1', action: expected } }, JSON.stringify(action));
    }
  });

  it('refuses unknown actions and bad fields with bad-frame, naming the request', () => {
    const bad: unknown[] = [
      undefined,
      { kind: 'delete-everything' },
      { kind: 'assign', conversationId: 'c1' },
      { kind: 'assign', conversationId: 'c 1', to: 'alex' },
      { kind: 'assign', conversationId: 'c1', to: 'alex', note: 'x'.repeat(DESK_LIMITS.maxNoteChars + 1) },
      { kind: 'assign', conversationId: 'c1', to: 'alex', note: 'bell\u0007' },
      { kind: 'assign', conversationId: 'c1', to: 'alex', expect: 7 },
      { kind: 'status', conversationId: 'c1', status: 'closed' },
      { kind: 'status', conversationId: 'c1', status: 'snoozed' },
      { kind: 'status', conversationId: 'c1', status: 'open', until: 5 },
      { kind: 'labels', conversationId: 'c1' },
      { kind: 'labels', conversationId: 'c1', add: ['  '] },
      { kind: 'labels', conversationId: 'c1', add: ['x'.repeat(DESK_LIMITS.maxLabelChars + 1)] },
      { kind: 'labels', conversationId: 'c1', add: Array.from({ length: DESK_LIMITS.maxLabels + 1 }, (_, i) => `l${i}`) },
      { kind: 'labels', conversationId: 'c1', add: [7] },
      { kind: 'presence', presence: 'offline' },
      { kind: 'presence', presence: 'online', capacity: DESK_LIMITS.maxCapacity + 1 },
      { kind: 'canned-put', reply: { id: 'r1', shortcut: 'two words', title: 't', body: 'b' } },
      { kind: 'canned-put', reply: { id: 'r1', shortcut: 'x', title: '', body: 'b' } },
      { kind: 'canned-put', reply: { id: 'r1', shortcut: 'x', title: 't', body: '   ' } },
      { kind: 'profile' },
    ];
    for (const action of bad) {
      const parsed = parseClientFrame(desk(action));
      assert.equal(parsed.ok, false, JSON.stringify(action));
      if (!parsed.ok) assert.deepEqual([parsed.code, parsed.ref], ['bad-frame', 'd1'], JSON.stringify(action));
    }
    assert.equal(parseClientFrame(JSON.stringify({ type: 'desk', action: { kind: 'agents' } })).ok, false, 'a requestId is required');
  });

  it('lets a client send a note but never an event', () => {
    const send = (kind: string) => JSON.stringify({ type: 'send', clientMsgId: 'm1', conversationId: 'c1', kind, body: 'x' });
    assert.equal(parseClientFrame(send('note')).ok, true);
    const event = parseClientFrame(send('event'));
    assert.deepEqual(event.ok ? event : [event.code, event.ref], ['bad-frame', 'm1']);
  });

  it('normalises a label to one spelling or refuses it', () => {
    assert.equal(normalizeLabel('  Screen \t Flicker '), 'screen-flicker');
    assert.equal(normalizeLabel('保修'), '保修');
    assert.equal(normalizeLabel(' '), undefined);
    assert.equal(normalizeLabel('a\u0000b'), undefined);
  });
});
