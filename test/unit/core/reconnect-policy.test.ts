import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BackoffReconnectPolicy } from '../../../src/core/reconnect-policy.js';

describe('BackoffReconnectPolicy', () => {
  it('stays within [minDelay, min(maxDelay, base * 2^n)] for any random value', () => {
    for (const random of [() => 0, () => 0.5, () => 0.999999]) {
      const policy = new BackoffReconnectPolicy({ baseDelayMs: 100, maxDelayMs: 2000, minDelayMs: 50, random });
      for (let retryCount = 0; retryCount < 30; retryCount++) {
        const delay = policy.nextRetryDelayInMs({ retryCount, elapsedMs: 0 });
        assert.ok(delay !== null);
        const cap = Math.min(2000, 100 * 2 ** retryCount);
        assert.ok(delay >= 50 && delay <= cap + 0.5, `retry ${retryCount}: ${delay} outside [50, ${cap}]`);
      }
    }
  });

  it('grows the ceiling exponentially until the maximum', () => {
    const policy = new BackoffReconnectPolicy({ baseDelayMs: 100, maxDelayMs: 1000, minDelayMs: 0, random: () => 1 });
    const delays = [0, 1, 2, 3, 4, 5].map((retryCount) => policy.nextRetryDelayInMs({ retryCount, elapsedMs: 0 }));
    assert.deepEqual(delays, [100, 200, 400, 800, 1000, 1000]);
  });

  it('spreads delays with full jitter so clients do not reconnect in step', () => {
    const policy = new BackoffReconnectPolicy({ baseDelayMs: 1000, maxDelayMs: 1000, minDelayMs: 0 });
    const delays = new Set<number | null>();
    for (let i = 0; i < 50; i++) delays.add(policy.nextRetryDelayInMs({ retryCount: 3, elapsedMs: 0 }));
    assert.ok(delays.size > 20, `only ${delays.size} distinct delays out of 50`);
  });

  it('by default never waits more than 4 s, so a connection is back within 5 s of the network', () => {
    const policy = new BackoffReconnectPolicy({ random: () => 1 });
    for (let retryCount = 0; retryCount < 30; retryCount++) {
      const delay = policy.nextRetryDelayInMs({ retryCount, elapsedMs: retryCount * 4000 });
      assert.ok(delay !== null && delay <= 4000, `retry ${retryCount}: ${delay} ms`);
    }
  });

  it('gives up once maxElapsedMs has passed, and never without it', () => {
    const bounded = new BackoffReconnectPolicy({ maxElapsedMs: 5000 });
    assert.notEqual(bounded.nextRetryDelayInMs({ retryCount: 2, elapsedMs: 4999 }), null);
    assert.equal(bounded.nextRetryDelayInMs({ retryCount: 2, elapsedMs: 5000 }), null);
    const unbounded = new BackoffReconnectPolicy();
    assert.notEqual(unbounded.nextRetryDelayInMs({ retryCount: 1000, elapsedMs: 1e12 }), null);
  });
});
