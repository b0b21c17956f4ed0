import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryStorage } from '../../../src/base/storage.js';
import { Outbox, type OutboxEntry } from '../../../src/core/outbox.js';
import { SupportError } from '../../../src/protocol/errors.js';
import { TypingThrottle } from '../../../src/core/typing-throttle.js';

const entry = (clientMsgId: string): OutboxEntry => ({ clientMsgId, conversationId: 'c', kind: 'text', body: clientMsgId, at: 1 });

describe('Outbox', () => {
  it('persists entries per user and reloads them in order in a new instance', () => {
    const storage = new MemoryStorage();
    const first = new Outbox(storage);
    first.bind('u1');
    first.add(entry('a'));
    first.add(entry('b'));
    const reloaded = new Outbox(storage);
    assert.deepEqual(
      reloaded.bind('u1').map((e) => e.clientMsgId),
      ['a', 'b'],
    );
    assert.deepEqual(new Outbox(storage).bind('someone-else'), []);
  });

  it('keeps entries made before the user is known and persists them on bind', () => {
    const storage = new MemoryStorage();
    const outbox = new Outbox(storage);
    outbox.add(entry('early'));
    assert.equal(storage.getItem('support-widget:outbox:u1'), null);
    outbox.bind('u1');
    assert.deepEqual(
      new Outbox(storage).bind('u1').map((e) => e.clientMsgId),
      ['early'],
    );
  });

  it('skips failed entries in next() until they are retried, and forgets removed ones', () => {
    const storage = new MemoryStorage();
    const outbox = new Outbox(storage);
    outbox.bind('u1');
    outbox.add(entry('a'));
    outbox.add(entry('b'));
    outbox.markFailed('a', new SupportError('forbidden', 'no'));
    assert.equal(outbox.next()?.clientMsgId, 'b');
    assert.equal(new Outbox(storage).bind('u1')[0]?.failed?.code, 'forbidden');
    outbox.markPending('a');
    assert.equal(outbox.next()?.clientMsgId, 'a');
    outbox.remove('a');
    outbox.remove('b');
    assert.deepEqual(new Outbox(storage).bind('u1'), []);
  });

  it('reads an outbox stored as a plain list (before tombstones)', () => {
    const storage = new MemoryStorage();
    storage.setItem('support-widget:outbox:u1', JSON.stringify([entry('old')]));
    assert.deepEqual(
      new Outbox(storage).bind('u1').map((e) => e.clientMsgId),
      ['old'],
    );
  });

  it('survives corrupt or throwing storage', () => {
    const corrupt = new MemoryStorage();
    corrupt.setItem('support-widget:outbox:u1', '{not json');
    assert.deepEqual(new Outbox(corrupt).bind('u1'), []);
    const throwing = {
      getItem: (): string | null => {
        throw new Error('blocked');
      },
      setItem: (): void => {
        throw new Error('quota');
      },
      removeItem: (): void => undefined,
    };
    const outbox = new Outbox(throwing);
    outbox.bind('u1');
    outbox.add(entry('a'));
    assert.equal(outbox.next()?.clientMsgId, 'a');
  });
});

describe('Outbox shared by two tabs (one storage)', () => {
  const at = (clientMsgId: string, time: number): OutboxEntry => ({ ...entry(clientMsgId), at: time });
  const ids = (outbox: Outbox): string[] => outbox.list().map((e) => e.clientMsgId);

  it('merges on write: neither tab overwrites the other\'s pending messages', () => {
    const storage = new MemoryStorage();
    const tabA = new Outbox(storage);
    const tabB = new Outbox(storage);
    tabA.bind('u1');
    tabB.bind('u1'); // both loaded an empty outbox
    tabA.add(at('a1', 1));
    tabB.add(at('b1', 2)); // B never saw a1, yet a1 stays stored
    tabA.add(at('a2', 3));
    const reloaded = new Outbox(storage);
    assert.deepEqual(
      reloaded.bind('u1').map((e) => e.clientMsgId),
      ['a1', 'b1', 'a2'],
    );
  });

  it('does not bring back what another tab sent or discarded, and tells what changed', () => {
    const storage = new MemoryStorage();
    const tabA = new Outbox(storage);
    const tabB = new Outbox(storage);
    tabA.bind('u1');
    tabA.add(at('m1', 1));
    tabA.add(at('m2', 2));
    tabB.bind('u1');
    assert.deepEqual(ids(tabB), ['m1', 'm2']);
    tabB.remove('m1'); // sent by B
    tabB.remove('m2', true); // discarded in B
    const changes = tabA.sync();
    assert.deepEqual(
      changes.removed.map(({ entry: e, discarded }) => `${e.clientMsgId}:${discarded}`),
      ['m1:false', 'm2:true'],
    );
    assert.deepEqual(ids(tabA), []);
    tabA.add(at('m3', 3)); // A's next write keeps m1 and m2 out
    assert.deepEqual(
      new Outbox(storage).bind('u1').map((e) => e.clientMsgId),
      ['m3'],
    );
  });

  it('heals a write that lost this tab\'s message and keeps the newer revision of a changed one', () => {
    const storage = new MemoryStorage();
    const tabA = new Outbox(storage);
    tabA.bind('u1');
    tabA.add(at('a1', 1));
    tabA.add(at('a2', 2));
    // Another tab wrote from a stale copy: a2 missing, a1 marked failed (a newer revision).
    const stale = { v: 2, entries: [{ ...at('a1', 1), failed: { code: 'forbidden', message: 'no' }, rev: 1 }], removed: {} };
    storage.setItem('support-widget:outbox:u1', JSON.stringify(stale));
    const changes = tabA.sync();
    assert.deepEqual(changes.changed.map((e) => e.clientMsgId), ['a1']);
    assert.equal(tabA.get('a1')?.failed?.code, 'forbidden');
    assert.deepEqual(
      new Outbox(storage).bind('u1').map((e) => e.clientMsgId),
      ['a1', 'a2'],
      'a2 written back',
    );
    const listened: string[] = [];
    tabA.onForeignChange((c) => listened.push(...c.added.map((e) => e.clientMsgId)));
    const tabB = new Outbox(storage);
    tabB.bind('u1');
    tabB.add(at('b1', 5));
    tabA.add(at('a3', 6)); // A's write merges b1 in, and says so
    assert.deepEqual(listened, ['b1']);
    assert.deepEqual(ids(tabA), ['a1', 'a2', 'b1', 'a3']);
  });

  it('forgets removed ids after a day', () => {
    const storage = new MemoryStorage();
    let now = 1_000;
    const outbox = new Outbox(storage, () => now);
    outbox.bind('u1');
    outbox.add(at('m1', 1));
    outbox.remove('m1');
    assert.match(storage.getItem('support-widget:outbox:u1') ?? '', /m1/);
    now += 25 * 60 * 60 * 1000;
    outbox.add(at('m2', now));
    outbox.remove('m2');
    assert.doesNotMatch(storage.getItem('support-widget:outbox:u1') ?? '', /m1/);
  });
});

describe('TypingThrottle', () => {
  it('sends true at most every 3 s while typing and false once on stop', () => {
    const sent: [string, boolean][] = [];
    const throttle = new TypingThrottle((id, typing) => sent.push([id, typing]));
    throttle.update('c', false, 0);
    throttle.update('c', true, 0);
    throttle.update('c', true, 1000);
    throttle.update('c', true, 2999);
    throttle.update('c', true, 3000);
    throttle.update('c', false, 3500);
    throttle.update('c', false, 3600);
    assert.deepEqual(sent, [
      ['c', true],
      ['c', true],
      ['c', false],
    ]);
  });
});
