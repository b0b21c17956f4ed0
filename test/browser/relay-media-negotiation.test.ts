/**
 * Perfect negotiation on two real `RTCPeerConnection`s (no media): who opens the first
 * negotiation, offer collisions (the impolite side ignores, the polite side rolls back), ICE
 * candidates that overtake their description, and malformed payloads.
 */
import { expect } from '@esm-bundle/chai';
import type { MediaSignalAction } from '../../src/transports/media-types.js';
import { isIceRestartRequest, parseCandidate, parseDescription } from '../../src/transports/relay/negotiation-payloads.js';
import { PendingIceCandidates } from '../../src/transports/relay/pending-ice-candidates.js';
import { PerfectNegotiation } from '../../src/transports/relay/perfect-negotiation.js';
import { waitFor } from './relay-media-harness.js';

interface End {
  pc: RTCPeerConnection;
  negotiation: PerfectNegotiation;
  sent: MediaSignalAction[];
  errors: string[];
}

/** What a pair's signalling link does beyond delaying: `lost` drops a signal (the link was down). */
interface LinkOptions {
  offerRetryMs?: number;
  lost?(from: 'caller' | 'callee', action: MediaSignalAction, sentSoFar: number): boolean;
}

/** Two negotiating peers; descriptions take `descriptionDelayMs`, candidates `iceDelayMs`. */
function negotiatingPair(descriptionDelayMs: number, iceDelayMs: number, link: LinkOptions = {}): { caller: End; callee: End; close(): void } {
  const lifetime = new AbortController();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const ends: End[] = [];
  const make = (polite: boolean): End => {
    const pc = new RTCPeerConnection();
    const end: End = {
      pc,
      sent: [],
      errors: [],
      negotiation: new PerfectNegotiation({
        pc,
        polite,
        signal: lifetime.signal,
        ...(link.offerRetryMs === undefined ? {} : { offerRetryMs: link.offerRetryMs }),
        onError: (error) => end.errors.push(String(error)),
        send: (action, payload) => {
          end.sent.push(action);
          if (link.lost?.(polite ? 'callee' : 'caller', action, end.sent.filter((sent) => sent === action).length)) return;
          const peer = ends.find((other) => other !== end);
          const json = JSON.stringify(payload);
          const timer = setTimeout(() => {
            timers.delete(timer);
            void peer?.negotiation.receive(action, JSON.parse(json) as unknown);
          }, action === 'ice' ? iceDelayMs : descriptionDelayMs);
          timers.add(timer);
        },
      }),
    };
    ends.push(end);
    return end;
  };
  const caller = make(false);
  const callee = make(true);
  return {
    caller,
    callee,
    close: () => {
      lifetime.abort();
      for (const timer of timers) clearTimeout(timer);
      caller.pc.close();
      callee.pc.close();
    },
  };
}

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

function stable(...ends: End[]): boolean {
  return ends.every((end) => end.pc.signalingState === 'stable' && end.pc.connectionState === 'connected');
}

