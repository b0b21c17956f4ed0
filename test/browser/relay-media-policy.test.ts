/**
 * The relay media transport's decisions, fed by hand: bitrate degradation steps, quality from
 * stats reports, and ICE recovery driven by a stand-in peer connection (an `EventTarget` with
 * the three state fields and `restartIce()`).
 */
import { expect } from '@esm-bundle/chai';
import type { MediaConnectionState } from '../../src/transports/media-types.js';
import { BitrateDegradation } from '../../src/transports/relay/bitrate-degradation.js';
import { CallQualityStats } from '../../src/transports/relay/call-quality-stats.js';
import { IceRecovery } from '../../src/transports/relay/ice-recovery.js';
import { parseMediaStateMessage } from '../../src/transports/relay/media-state-channel.js';
import { degradationPreferenceFor } from '../../src/transports/relay/video-sender-parameters.js';

describe('BitrateDegradation', () => {
  it('steps the cap down on each bad report and up after a run of good ones', () => {
    const policy = new BitrateDegradation({ recoverAfter: 2 });
    const caps: string[] = [];
    const feed = (lossFraction: number, rttMs = 20): void => {
      policy.assess({ lossFraction, rttMs });
      caps.push(String(policy.maxBitrateBps ?? 'none'));
    };
    feed(0.01);
    feed(0.08);
    feed(0.2);
    feed(0.03); // neither bad nor good: holds, and breaks the good run
    feed(0);
    feed(0);
    feed(0);
    feed(0);
    expect(caps.join(',')).to.equal('none,1000000,500000,500000,500000,1000000,1000000,none');
    expect(policy.degraded).to.equal(false);
  });

  it('treats a long round trip as bad, stops at the lowest step, and ignores empty reports', () => {
    const policy = new BitrateDegradation({ steps: [400_000, 100_000] });
    expect(policy.assess({})).to.equal(false);
    expect(policy.assess({ rttMs: 900 })).to.equal(true);
    expect(policy.assess({ rttMs: 900 })).to.equal(true);
    expect(policy.assess({ rttMs: 900 })).to.equal(false);
    expect(policy.maxBitrateBps).to.equal(100_000);
    policy.reset();
    expect(policy.maxBitrateBps).to.equal(undefined);
  });

  it('keeps the frame rate of a camera and the resolution of a screen share', () => {
    expect(degradationPreferenceFor('motion')).to.equal('maintain-framerate');
    expect(degradationPreferenceFor('detail')).to.equal('maintain-resolution');
  });
});

/** A stats report as a `Map`, timestamped `at` ms. */
function report(at: number, video: Record<string, unknown>, audio: Record<string, unknown> = {}, extra: Record<string, unknown>[] = []): Map<string, unknown> {
  const entries: Record<string, unknown>[] = [
    { id: 'T', type: 'transport', timestamp: at, selectedCandidatePairId: 'CP' },
    { id: 'CP', type: 'candidate-pair', timestamp: at, currentRoundTripTime: 0.042, nominated: true, state: 'succeeded' },
    { id: 'IV', type: 'inbound-rtp', kind: 'video', timestamp: at, ...video },
    { id: 'IA', type: 'inbound-rtp', kind: 'audio', timestamp: at, bytesReceived: 0, packetsReceived: 0, packetsLost: 0, ...audio },
    ...extra,
  ];
  return new Map(entries.map((entry) => [String(entry.id), entry]));
}

describe('CallQualityStats', () => {
  it('reads RTT, loss and bitrate over the interval, and the received video size and rate', () => {
    const stats = new CallQualityStats();
    const first = stats.sample(report(1000, { bytesReceived: 10_000, packetsReceived: 90, packetsLost: 10, frameWidth: 640, frameHeight: 480, framesPerSecond: 30 }));
    expect(JSON.stringify(first.quality)).to.equal('{"rttMs":42,"packetLoss":0.1,"width":640,"height":480,"frameRate":30}');
    const second = stats.sample(report(3000, { bytesReceived: 260_000, packetsReceived: 270, packetsLost: 30, frameWidth: 320, frameHeight: 240 }));
    // 250 000 bytes in 2 s = 1000 kbit/s; 20 lost of 200 = 10 %.
    expect(second.quality.bitrateKbps).to.equal(1000);
    expect(second.quality.packetLoss).to.equal(0.1);
    expect(second.quality.width).to.equal(320);
    expect(second.sender.lossFraction).to.equal(0.1);
    expect(second.sender.rttMs).to.equal(42);
  });

  it('measures back-to-back samples against a report at least a second old', () => {
    const stats = new CallQualityStats();
    stats.sample(report(0, { bytesReceived: 0, packetsReceived: 0, packetsLost: 0 }));
    stats.sample(report(2000, { bytesReceived: 100_000, packetsReceived: 100, packetsLost: 0 }));
    const soon = stats.sample(report(2050, { bytesReceived: 101_000, packetsReceived: 101, packetsLost: 0 }));
    // Against the report at 0 ms (the one at 2000 ms is too recent): 101 000 bytes in 2.05 s.
    expect(soon.quality.bitrateKbps).to.equal(394);
  });

  it('prefers the peer\'s receiver report for the sender\'s health', () => {
    const stats = new CallQualityStats();
    const remote = { id: 'RIV', type: 'remote-inbound-rtp', kind: 'video', timestamp: 0, fractionLost: 0.25, roundTripTime: 0.5 };
    const { sender } = stats.sample(report(0, { bytesReceived: 1, packetsReceived: 1, packetsLost: 0 }, {}, [remote]));
    expect(sender.lossFraction).to.equal(0.25);
    expect(sender.rttMs).to.equal(500);
  });

  it('starts over when the streams were replaced, and reports nothing it does not know', () => {
    const stats = new CallQualityStats();
    stats.sample(report(0, { bytesReceived: 50_000, packetsReceived: 50, packetsLost: 0 }));
    const replaced = stats.sample(report(2000, { bytesReceived: 1000, packetsReceived: 2, packetsLost: 0 }));
    expect(replaced.quality.bitrateKbps).to.equal(undefined);
    expect(JSON.stringify(new CallQualityStats().sample(new Map()).quality)).to.equal('{}');
  });
});

