/**
 * The small parts of call signalling: payload parsers, call ids, the call timer, remembered ids.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_RING_TIMEOUT_MS, parseEndPayload, parseInvite, parseMediaState } from '../../../src/core/call/call-signals.js';
import { createCallId } from '../../../src/core/call/call-id.js';
import { CallTimer } from '../../../src/core/call/call-timer.js';
import { RecentCallIds } from '../../../src/core/call/recent-call-ids.js';
import { isId } from '../../../src/protocol/validate.js';
import { FakeClock } from './fake-clock.js';

const BOUNDED = { timeout: 5_000 };

describe('call signal payloads', BOUNDED, () => {
  it('reads invites leniently', () => {
    assert.deepEqual(parseInvite({ video: false, askRearCamera: true, ringTimeoutMs: 20_000 }), { video: false, askRearCamera: true, ringTimeoutMs: 20_000 });
    assert.deepEqual(parseInvite(undefined), { video: true, askRearCamera: false });
    assert.deepEqual(parseInvite([1, 2]), { video: true, askRearCamera: false });
    assert.deepEqual(parseInvite({ video: 'no', askRearCamera: 'yes' }), { video: true, askRearCamera: false });
    for (const ringTimeoutMs of [0, -5, Number.POSITIVE_INFINITY, MAX_RING_TIMEOUT_MS + 1, '45000']) {
      assert.equal(parseInvite({ ringTimeoutMs }).ringTimeoutMs, undefined, String(ringTimeoutMs));
    }
  });

  it('reads media states only when well formed', () => {
    assert.deepEqual(parseMediaState({ audio: true, video: false, screen: true }), { audio: true, video: false, screen: true });
    assert.deepEqual(parseMediaState({ audio: true, video: false }), { audio: true, video: false, screen: false });
    assert.equal(parseMediaState({ audio: 1, video: false }), undefined);
    assert.equal(parseMediaState({ audio: true, video: false, screen: 'on' }), undefined);
    assert.equal(parseMediaState(null), undefined);
  });

  it('reads the reason of an ending signal', () => {
    assert.deepEqual(parseEndPayload({ reason: 'timeout' }), { reason: 'timeout' });
    assert.deepEqual(parseEndPayload({ reason: 3 }), {});
    assert.deepEqual(parseEndPayload(undefined), {});
  });
});

describe('createCallId', BOUNDED, () => {
  function withCrypto(value: unknown, run: () => void): void {
    const original = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
    Object.defineProperty(globalThis, 'crypto', { value, configurable: true, writable: true });
    try {
      run();
    } finally {
      if (original) Object.defineProperty(globalThis, 'crypto', original);
    }
  }

  it('makes unique wire-safe ids with randomUUID', () => {
    const ids = new Set(Array.from({ length: 200 }, () => createCallId()));
    assert.equal(ids.size, 200);
    for (const id of ids) assert.ok(isId(id), id);
  });

  it('falls back to getRandomValues, then Math.random, outside secure contexts', () => {
    const real = globalThis.crypto;
    withCrypto({ getRandomValues: (bytes: Uint8Array) => real.getRandomValues(bytes) }, () => {
      const id = createCallId();
      assert.match(id, /^[0-9a-f]{32}$/);
      assert.notEqual(id, createCallId());
    });
    withCrypto(undefined, () => {
      assert.match(createCallId(), /^[0-9a-f]{32}$/);
    });
    assert.ok(isId(createCallId()));
  });
});

describe('CallTimer', BOUNDED, () => {
  it('keeps one pending timeout and ignores replaced or cleared ones', () => {
    const clock = new FakeClock();
    const timer = new CallTimer(clock);
    const fired: string[] = [];
    timer.set(100, () => fired.push('first'));
    timer.set(200, () => fired.push('second'));
    assert.equal(clock.pending, 1);
    clock.advance(150);
    assert.equal(fired.length, 0);
    assert.ok(timer.armed);
    clock.advance(50);
    assert.deepEqual(fired, ['second']);
    assert.equal(timer.armed, false);
    timer.set(10, () => fired.push('third'));
    timer.clear();
    clock.advance(100);
    assert.deepEqual(fired, ['second']);
    assert.equal(clock.pending, 0);
  });
});

describe('RecentCallIds', BOUNDED, () => {
  it('remembers the most recent ids up to its capacity', () => {
    const ids = new RecentCallIds(3);
    for (const id of ['a', 'b', 'c']) ids.add(id);
    ids.add('a'); // refreshed: now the newest
    ids.add('d');
    assert.equal(ids.has('b'), false, 'the oldest is forgotten first');
    for (const id of ['a', 'c', 'd']) assert.ok(ids.has(id), id);
  });
});
