import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { VideoFallback, type VideoFallbackDecision, type VideoSendSample } from '../../../src/transports/relay/video-fallback.js';
import { videoSendSample } from '../../../src/transports/relay/video-send-stats.js';

/** Feeds one sample every 2 s (the quality interval), from `startMs`; returns the decisions in order with their times. */
function feed(policy: VideoFallback, samples: Omit<VideoSendSample, 'atMs'>[], startMs = 0): [number, VideoFallbackDecision][] {
  return samples.map((sample, index) => {
    const atMs = startMs + index * 2_000;
    return [atMs, policy.assess({ atMs, ...sample })];
  });
}

const decided = (log: [number, VideoFallbackDecision][]): [number, VideoFallbackDecision][] => log.filter(([, decision]) => decision !== undefined);
const starved = { availableOutgoingBps: 60_000 };
const healthy = { availableOutgoingBps: 900_000 };
const repeat = <T>(item: T, times: number): T[] => Array.from({ length: times }, () => item);

describe('VideoFallback', () => {
  it('pauses the video once the uplink estimate stays under 100 kbit/s for 4 s, not at the first low sample', () => {
    const policy = new VideoFallback();
    const log = feed(policy, [healthy, starved, starved, starved, starved]);
    assert.deepEqual(decided(log), [[6_000, 'pause']]);
    assert.equal(policy.paused, true);
    assert.equal(policy.pauses, 1);
  });

  it('does not pause for a short dip', () => {
    const policy = new VideoFallback();
    const log = feed(policy, [starved, starved, healthy, starved, starved, healthy, healthy]);
    assert.deepEqual(decided(log), []);
    assert.equal(policy.paused, false);
  });

  it('pauses a video the encoder cannot send for want of bandwidth (under 3 fps), whatever the estimate', () => {
    const policy = new VideoFallback();
    const stalled = [0, 2, 4, 6, 8].map((framesSent) => ({ availableOutgoingBps: 150_000, limitedByBandwidth: true, framesSent: 600 + framesSent }));
    assert.deepEqual(decided(feed(policy, stalled)), [[6_000, 'pause']]);
    // The same frame rate limited by the CPU (or nothing) is not the network's doing.
    const cpu = new VideoFallback();
    assert.deepEqual(decided(feed(cpu, stalled.map((sample) => ({ ...sample, limitedByBandwidth: false })))), []);
  });

  it('probes again 12 s after a pause at the lowest bitrate, and pauses again at once when it is still starved', () => {
    const policy = new VideoFallback();
    feed(policy, repeat(starved, 3));
    assert.equal(policy.paused, true, 'paused at 4 s');
    // Paused at 4 s: the probe comes at 16 s.
    const log = feed(policy, repeat(starved, 10), 6_000);
    assert.deepEqual(decided(log), [
      [16_000, 'resume'],
      // Grace of 4 s for the encoder, then the first starved sample pauses (no 4 s wait).
      [20_000, 'pause'],
    ]);
    assert.equal(policy.maxBitrateBps(16_000), undefined, 'paused: no cap to apply');
    assert.equal(policy.pauses, 2);
  });

  it('resumes before the probe when the estimate has recovered for 3 s, capped at 125 kbit/s for 10 s', () => {
    const policy = new VideoFallback();
    feed(policy, repeat(starved, 3));
    const log = feed(policy, [starved, healthy, healthy, healthy], 6_000);
    assert.deepEqual(decided(log), [[12_000, 'resume']]);
    assert.equal(policy.maxBitrateBps(12_000), 125_000);
    assert.equal(policy.maxBitrateBps(21_999), 125_000);
    assert.equal(policy.maxBitrateBps(22_000), undefined);
    // A recovered video needs the full 4 s of starvation again to pause.
    assert.deepEqual(decided(feed(policy, [starved, starved], 16_000)), []);
    assert.deepEqual(decided(feed(policy, [starved], 20_000)), [[20_000, 'pause']]);
  });

  it('stays sending after a probe that finds the network good', () => {
    const policy = new VideoFallback();
    feed(policy, repeat(starved, 3));
    const log = feed(policy, [...repeat({ availableOutgoingBps: 200_000 }, 6), ...repeat({ availableOutgoingBps: 200_000 }, 6)], 6_000);
    assert.deepEqual(decided(log), [[16_000, 'resume']]);
    assert.equal(policy.paused, false);
  });

  it('forgets a pause on reset (the camera was turned off) and says it was paused', () => {
    const policy = new VideoFallback();
    feed(policy, repeat(starved, 3));
    assert.equal(policy.reset(), true);
    assert.equal(policy.paused, false);
    assert.equal(policy.reset(), false);
    assert.deepEqual(decided(feed(policy, repeat(starved, 2))), []);
  });
});

describe('videoSendSample', () => {
  it('reads the selected pair\'s estimate and the sent video\'s limitation and frames', () => {
    const report = new Map<string, unknown>([
      ['T1', { type: 'transport', selectedCandidatePairId: 'P2' }],
      ['P1', { type: 'candidate-pair', nominated: true, state: 'succeeded', availableOutgoingBitrate: 999_000 }],
      ['P2', { type: 'candidate-pair', nominated: true, state: 'succeeded', availableOutgoingBitrate: 64_000 }],
      ['O1', { type: 'outbound-rtp', kind: 'audio', framesSent: 0 }],
      ['O2', { type: 'outbound-rtp', kind: 'video', framesSent: 420, qualityLimitationReason: 'bandwidth' }],
    ]);
    assert.deepEqual(videoSendSample(report, 5), { atMs: 5, availableOutgoingBps: 64_000, limitedByBandwidth: true, framesSent: 420 });
  });

  it('says nothing it does not know', () => {
    assert.deepEqual(videoSendSample(new Map(), 7), { atMs: 7 });
    const noEstimate = new Map<string, unknown>([['O', { type: 'outbound-rtp', kind: 'video', qualityLimitationReason: 'none' }]]);
    assert.deepEqual(videoSendSample(noEstimate, 1), { atMs: 1, limitedByBandwidth: false });
  });
});