describe('PerfectNegotiation', function () {
  this.timeout(15_000);

  it('lets the caller open the first negotiation; the callee offers its own additions afterwards', async () => {
    const { caller, callee, close } = negotiatingPair(40, 0);
    closers.push(close);
    caller.pc.addTransceiver('audio', { direction: 'sendrecv' });
    callee.pc.addTransceiver('video', { direction: 'sendrecv' });
    await waitFor(() => stable(caller, callee) && callee.pc.getTransceivers().every((t) => t.currentDirection !== null), 'both m-lines negotiated');
    expect(caller.sent[0]).to.equal('offer');
    expect(callee.sent.indexOf('answer')).to.be.below(callee.sent.indexOf('offer'));
    // Neither side has a track to send back on the other's m-line.
    expect(caller.pc.getTransceivers().map((t) => `${t.receiver.track.kind}:${t.currentDirection}`).join(',')).to.equal('audio:sendonly,video:recvonly');
    expect(caller.negotiation.ignoredOffers).to.equal(0);
    // Candidates that overtook the caller's offer all found their description in the end.
    expect(caller.negotiation.pendingCandidates + callee.negotiation.pendingCandidates).to.equal(0);
    expect(caller.errors.concat(callee.errors).join('; ')).to.equal('');
  });

  it('resolves colliding offers: the impolite caller ignores, the polite callee rolls back, and every change lands', async () => {
    const { caller, callee, close } = negotiatingPair(60, 10);
    closers.push(close);
    const callerAudio = caller.pc.addTransceiver('audio', { direction: 'sendrecv' });
    await waitFor(() => stable(caller, callee) && callee.pc.getTransceivers().length === 1, 'the first negotiation');
    const calleeAudio = callee.pc.getTransceivers()[0];
    if (!calleeAudio) throw new Error('the callee has no transceiver');
    calleeAudio.direction = 'sendrecv';
    await waitFor(() => stable(caller, callee) && callerAudio.currentDirection === 'sendrecv', 'both directions');
    const calleeOffers = callee.sent.filter((action) => action === 'offer').length;
    // Both change direction in the same tick: two offers cross on the wire.
    callerAudio.direction = 'inactive';
    calleeAudio.direction = 'inactive';
    await waitFor(
      () => stable(caller, callee) && callerAudio.currentDirection === 'inactive' && calleeAudio.currentDirection === 'inactive',
      'both sides to settle on inactive',
    );
    expect(caller.negotiation.ignoredOffers).to.equal(1);
    expect(callee.sent.filter((action) => action === 'offer').length).to.equal(calleeOffers + 1);
    // And back: only the caller needs to offer now (the callee, as answerer, can only follow).
    callerAudio.direction = 'sendrecv';
    calleeAudio.direction = 'sendrecv';
    await waitFor(
      () => stable(caller, callee) && callerAudio.currentDirection === 'sendrecv' && calleeAudio.currentDirection === 'sendrecv',
      'both sides to settle on sendrecv',
    );
    expect(caller.errors.concat(callee.errors).join('; ')).to.equal('');
  });

  it('sends an offer lost on the way again (an ICE restart during an outage), so neither side is left in have-local-offer', async () => {
    // The caller's first offer and every candidate of the first 300 ms vanish, as when the relay link is down.
    const started = performance.now();
    const { caller, callee, close } = negotiatingPair(30, 0, {
      offerRetryMs: 300,
      lost: (from, action, n) => from === 'caller' && ((action === 'offer' && n === 1) || (action === 'ice' && performance.now() - started < 300)),
    });
    closers.push(close);
    caller.pc.createDataChannel('probe', { negotiated: true, id: 5 });
    callee.pc.createDataChannel('probe', { negotiated: true, id: 5 });
    await waitFor(() => stable(caller, callee), 'the connection after the offer was sent again');
    expect(caller.negotiation.resentOffers).to.be.at.least(1);
    expect(caller.errors.concat(callee.errors).join('; ')).to.equal('');
  });

  it('ignores the second answer to an offer sent again while the first answer was only slow', async () => {
    // Answers take longer than the retry: the callee answers the offer twice, the caller applies the first only.
    const { caller, callee, close } = negotiatingPair(250, 0, { offerRetryMs: 150 });
    closers.push(close);
    caller.pc.createDataChannel('probe', { negotiated: true, id: 5 });
    callee.pc.createDataChannel('probe', { negotiated: true, id: 5 });
    await waitFor(() => stable(caller, callee) && caller.negotiation.ignoredAnswers > 0, 'the connection and the late second answer');
    expect(caller.negotiation.resentOffers).to.be.at.least(1);
    expect(callee.sent.filter((action) => action === 'answer').length).to.be.at.least(2);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(caller.pc.signalingState).to.equal('stable');
    expect(caller.errors.concat(callee.errors).join('; ')).to.equal('');
  });

  it('connects when every candidate overtakes its description', async () => {
    const { caller, callee, close } = negotiatingPair(150, 0);
    closers.push(close);
    caller.pc.createDataChannel('probe', { negotiated: true, id: 5 });
    callee.pc.createDataChannel('probe', { negotiated: true, id: 5 });
    await waitFor(() => callee.negotiation.pendingCandidates > 0, 'candidates waiting for the offer', 3000);
    await waitFor(() => stable(caller, callee), 'the connection');
    expect(callee.negotiation.pendingCandidates).to.equal(0);
    expect(caller.errors.concat(callee.errors).join('; ')).to.equal('');
  });

  it('drops malformed payloads without disturbing the connection', async () => {
    const { caller, callee, close } = negotiatingPair(0, 0);
    closers.push(close);
    caller.pc.addTransceiver('audio');
    await waitFor(() => stable(caller, callee), 'the connection');
    await callee.negotiation.receive('offer', { type: 'answer', sdp: 'v=0' });
    await callee.negotiation.receive('offer', 'not an object');
    await callee.negotiation.receive('ice', { candidate: 42 });
    await callee.negotiation.receive('answer', null);
    expect(callee.pc.signalingState).to.equal('stable');
    expect(callee.errors.join('; ')).to.equal('');
  });
});

