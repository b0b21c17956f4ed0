/**
 * The group commit's store side (`SupportStore.sendBatch`): a batch runs without a lookup or a
 * savepoint per message, and falls back to the careful way when a message in it is a resend or
 * fails, so every message still gets the answer it got before: a resend its stored seq, an
 * unknown conversation its own refusal, the others their next seq, all in one transaction.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { afterEach, describe, it } from 'node:test';
import { SupportStore, UnknownConversation } from '../../../server/store.js';
import type { NewMessage, SendResult } from '../../../server/store.js';
import { tempDir } from './relay-harness.js';

const ANA = { id: 'ana', name: 'Ana', role: 'customer' as const };
const ALEX = { id: 'alex', name: 'Alex', role: 'agent' as const };

function draft(conversationId: string, clientMsgId: string, from: NewMessage['from'] = ANA): NewMessage {
  return { shop: 'demo', conversationId, clientMsgId, kind: 'text', body: `body of ${clientMsgId}`, from };
}

/** The seq of a stored (or resent) message; fails on anything else. */
function seqOf(result: SendResult | Error | undefined): number {
  assert.ok(result !== undefined && !(result instanceof Error), `a stored message, got ${String(result)}`);
  return result.message.seq;
}

describe('SupportStore.sendBatch (group commit)', () => {
  let dir: string | undefined;
  let store: SupportStore | undefined;

  afterEach(() => {
    store?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    store = undefined;
    dir = undefined;
  });

  function open(): SupportStore {
    dir = tempDir('send-batch-');
    store = new SupportStore(dir);
    store.ensureConversation('c-ana', 'demo', { id: 'ana', name: 'Ana' }, 1000);
    store.ensureConversation('c-ben', 'demo', { id: 'ben', name: 'Ben' }, 1000);
    return store;
  }

  it('stores every message of a batch with the next seq of its conversation', () => {
    const s = open();
    const results = s.sendBatch([draft('c-ana', 'a1'), draft('c-ben', 'b1'), draft('c-ana', 'a2')], 2000);
    assert.deepEqual(results.map(seqOf), [1, 1, 2]);
    assert.deepEqual(
      results.map((r) => !(r instanceof Error) && r.duplicate),
      [false, false, false],
    );
    assert.equal(s.getConversation('demo', 'c-ana')?.lastSeq, 2);
  });

  it('answers a resend in a batch with its stored seq, and stores the rest without a gap', () => {
    const s = open();
    s.sendBatch([draft('c-ana', 'a1')], 2000);
    // A resend of a1, a new message, and the same new message twice in one batch.
    const results = s.sendBatch([draft('c-ana', 'a2'), draft('c-ana', 'a1'), draft('c-ana', 'a3'), draft('c-ana', 'a3')], 3000);
    assert.deepEqual(results.map(seqOf), [2, 1, 3, 3]);
    assert.deepEqual(
      results.map((r) => !(r instanceof Error) && r.duplicate),
      [false, true, false, true],
    );
    assert.deepEqual(
      s.messagesAfter('demo', 'c-ana', 0, 10).map((m) => [m.seq, m.clientMsgId]),
      [
        [1, 'a1'],
        [2, 'a2'],
        [3, 'a3'],
      ],
    );
  });

  it('keeps the other side’s message with the same clientMsgId apart', () => {
    const s = open();
    const results = s.sendBatch([draft('c-ana', 'same'), draft('c-ana', 'same', ALEX)], 2000);
    assert.deepEqual(results.map(seqOf), [1, 2]);
  });

  it('refuses a message to an unknown conversation alone, and stores the others', () => {
    const s = open();
    const results = s.sendBatch([draft('c-ana', 'a1'), draft('c-gone', 'g1'), draft('c-ben', 'b1')], 2000);
    assert.equal(seqOf(results[0]), 1);
    assert.ok(results[1] instanceof UnknownConversation);
    assert.equal(seqOf(results[2]), 1);
    // Another shop's conversation of the same id is unknown to this one.
    assert.ok(s.sendBatch([{ ...draft('c-ana', 'x'), shop: 'rival' }], 2500)[0] instanceof UnknownConversation);
  });
});
