/**
 * RelayMediaTransport end to end in real Chromium: two transports in one page, fake camera and
 * microphone (`--use-fake-device-for-media-stream`), signalling through an in-memory channel.
 */
import { expect } from '@esm-bundle/chai';
import type { SupportError } from '../../src/protocol/errors.js';
import type { MediaConnectionState, RemoteMediaStateEvent } from '../../src/transports/media-types.js';
import type { BitrateDegradationOptions } from '../../src/transports/relay/bitrate-degradation.js';
import { RelayMediaTransport } from '../../src/transports/relay/relay-media-transport.js';
import {
  colourTrack,
  framesAdvance,
  lossyPeerConnection,
  meanColour,
  playVideo,
  recordingPeerConnection,
  removeVideos,
  signalPair,
  waitFor,
  type SignalPair,
  type SignalPairOptions,
} from './relay-media-harness.js';

/** One side of a test call, with everything the assertions look at. */
interface Side {
  media: RelayMediaTransport;
  pcs: RTCPeerConnection[];
  states: MediaConnectionState[];
  errors: string[];
  remoteStates: RemoteMediaStateEvent[];
  tracks: MediaStreamTrack[];
}

const cleanups: (() => void | Promise<void>)[] = [];

interface SideOptions {
  qualityIntervalMs?: number;
  peerConnection?: { Impl: typeof RTCPeerConnection; instances: RTCPeerConnection[] };
  degradation?: BitrateDegradationOptions;
}

function side(pair: SignalPair, which: 'a' | 'b', options: SideOptions = {}): Side {
  const { Impl, instances } = options.peerConnection ?? recordingPeerConnection();
  const media = new RelayMediaTransport({
    signalling: pair[which],
    RTCPeerConnectionImpl: Impl,
    qualityIntervalMs: options.qualityIntervalMs ?? 2000,
    degradation: options.degradation,
  });
  const result: Side = { media, pcs: instances, states: [], errors: [], remoteStates: [], tracks: [] };
  media.on('connection-state', (state) => result.states.push(state));
  media.on('error', (error: SupportError) => result.errors.push(`${error.code}: ${error.message}`));
  media.on('remote-media-state', (state) => result.remoteStates.push(state));
  cleanups.push(() => media.leave());
  return result;
}

async function camera(target: Side): Promise<{ audio: MediaStreamTrack; video: MediaStreamTrack }> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 320, height: 240 } });
  const audio = stream.getAudioTracks()[0];
  const video = stream.getVideoTracks()[0];
  if (!audio || !video) throw new Error('the fake devices gave no audio or video track');
  target.tracks.push(audio, video);
  return { audio, video };
}

function join(target: Side, pair: SignalPair, polite: boolean, timeoutMs = 10_000): Promise<void> {
  return target.media.join({ callId: pair.callId, conversationId: 'conv-1', selfId: polite ? 'callee' : 'caller', polite, timeoutMs });
}

/** A caller (impolite) and a callee (polite), both publishing the fake camera, connected. */
async function connectedCall(options: SignalPairOptions = {}, sideA: SideOptions = {}): Promise<{ pair: SignalPair; a: Side; b: Side }> {
  const pair = signalPair(options);
  cleanups.push(() => pair.close());
  const a = side(pair, 'a', sideA);
  const b = side(pair, 'b');
  const [cameraA, cameraB] = await Promise.all([camera(a), camera(b)]);
  const joined = Promise.all([join(a, pair, false), join(b, pair, true)]);
  await Promise.all([a.media.publish(cameraA), b.media.publish(cameraB)]);
  await joined;
  return { pair, a, b };
}

async function remoteVideo(target: Side): Promise<HTMLVideoElement> {
  const stream = await waitFor(() => {
    const remote = target.media.remoteStream;
    return remote && remote.getVideoTracks().length > 0 ? remote : undefined;
  }, 'a remote video track');
  return playVideo(stream);
}

