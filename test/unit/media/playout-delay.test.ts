import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyPlayoutDelay, PlayoutDelay, type ReceiversLike } from '../../../src/transports/relay/playout-delay.js';

const lossyFar = { rttMs: 300, packetLoss: 0.06 };
const clean = { rttMs: 300, packetLoss: 0 };

/** Feeds the reports in order; returns `targetMs` after each one. */
function feed(policy: PlayoutDelay, reports: { rttMs?: number; packetLoss?: number }[]): (number | null)[] {
  return reports.map((report) => {
    policy.assess(report);
    return policy.targetMs;
  });
}

describe('PlayoutDelay', () => {
  it('holds video one round trip plus 100 ms on the first lossy report of a long path', () => {
    const policy = new PlayoutDelay();
    assert.equal(policy.targetMs, null);
    assert.equal(policy.assess(lossyFar), true);
    assert.equal(policy.targetMs, 400);
    assert.equal(policy.assess(lossyFar), false, 'the same path changes nothing');
  });

  it('leaves the browser alone on a short path however lossy, and on a long clean one', () => {
    assert.deepEqual(feed(new PlayoutDelay(), [{ rttMs: 80, packetLoss: 0.2 }, { rttMs: 149, packetLoss: 0.1 }]), [null, null]);
    assert.deepEqual(feed(new PlayoutDelay(), [{ rttMs: 600, packetLoss: 0 }, { rttMs: 600, packetLoss: 0.019 }]), [null, null]);
  });

  it('ignores reports without a round trip or a loss', () => {
    const policy = new PlayoutDelay();
    assert.equal(policy.assess({ packetLoss: 0.5 }), false);
    assert.equal(policy.assess({ rttMs: 500 }), false);
    assert.equal(policy.targetMs, null);
  });

  it('caps the delay at 600 ms and moves it only for a round trip more than 50 ms away', () => {
    const policy = new PlayoutDelay();
    assert.deepEqual(feed(policy, [{ rttMs: 900, packetLoss: 0.05 }]), [600]);
    assert.deepEqual(feed(policy, [{ rttMs: 300, packetLoss: 0.05 }, { rttMs: 340, packetLoss: 0.05 }, { rttMs: 360, packetLoss: 0.05 }]), [400, 400, 460]);
  });

  it('gives the delay back after five clean reports in a row, not before', () => {
    const policy = new PlayoutDelay();
    const log = feed(policy, [lossyFar, clean, clean, clean, clean, lossyFar, clean, clean, clean, clean, clean]);
    assert.deepEqual(log, [400, 400, 400, 400, 400, 400, 400, 400, 400, 400, null]);
  });

  it('counts a short round trip as clean, and a loss between 1 and 2 % as neither', () => {
    const policy = new PlayoutDelay();
    const middling = { rttMs: 300, packetLoss: 0.015 };
    const near = { rttMs: 40, packetLoss: 0.1 };
    assert.deepEqual(feed(policy, [lossyFar, near, near, middling, near, near, near, near]), [400, 400, 400, 400, 400, 400, 400, 400]);
    assert.deepEqual(feed(policy, [near]), [null]);
  });

  it('holds a long path from the start on the round trip ICE measured, until clean reports say otherwise', () => {
    const policy = new PlayoutDelay();
    assert.equal(policy.prime(300), true);
    assert.equal(policy.targetMs, 400);
    assert.deepEqual(feed(policy, [{ rttMs: 300 }, clean, clean, clean, clean, clean]), [400, 400, 400, 400, 400, null]);
    assert.equal(policy.prime(300), true, 'a reconnection primes again');
    assert.equal(policy.prime(500), false, 'a delay in force is left to the reports');
    assert.equal(policy.targetMs, 400);
  });

  it('does not prime a short path or an unknown one', () => {
    const policy = new PlayoutDelay();
    assert.equal(policy.prime(149), false);
    assert.equal(policy.prime(undefined), false);
    assert.equal(policy.targetMs, null);
  });

  it('takes options and starts over on reset', () => {
    const policy = new PlayoutDelay({ lossyAt: 0.1, minRttMs: 50, marginMs: 50, maxDelayMs: 300, recoverAfter: 1 });
    assert.deepEqual(feed(policy, [{ rttMs: 100, packetLoss: 0.05 }, { rttMs: 100, packetLoss: 0.1 }, { rttMs: 400, packetLoss: 0.1 }]), [null, 150, 300]);
    assert.deepEqual(feed(policy, [{ rttMs: 100, packetLoss: 0.04 }]), [null]);
    policy.assess(lossyFar);
    policy.assess({ rttMs: 300, packetLoss: 0.2 });
    policy.reset();
    assert.equal(policy.targetMs, null);
  });
});

describe('applyPlayoutDelay', () => {
  /** Receivers as the browser hands them out: the property exists on Chromium's, not on older ones. */
  const receiver = (kind: string, withTarget = true): RTCRtpReceiver =>
    (withTarget ? { track: { kind }, jitterBufferTarget: null } : { track: { kind } }) as unknown as RTCRtpReceiver;

  it('sets the target on video receivers only, and clears it with null', () => {
    const video = receiver('video');
    const audio = receiver('audio');
    const pc: ReceiversLike = { getReceivers: () => [audio, video] };
    applyPlayoutDelay(pc, 400);
    assert.equal(video.jitterBufferTarget, 400);
    assert.equal(audio.jitterBufferTarget, null);
    applyPlayoutDelay(pc, null);
    assert.equal(video.jitterBufferTarget, null);
  });

  it('leaves a receiver without jitterBufferTarget alone', () => {
    const old = receiver('video', false);
    applyPlayoutDelay({ getReceivers: () => [old] }, 400);
    assert.equal('jitterBufferTarget' in old, false);
  });
});
