/**
 * The relay transport's audio-only fallback in real Chromium: two transports in one page. Loopback
 * never starves, so the sender's thresholds are set so that any uplink counts as starved (pause)
 * and, while paused, as recovered (resume): what is checked is what a pause does to the real
 * sender and receiver, not when the policy decides (test/unit/media/video-fallback.test.ts).
 */
import { expect } from '@esm-bundle/chai';
import type { NetworkVideoPauseEvent, RemoteMediaStateEvent } from '../../src/transports/media-types.js';
import { RelayMediaTransport } from '../../src/transports/relay/relay-media-transport.js';
import type { VideoFallbackOptions } from '../../src/transports/relay/video-fallback.js';
import { playVideo, recordingPeerConnection, removeVideos, signalPair, waitFor, type SignalPair } from './relay-media-harness.js';

interface Side {
  media: RelayMediaTransport;
  pcs: RTCPeerConnection[];
  pauses: NetworkVideoPauseEvent[];
  remoteStates: RemoteMediaStateEvent[];
  camera?: MediaStreamTrack;
}

const cleanups: (() => void | Promise<void>)[] = [];

function side(pair: SignalPair, which: 'a' | 'b', videoFallback: VideoFallbackOptions | false): Side {
  const { Impl, instances } = recordingPeerConnection();
  const media = new RelayMediaTransport({ signalling: pair[which], RTCPeerConnectionImpl: Impl, qualityIntervalMs: 250, videoFallback });
  const result: Side = { media, pcs: instances, pauses: [], remoteStates: [] };
  media.on('network-video-pause', (event) => result.pauses.push(event));
  media.on('remote-media-state', (state) => result.remoteStates.push(state));
  cleanups.push(() => media.leave());
  return result;
}

/** A caller whose fallback uses `fallback`, and a callee that never pauses, both sending the fake camera. */
async function call(fallback: VideoFallbackOptions): Promise<{ a: Side; b: Side }> {
  const pair = signalPair();
  cleanups.push(() => pair.close());
  const a = side(pair, 'a', fallback);
  const b = side(pair, 'b', false);
  const streams = await Promise.all([a, b].map(() => navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 320, height: 240 } })));
  const joined = Promise.all([
    a.media.join({ callId: pair.callId, conversationId: 'conv-1', selfId: 'caller', polite: false, timeoutMs: 10_000 }),
    b.media.join({ callId: pair.callId, conversationId: 'conv-1', selfId: 'callee', polite: true, timeoutMs: 10_000 }),
  ]);
  const [streamA, streamB] = streams;
  a.camera = streamA?.getVideoTracks()[0];
  await Promise.all([
    a.media.publish({ audio: streamA?.getAudioTracks()[0], video: a.camera }),
    b.media.publish({ audio: streamB?.getAudioTracks()[0], video: streamB?.getVideoTracks()[0] }),
  ]);
  await joined;
  return { a, b };
}

/** Inbound counters of `target`'s peer connection: video frames decoded and audio packets received. */
async function inbound(target: Side): Promise<{ frames: number; audioPackets: number }> {
  const report = await target.pcs[0]?.getStats();
  const result = { frames: 0, audioPackets: 0 };
  report?.forEach((stats: { type: string; kind?: string; framesDecoded?: number; packetsReceived?: number }) => {
    if (stats.type !== 'inbound-rtp') return;
    if (stats.kind === 'video') result.frames = stats.framesDecoded ?? 0;
    if (stats.kind === 'audio') result.audioPackets = stats.packetsReceived ?? 0;
  });
  return result;
}

function videoSender(target: Side): RTCRtpSender | undefined {
  return target.pcs[0]?.getSenders().find((sender) => sender.track?.kind === 'video');
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  removeVideos();
});

