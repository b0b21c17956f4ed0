import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryStorage } from '../../../src/core/memory-storage.js';
import { Outbox, type OutboxEntry } from '../../../src/core/outbox.js';
import { SupportError } from '../../../src/core/errors.js';
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
    assert.equal(storage.getItem('support-widget:outbox:u1'), null);
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