/** The `SupportError` code `promise` rejects with, or `resolved`. */
async function rejectionCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return (error as Partial<SupportError>).code ?? String(error);
  }
}

function remoteKinds(target: Side): string {
  return (target.media.remoteStream?.getTracks() ?? []).map((track) => track.kind).sort().join(',');
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  removeVideos();
});

describe('RelayMediaTransport', function () {
  this.timeout(20_000);

  it('connects two peers that each receive the other\'s camera and microphone, with video frames advancing', async () => {
    const { a, b } = await connectedCall();
    expect(a.media.connectionState).to.equal('connected');
    expect(b.media.connectionState).to.equal('connected');
    expect(remoteKinds(a)).to.equal('audio,video');
    expect(remoteKinds(b)).to.equal('audio,video');
    const [videoA, videoB] = await Promise.all([remoteVideo(a), remoteVideo(b)]);
    expect(await framesAdvance(videoA)).to.be.at.least(5);
    expect(await framesAdvance(videoB)).to.be.at.least(5);
    expect(meanColour(videoA).luma).to.be.above(20);
    expect(a.states.join(',')).to.equal('connecting,connected');
    expect(a.errors.concat(b.errors).join('; ')).to.equal('');
  });

  it('connects over a slow channel where ICE candidates overtake the offer and each other', async () => {
    const { pair, a, b } = await connectedCall({ delayMs: [100, 150], iceDelayMs: [0, 60], seed: 7 });
    // The callee got candidates before the offer they belong to: they waited in the queue.
    expect(pair.b.received.indexOf('ice')).to.be.below(pair.b.received.indexOf('offer'));
    expect(remoteKinds(a)).to.equal('audio,video');
    expect(remoteKinds(b)).to.equal('audio,video');
    expect(await framesAdvance(await remoteVideo(a))).to.be.at.least(5);
    expect(await framesAdvance(await remoteVideo(b))).to.be.at.least(5);
    expect(a.errors.concat(b.errors).join('; ')).to.equal('');
  });

  it('both sides restarting ICE at the same moment makes one restart, by the caller, and the call keeps flowing', async () => {
    const { pair, a, b } = await connectedCall({ delayMs: [30, 90], iceDelayMs: [0, 120], seed: 3 });
    const videoA = await remoteVideo(a);
    const videoB = await remoteVideo(b);
    await Promise.all([framesAdvance(videoA), framesAdvance(videoB)]);
    const offersBefore = pair.a.count('offer');
    a.media.restartIce();
    b.media.restartIce();
    expect(a.media.iceRestarts).to.equal(1);
    expect(b.media.iceRestarts).to.equal(1);
    await waitFor(() => pair.a.count('offer') > offersBefore, 'the caller\'s restart offer');
    await waitFor(
      () => a.pcs[0]?.signalingState === 'stable' && a.pcs[0].iceConnectionState === 'connected' && b.pcs[0]?.iceConnectionState === 'connected',
      'the ICE restart to settle',
    );
    // The callee asked instead of offering (no collision to roll back); the caller's burst made one offer.
    expect(pair.b.count('offer')).to.equal(0);
    expect(pair.a.count('offer')).to.equal(offersBefore + 1);
    expect(new Set(pair.a.offerUfrags()).size).to.equal(2);
    // The same <video> elements keep presenting frames.
    expect(await framesAdvance(videoA)).to.be.at.least(5);
    expect(await framesAdvance(videoB)).to.be.at.least(5);
    expect(a.media.connectionState).to.equal('connected');
    expect(b.media.connectionState).to.equal('connected');
    expect(a.errors.concat(b.errors).join('; ')).to.equal('');
  });

  it('restartIce() on the callee asks the caller, who restarts ICE', async () => {
    const { pair, a, b } = await connectedCall();
    const videoB = await remoteVideo(b);
    await framesAdvance(videoB);
    b.media.restartIce();
    await waitFor(() => pair.a.offerUfrags().length === 2, 'the caller\'s restart offer');
    expect(pair.b.count('offer')).to.equal(0);
    expect(a.media.iceRestarts).to.equal(1);
    await waitFor(() => b.pcs[0]?.signalingState === 'stable' && b.pcs[0].iceConnectionState === 'connected', 'ICE to reconnect');
    expect(await framesAdvance(videoB)).to.be.at.least(5);
    expect(a.errors.concat(b.errors).join('; ')).to.equal('');
  });

  it('handles an offer that arrives before the callee joins', async () => {
    const pair = signalPair();
    cleanups.push(() => pair.close());
    const a = side(pair, 'a');
    const b = side(pair, 'b');
    const cameraA = await camera(a);
    const joinedA = join(a, pair, false);
    await a.media.publish(cameraA);
    await waitFor(() => pair.b.received.includes('offer'), 'the caller\'s offer to reach the callee');
    const cameraB = await camera(b);
    const joinedB = join(b, pair, true);
    await b.media.publish(cameraB);
    await Promise.all([joinedA, joinedB]);
    expect(await framesAdvance(await remoteVideo(b))).to.be.at.least(5);
    expect(await framesAdvance(await remoteVideo(a))).to.be.at.least(5);
    expect(a.errors.concat(b.errors).join('; ')).to.equal('');
  });

  it('connects without media; tracks published later (different on each side, at once) flow without renegotiating', async () => {
    const pair = signalPair({ delayMs: [30, 90], iceDelayMs: [0, 120], seed: 5 });
    cleanups.push(() => pair.close());
    const a = side(pair, 'a');
    const b = side(pair, 'b');
    await Promise.all([join(a, pair, false), join(b, pair, true)]);
    expect(pair.a.count('offer') + pair.b.count('offer')).to.equal(1);
    // The receivers exist from the first offer; nothing arrives on them yet.
    expect(a.media.remoteStream?.getVideoTracks()[0]?.muted).to.equal(true);
    const [cameraA, cameraB] = await Promise.all([camera(a), camera(b)]);
    await Promise.all([a.media.publish({ audio: cameraA.audio }), b.media.publish({ video: cameraB.video })]);
    expect(await framesAdvance(await remoteVideo(a))).to.be.at.least(5);
    await waitFor(() => b.media.remoteStream?.getAudioTracks()[0]?.muted === false, 'the caller\'s audio to arrive');
    await waitFor(() => a.remoteStates.at(-1)?.video === true && a.remoteStates.at(-1)?.audio === false, 'the callee\'s media state');
    expect(pair.a.count('offer') + pair.b.count('offer')).to.equal(1);
    expect(a.errors.concat(b.errors).join('; ')).to.equal('');
  });

  it('replaceVideoTrack switches to a screen-like canvas track without renegotiating; the peer sees it', async () => {
    const { pair, a, b } = await connectedCall();
    const video = await remoteVideo(b);
    await framesAdvance(video);
    expect(meanColour(video).r).to.be.below(150);
    const offersBefore = pair.a.count('offer') + pair.b.count('offer');
    const screen = colourTrack('#e00000');
    cleanups.push(() => screen.stop());
    a.tracks.push(screen.track);
    await a.media.replaceVideoTrack(screen.track, { contentHint: 'detail' });
    expect(screen.track.contentHint).to.equal('detail');
    await waitFor(() => {
      const { r, g } = meanColour(video);
      return r > 150 && g < 80;
    }, 'the remote video to turn red');
    expect(await framesAdvance(video)).to.be.at.least(5);
    expect(pair.a.count('offer') + pair.b.count('offer')).to.equal(offersBefore);
    expect(a.media.connectionState).to.equal('connected');
    const sender = a.pcs[0]?.getSenders().find((candidate) => candidate.track?.kind === 'video');
    expect(sender?.track?.id).to.equal(screen.track.id);
    expect(sender?.getParameters().degradationPreference).to.equal('maintain-resolution');
  });

  it('setVideoEnabled(false) sends black frames and tells the peer; true brings the picture back', async () => {
    const { a, b } = await connectedCall();
    const video = await remoteVideo(b);
    await framesAdvance(video);
    await waitFor(() => meanColour(video).luma > 20, 'a lit remote picture');
    await a.media.setVideoEnabled(false);
    await waitFor(() => meanColour(video).luma < 8, 'the remote picture to go black');
    await waitFor(() => b.remoteStates.at(-1)?.video === false, 'remote-media-state video: false');
    expect(b.remoteStates.at(-1)?.audio).to.equal(true);
    expect(a.tracks[1]?.readyState).to.equal('live');
    await a.media.setVideoEnabled(true);
    await waitFor(() => meanColour(video).luma > 20, 'the remote picture to come back');
    await waitFor(() => b.remoteStates.at(-1)?.video === true, 'remote-media-state video: true');
  });

  it('setAudioEnabled(false) mutes the microphone and tells the peer', async () => {
    const { a, b } = await connectedCall();
    await a.media.setAudioEnabled(false);
    expect(a.tracks[0]?.enabled).to.equal(false);
    await waitFor(() => b.remoteStates.at(-1)?.audio === false, 'remote-media-state audio: false');
    expect(b.remoteStates.at(-1)?.video).to.equal(true);
    await a.media.setAudioEnabled(true);
    expect(a.tracks[0]?.enabled).to.equal(true);
    await waitFor(() => b.remoteStates.at(-1)?.audio === true, 'remote-media-state audio: true');
  });

  it('sends a track as given: a microphone muted before publishing stays muted, and the peer knows', async () => {
    const pair = signalPair();
    cleanups.push(() => pair.close());
    const a = side(pair, 'a');
    const b = side(pair, 'b');
    const cameraA = await camera(a);
    cameraA.audio.enabled = false;
    const joined = Promise.all([join(a, pair, false), join(b, pair, true)]);
    await a.media.publish(cameraA);
    await joined;
    await waitFor(() => b.remoteStates.at(-1)?.video === true, 'the caller\'s media state');
    expect(b.remoteStates.at(-1)?.audio).to.equal(false);
    expect(cameraA.audio.enabled).to.equal(false);
  });

  it('getStats reports RTT, loss, bitrate and the received resolution and frame rate; quality events follow', async () => {
    const { a } = await connectedCall({}, { qualityIntervalMs: 300 });
    const qualities: number[] = [];
    a.media.on('quality', (quality) => qualities.push(quality.bitrateKbps ?? -1));
    await a.media.getStats();
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const quality = await a.media.getStats();
    expect(typeof quality.rttMs).to.equal('number');
    expect(quality.rttMs).to.be.at.least(0);
    expect(typeof quality.packetLoss).to.equal('number');
    expect(quality.packetLoss).to.be.within(0, 1);
    expect(quality.bitrateKbps).to.be.above(10);
    expect(quality.width).to.equal(320);
    expect(quality.height).to.equal(240);
    expect(quality.frameRate).to.be.above(0);
    await waitFor(() => qualities.length >= 2, 'two quality events');
  });

  it('caps the video bitrate while the peer reports heavy loss (camera keeps its frame rate) and lifts the cap after it recovers', async () => {
    let loss = 0;
    const peerConnection = lossyPeerConnection(() => loss);
    const { a, b } = await connectedCall({}, { qualityIntervalMs: 100, peerConnection, degradation: { recoverAfter: 2 } });
    const sender = (): RTCRtpSender | undefined => a.pcs[0]?.getSenders().find((candidate) => candidate.track?.kind === 'video');
    const cap = (): number | undefined => sender()?.getParameters().encodings[0]?.maxBitrate;
    await waitFor(() => sender()?.getParameters().encodings.length, 'a negotiated video sender');
    expect(String(cap())).to.equal('undefined');
    const caps = new Set<string>();
    loss = 0.2;
    await waitFor(() => {
      caps.add(String(cap()));
      return cap() === 125_000;
    }, 'the lowest bitrate step');
    expect([...caps].filter((value) => value !== 'undefined').length).to.be.at.least(2);
    expect(sender()?.getParameters().degradationPreference).to.equal('maintain-framerate');
    const video = await remoteVideo(b);
    expect(await framesAdvance(video)).to.be.at.least(5);
    loss = 0;
    await waitFor(() => cap() === undefined, 'the cap to be lifted', 5000);
    expect(a.errors.concat(b.errors).join('; ')).to.equal('');
  });

  it('restartIce() negotiates new ICE credentials and the media keeps flowing', async () => {
    const { pair, a, b } = await connectedCall();
    const video = await remoteVideo(b);
    await framesAdvance(video);
    const ufragsBefore = pair.a.offerUfrags();
    a.media.restartIce();
    expect(a.media.iceRestarts).to.equal(1);
    await waitFor(() => pair.a.offerUfrags().length > ufragsBefore.length, 'the ICE restart offer');
    const ufrags = pair.a.offerUfrags();
    expect(ufrags.at(-1)).to.not.equal(ufrags.at(-2));
    await waitFor(() => a.pcs[0]?.signalingState === 'stable' && a.pcs[0].iceConnectionState === 'connected', 'ICE to reconnect');
    expect(await framesAdvance(video)).to.be.at.least(5);
    expect(a.media.connectionState).to.equal('connected');
    expect(b.media.connectionState).to.equal('connected');
    expect(a.errors.concat(b.errors).join('; ')).to.equal('');
  });

  it('restarts ICE when the browser comes back online', async () => {
    const { pair, a } = await connectedCall();
    const offers = pair.a.count('offer');
    window.dispatchEvent(new Event('online'));
    expect(a.media.iceRestarts).to.equal(1);
    await waitFor(() => pair.a.count('offer') > offers, 'the ICE restart offer');
    await waitFor(() => a.pcs[0]?.iceConnectionState === 'connected', 'ICE to reconnect');
    expect(a.media.connectionState).to.equal('connected');
  });

  it('leave() stops every local track, closes the connection, removes listeners and is idempotent', async () => {
    const { pair, a, b } = await connectedCall();
    const screen = colourTrack('#0000e0');
    cleanups.push(() => screen.stop());
    a.tracks.push(screen.track);
    await a.media.replaceVideoTrack(screen.track);
    await a.media.leave();
    await a.media.leave();
    expect(a.tracks.map((track) => track.readyState).join(',')).to.equal('ended,ended,ended');
    expect(a.pcs[0]?.connectionState).to.equal('closed');
    expect(a.media.connectionState).to.equal('closed');
    expect(a.media.remoteStream).to.equal(null);
    expect(a.states.at(-1)).to.equal('closed');
    expect(pair.a.listenerCount).to.equal(0);
    expect(await rejectionCode(a.media.publish({ video: screen.track }))).to.equal('closed');
    expect(await rejectionCode(a.media.join({ callId: pair.callId, conversationId: 'conv-1', selfId: 'caller', polite: false }))).to.equal('closed');
    await b.media.leave();
    expect(b.tracks.map((track) => track.readyState).join(',')).to.equal('ended,ended');
    expect(b.pcs[0]?.connectionState).to.equal('closed');
  });

  it('join() rejects with timeout when the peer never answers, and with closed when aborted or left', async () => {
    const pair = signalPair();
    cleanups.push(() => pair.close());
    pair.a.blocked = true;
    const a = side(pair, 'a');
    expect(await rejectionCode(join(a, pair, false, 300))).to.equal('timeout');

    const b = side(pair, 'b');
    const controller = new AbortController();
    const joining = b.media.join({ callId: pair.callId, conversationId: 'conv-1', selfId: 'callee', polite: true, signal: controller.signal });
    controller.abort();
    expect(await rejectionCode(joining)).to.equal('closed');

    const c = side(pair, 'b');
    const left = rejectionCode(join(c, pair, true));
    await c.media.leave();
    expect(await left).to.equal('closed');
    expect(c.pcs[0]?.connectionState).to.equal('closed');
  });
});
