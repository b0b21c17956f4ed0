import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectionLoop, type ConnectionAttempt } from '../../../src/core/connection-loop.js';
import { SupportError } from '../../../src/protocol/errors.js';
import type { ReconnectPolicy } from '../../../src/core/reconnect-policy.js';
import type { ConnectionState } from '../../../src/core/types.js';

/** A loop whose attempts follow a script of outcomes (an error to throw, or undefined to succeed). */
function scripted(outcomes: (SupportError | undefined)[], policy: ReconnectPolicy = { nextRetryDelayInMs: () => 5 }) {
  const attempts: ConnectionAttempt[] = [];
  const states: ConnectionState[] = [];
  const loop = new ConnectionLoop({
    policy,
    attempt: (attempt) => {
      attempts.push(attempt);
      const outcome = outcomes.shift();
      return outcome ? Promise.reject(outcome) : Promise.resolve();
    },
    onState: (state) => {
      if (states[states.length - 1] !== state) states.push(state);
    },
  });
  return { loop, attempts, states };
}

describe('ConnectionLoop', () => {
  it('retries retryable failures until it connects', async () => {
    const { loop, attempts, states } = scripted([new SupportError('network', 'down'), new SupportError('timeout', 'slow')]);
    await loop.start();
    assert.equal(attempts.length, 3);
    assert.deepEqual(states, ['connecting', 'reconnecting', 'connected']);
  });

  it('rejects the first connect on a final error without retrying', async () => {
    const { loop, attempts } = scripted([new SupportError('unauthorized', 'bad token', { retryable: false })]);
    await assert.rejects(loop.start(), (error: SupportError) => error.code === 'unauthorized');
    assert.equal(attempts.length, 1);
    assert.equal(loop.state, 'disconnected');
  });

  it('refreshes the token once after token-expired, then gives up if it is still expired', async () => {
    const expired = (): SupportError => new SupportError('token-expired', 'old', { retryable: false });
    const ok = scripted([expired()]);
    await ok.loop.start();
    assert.deepEqual(
      ok.attempts.map((a) => a.forceRefresh),
      [false, true],
    );
    const stuck = scripted([expired(), expired()]);
    await assert.rejects(stuck.loop.start(), (error: SupportError) => error.code === 'token-expired');
    assert.equal(stuck.attempts.length, 2);
  });

  it('gives up when the policy returns null', async () => {
    const { loop, attempts } = scripted([new SupportError('network', 'a'), new SupportError('network', 'b')], {
      nextRetryDelayInMs: ({ retryCount }) => (retryCount < 1 ? 1 : null),
    });
    await assert.rejects(loop.start(), (error: SupportError) => error.code === 'network');
    assert.equal(attempts.length, 2);
  });

  it('reconnects after a lost connection and refreshes the token when it expired', async () => {
    const { loop, attempts, states } = scripted([]);
    await loop.start();
    loop.connectionLost(new SupportError('network', 'gone'), true);
    assert.equal(loop.state, 'reconnecting');
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(loop.state, 'connected');
    loop.connectionLost(new SupportError('token-expired', 'old', { retryable: false }), false);
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.deepEqual(
      attempts.map((a) => a.forceRefresh),
      [false, false, true],
    );
    assert.deepEqual(states, ['connecting', 'connected', 'reconnecting', 'connected', 'reconnecting', 'connected']);
  });

  it('treats a connection lost before the attempt finished as a failed attempt', async () => {
    const hooks: { lose?: () => void } = {};
    let calls = 0;
    const loop = new ConnectionLoop({
      policy: { nextRetryDelayInMs: () => 5 },
      attempt: () => {
        calls++;
        if (calls === 1) hooks.lose?.();
        return Promise.resolve();
      },
      onState: () => undefined,
    });
    hooks.lose = () => loop.connectionLost(new SupportError('network', 'dropped'), true);
    await loop.start();
    assert.equal(calls, 2);
    assert.equal(loop.state, 'connected');
  });

  it('stop() aborts the attempt in flight and rejects connect()', async () => {
    let seen: AbortSignal | undefined;
    const loop = new ConnectionLoop({
      policy: { nextRetryDelayInMs: () => 5 },
      attempt: ({ signal }) => {
        seen = signal;
        return new Promise<void>(() => undefined);
      },
      onState: () => undefined,
    });
    const started = loop.start();
    loop.stop();
    await assert.rejects(started, (error: SupportError) => error.code === 'closed');
    assert.equal(seen?.aborted, true);
    assert.equal(loop.state, 'disconnected');
  });
});