/** Stands in for `RTCPeerConnection` in `IceRecovery`: its state fields and `restartIce()`. */
class StandInPeerConnection extends EventTarget {
  connectionState: RTCPeerConnectionState = 'new';
  iceConnectionState: RTCIceConnectionState = 'new';
  signalingState: RTCSignalingState = 'stable';
  restarts = 0;

  restartIce(): void {
    this.restarts++;
  }

  set(connection: RTCPeerConnectionState, ice: RTCIceConnectionState = this.iceConnectionState): void {
    this.connectionState = connection;
    this.iceConnectionState = ice;
    this.dispatchEvent(new Event('iceconnectionstatechange'));
    this.dispatchEvent(new Event('connectionstatechange'));
  }
}

function watch(options: { disconnectedRestartMs?: number; recoveryTimeoutMs?: number; minRestartIntervalMs?: number } = {}) {
  const pc = new StandInPeerConnection();
  const lifetime = new AbortController();
  const states: MediaConnectionState[] = [];
  const recovery = new IceRecovery({
    pc: pc as unknown as RTCPeerConnection,
    signal: lifetime.signal,
    onState: (state) => {
      if (states.at(-1) !== state) states.push(state);
    },
    requestRestart: () => pc.restartIce(),
    minRestartIntervalMs: 0,
    ...options,
  });
  stops.push(() => lifetime.abort());
  return { pc, states, recovery, stop: () => lifetime.abort() };
}

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('IceRecovery', () => {
  it('maps connecting, connected and disconnected (reconnecting), restarting ICE when disconnected lasts', async () => {
    const { pc, states } = watch({ disconnectedRestartMs: 50 });
    pc.set('connecting', 'checking');
    pc.set('connected', 'connected');
    pc.set('disconnected', 'disconnected');
    expect(pc.restarts).to.equal(0);
    await sleep(120);
    expect(pc.restarts).to.equal(1);
    pc.set('connected', 'connected');
    expect(states.join(',')).to.equal('connecting,connected,reconnecting,connected');
  });

  it('does not restart when a short disconnection heals by itself', async () => {
    const { pc } = watch({ disconnectedRestartMs: 80 });
    pc.set('connected', 'connected');
    pc.set('disconnected', 'disconnected');
    await sleep(20);
    pc.set('connected', 'connected');
    await sleep(120);
    expect(pc.restarts).to.equal(0);
  });

  it('restarts once after failed; failing again is final', () => {
    const { pc, states } = watch();
    pc.set('connected', 'connected');
    pc.set('failed', 'failed');
    expect(pc.restarts).to.equal(1);
    pc.dispatchEvent(new Event('connectionstatechange'));
    expect(states.at(-1)).to.equal('reconnecting');
    pc.set('connecting', 'checking');
    pc.set('failed', 'failed');
    expect(pc.restarts).to.equal(1);
    expect(states.join(',')).to.equal('connected,reconnecting,failed');
    pc.set('connected', 'connected');
    expect(states.at(-1)).to.equal('failed');
  });

  it('gets a fresh restart for a new failure once the call is back', () => {
    const { pc } = watch();
    pc.set('connected', 'connected');
    pc.set('failed', 'failed');
    pc.set('connected', 'connected');
    pc.set('failed', 'failed');
    expect(pc.restarts).to.equal(2);
  });

  it('gives up when the restart after failed gets nowhere', async () => {
    const { pc, states } = watch({ recoveryTimeoutMs: 60 });
    pc.set('connected', 'connected');
    pc.set('failed', 'failed');
    await sleep(120);
    expect(states.join(',')).to.equal('connected,reconnecting,failed');
  });

  it('restarts when the browser comes back online, only once connected', () => {
    const { pc } = watch();
    window.dispatchEvent(new Event('online'));
    expect(pc.restarts).to.equal(0);
    pc.set('connected', 'connected');
    window.dispatchEvent(new Event('online'));
    expect(pc.restarts).to.equal(1);
  });

  it('makes one restart of a burst of triggers', () => {
    const { pc, recovery } = watch({ minRestartIntervalMs: 1000 });
    pc.set('connected', 'connected');
    recovery.restart();
    window.dispatchEvent(new Event('online'));
    recovery.restart();
    expect(pc.restarts).to.equal(1);
    expect(recovery.restartCount).to.equal(1);
  });

  it('stops listening when aborted', () => {
    const { pc, states, stop } = watch();
    pc.set('connected', 'connected');
    stop();
    pc.set('failed', 'failed');
    window.dispatchEvent(new Event('online'));
    expect(pc.restarts).to.equal(0);
    expect(states.join(',')).to.equal('connected');
  });
});

describe('media-state messages', () => {
  it('accepts exactly two booleans', () => {
    expect(JSON.stringify(parseMediaStateMessage('{"audio":false,"video":true}'))).to.equal('{"audio":false,"video":true}');
    expect(parseMediaStateMessage('{"audio":"no","video":true}')).to.equal(undefined);
    expect(parseMediaStateMessage('not json')).to.equal(undefined);
    expect(parseMediaStateMessage(new ArrayBuffer(2))).to.equal(undefined);
  });
});
