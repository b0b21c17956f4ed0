import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SeqClock, seqSuffix, seqTick } from '../../../src/transports/agora/rtm-seq.js';

describe('sender-assigned seqs', () => {
  it('are strictly increasing per conversation even within one millisecond', () => {
    const clock = new SeqClock(0, () => 1_000_000);
    const seqs = [clock.next('c'), clock.next('c'), clock.next('c')].map((n) => n.seq);
    assert.ok(seqs[0]! < seqs[1]! && seqs[1]! < seqs[2]!, String(seqs));
    assert.ok(seqs.every((s) => Number.isSafeInteger(s)));
  });

  it('sort after every seq seen in the conversation (causal order despite a slow clock)', () => {
    const clock = new SeqClock(0, () => 1_000);
    clock.observe('c', 5_000 * 1024 + 7);
    assert.ok(clock.next('c').seq > 5_000 * 1024 + 7);
    assert.equal(seqTick(clock.next('other').seq), 1_000);
  });

  it('use the server-calibrated time', () => {
    let now = 1_000_000;
    const clock = new SeqClock(0, () => now);
    clock.calibrate(1_700_000_000_000, now);
    now += 10;
    assert.equal(clock.next('c').at, 1_700_000_000_010);
  });

  it('never collide between the customer and an agent', () => {
    assert.equal(seqSuffix({ id: 'x', name: '', role: 'customer' }), 0);
    for (const id of ['a', 'agent-1', 'agent-2', 'zzz', '']) {
      const suffix = seqSuffix({ id, name: '', role: 'agent' });
      assert.ok(suffix >= 1 && suffix <= 1023, `${id}: ${suffix}`);
    }
    const customer = new SeqClock(seqSuffix({ id: 'c', name: '', role: 'customer' }), () => 42);
    const agent = new SeqClock(seqSuffix({ id: 'a', name: '', role: 'agent' }), () => 42);
    assert.notEqual(customer.next('c').seq, agent.next('c').seq);
  });
});