describe('RelayMediaTransport audio-only fallback', function () {
  this.timeout(30_000);

  it('pauses the sent video (camera kept), tells the peer, whose audio goes on and whose picture keeps its last frame', async () => {
    // Every uplink is "starved"; no probe within the test.
    const { a, b } = await call({ pauseBelowBps: Number.MAX_SAFE_INTEGER, pauseAfterMs: 500, resumeAboveBps: Number.MAX_SAFE_INTEGER, probeAfterMs: 60_000 });
    const remote = await waitFor(() => b.media.remoteStream, 'the remote stream');
    const video = await playVideo(remote);
    await waitFor(async () => (await inbound(b)).frames > 10, 'frames decoded before the pause');

    await waitFor(() => a.pauses.length > 0, 'the sender pauses', 10_000);
    expect(a.pauses).to.deep.equal([{ side: 'local', paused: true }]);
    expect(a.media.videoPausedByNetwork).to.equal(true);
    await waitFor(() => b.pauses.length > 0, 'the peer hears of it');
    expect(b.pauses).to.deep.equal([{ side: 'remote', paused: true }]);
    expect(b.remoteStates.at(-1)).to.deep.equal({ audio: true, video: true }, 'not a camera-off');
    expect(a.camera?.readyState).to.equal('live');
    expect(a.camera?.enabled).to.equal(true);
    const encodings = videoSender(a)?.getParameters().encodings ?? [];
    expect(encodings.map((encoding) => encoding.active)).to.deep.equal([false]);

    // Let frames in flight drain, then nothing new is decoded while audio keeps arriving.
    await sleep(1_000);
    const before = await inbound(b);
    await sleep(1_500);
    const after = await inbound(b);
    expect(after.frames - before.frames).to.be.at.most(1);
    expect(after.audioPackets - before.audioPackets).to.be.above(30);
    expect(video.videoWidth).to.be.above(0, 'the last frame is still there to show');
    expect(remote.getVideoTracks()[0]?.readyState).to.equal('live');
  });

  it('resumes by itself when the uplink recovers, at the lowest bitrate, and the peer hears it is back', async () => {
    // Starved at first; while paused, any estimate counts as recovered (after 500 ms).
    const { a, b } = await call({ pauseBelowBps: Number.MAX_SAFE_INTEGER, pauseAfterMs: 500, resumeAboveBps: 0, resumeAfterMs: 500, graceMs: 60_000 });
    await waitFor(() => a.pauses.length >= 2, 'a pause and a resume', 10_000);
    expect(a.pauses.slice(0, 2)).to.deep.equal([
      { side: 'local', paused: true },
      { side: 'local', paused: false },
    ]);
    await waitFor(() => b.pauses.length >= 2, 'the peer hears both');
    expect(b.pauses.slice(0, 2).map((event) => event.paused)).to.deep.equal([true, false]);
    const sender = videoSender(a);
    await waitFor(() => sender?.getParameters().encodings[0]?.active === true, 'the encoding active again');
    expect(sender?.getParameters().encodings[0]?.maxBitrate).to.equal(125_000);
    const start = await inbound(b);
    await waitFor(async () => (await inbound(b)).frames > start.frames + 10, 'frames decoded again');
  });

  it('a user who turns the camera off during a pause ends it: the peer hears camera off, not a network pause', async () => {
    const { a, b } = await call({ pauseBelowBps: Number.MAX_SAFE_INTEGER, pauseAfterMs: 500, resumeAboveBps: Number.MAX_SAFE_INTEGER, probeAfterMs: 60_000 });
    await waitFor(() => b.pauses.length > 0, 'the peer hears of the pause', 10_000);
    await a.media.setVideoEnabled(false);
    expect(a.pauses.at(-1)).to.deep.equal({ side: 'local', paused: false });
    await waitFor(() => videoSender(a)?.getParameters().encodings[0]?.active === true, 'the encoding active again (black frames, as for camera off)');
    await waitFor(() => b.pauses.at(-1)?.paused === false, 'the peer hears the network pause is over');
    expect(b.remoteStates.at(-1)).to.deep.equal({ audio: true, video: false });
    await sleep(1_000);
    expect(a.pauses.length).to.equal(2, 'no pause of a camera that is off');
  });
});