describe('negotiation payloads', () => {
  it('accepts only descriptions of the announced kind with an SDP', () => {
    expect(parseDescription('offer', { type: 'offer', sdp: 'v=0\r\n' })?.sdp).to.equal('v=0\r\n');
    expect(parseDescription('offer', { type: 'answer', sdp: 'v=0\r\n' })).to.equal(undefined);
    expect(parseDescription('answer', { type: 'answer', sdp: '' })).to.equal(undefined);
    expect(parseDescription('answer', { type: 'answer', sdp: 'x'.repeat(300_000) })).to.equal(undefined);
  });

  it('accepts candidates with a string candidate and a mid or line index', () => {
    const candidate = parseCandidate({ candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'abcd' });
    expect(JSON.stringify(candidate)).to.equal(
      '{"candidate":"candidate:1 1 udp 1 127.0.0.1 5000 typ host","sdpMid":"0","sdpMLineIndex":0,"usernameFragment":"abcd"}',
    );
    expect(parseCandidate({ candidate: 'x', sdpMid: null, sdpMLineIndex: null })).to.equal(undefined);
    expect(parseCandidate({ candidate: 'x', sdpMid: 3 })).to.equal(undefined);
    expect(parseCandidate({ candidate: 'x', sdpMLineIndex: -1 })).to.equal(undefined);
    expect(parseCandidate({ candidate: 'x', sdpMLineIndex: 1 })?.sdpMLineIndex).to.equal(1);
  });

  it('tells a restart request from a candidate', () => {
    expect(isIceRestartRequest({ iceRestart: true })).to.equal(true);
    expect(isIceRestartRequest({ iceRestart: true, candidate: 'x' })).to.equal(false);
    expect(isIceRestartRequest({ candidate: 'x', sdpMid: '0' })).to.equal(false);
  });

  it('holds candidates until a description with their username fragment', () => {
    const pending = new PendingIceCandidates();
    pending.add({ candidate: 'a', sdpMid: '0', usernameFragment: 'old1' });
    pending.add({ candidate: 'b', sdpMid: '0', usernameFragment: 'new2' });
    pending.add({ candidate: 'c', sdpMid: '0' });
    const sdp = 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=ice-ufrag:new2\r\na=ice-pwd:x\r\n';
    expect(pending.takeMatching(sdp).map((c) => c.candidate).join(',')).to.equal('b,c');
    expect(pending.size).to.equal(1);
    expect(pending.takeMatching('a=ice-ufrag:old1\n').map((c) => c.candidate).join(',')).to.equal('a');
    for (let i = 0; i < 250; i++) pending.add({ candidate: String(i), sdpMid: '0', usernameFragment: 'never' });
    expect(pending.size).to.equal(200);
  });
});
