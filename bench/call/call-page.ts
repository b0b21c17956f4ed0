/**
 * Browser side of the call-setup benchmark (bundled with esbuild, run in Chromium with the fake
 * camera): a bare `RTCPeerConnection` pair and a pair of our `RelayMediaTransport`s, both in one
 * page, both signalled through the same in-memory channel (JSON on the wire, one task per hop).
 * Each call starts from "accepted" with the camera already open (cloned tracks, so device
 * start-up is outside both timings) and ends when a side's `<video>` presents its first remote frame.
 * A third variant, `full`, is the product's path minus the UI: an agent's and a customer's
 * `SupportClient` on the real relay, `client.calls` (invite, accept, signalling over WebSocket)
 * and a `RelayMediaTransport` per side wired as `<support-call>`'s media controller wires it.
 */
import type { CallSession } from '../../src/core/call/call-session.js';
import { isCallAccepted, isCallActive } from '../../src/core/call/call-states.js';
import { SupportClient } from '../../src/core/support-client.js';
import { staticToken } from '../../src/tokens/static-token.js';
import type { MediaSignal, MediaSignalAction, MediaSignalChannel } from '../../src/transports/media-types.js';
import { RelayMediaTransport } from '../../src/transports/relay/relay-media-transport.js';
import { relayBackend } from '../../src/transports/relay/relay-backend.js';

/** One call's timings, ms from accept. */
export interface CallTiming {
  /** The callee (who accepted) sees the caller's first frame. */
  callee: number;
  /** Both sides see each other. */
  both: number;
}

type Listener = (message: unknown) => void;

/** Two ends of an in-memory link: each message is serialised and delivered in its own task, in order. */
function link(): [{ send(message: unknown): void; on(listener: Listener): void }, { send(message: unknown): void; on(listener: Listener): void }] {
  const listeners: [Listener[], Listener[]] = [[], []];
  const end = (self: 0 | 1): { send(message: unknown): void; on(listener: Listener): void } => ({
    send(message) {
      const json = JSON.stringify(message);
      setTimeout(() => {
        for (const listener of listeners[self === 0 ? 1 : 0]) listener(JSON.parse(json));
      });
    },
    on(listener) {
      listeners[self].push(listener);
    },
  });
  return [end(0), end(1)];
}

let camera: MediaStream | undefined;

async function cameraTracks(): Promise<{ audio: MediaStreamTrack; video: MediaStreamTrack }> {
  camera ??= await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 480 } });
  const audio = camera.getAudioTracks()[0];
  const video = camera.getVideoTracks()[0];
  if (!audio || !video) throw new Error('the fake devices gave no audio or video track');
  return { audio: audio.clone(), video: video.clone() };
}

const videos: HTMLVideoElement[] = [];

/** Resolves with the time the first frame of `stream`'s video is presented. */
function firstFrame(stream: MediaStream): Promise<number> {
  const video = document.createElement('video');
  video.muted = true;
  video.autoplay = true;
  video.playsInline = true;
  video.width = 160;
  video.height = 120;
  video.srcObject = stream;
  document.body.append(video);
  videos.push(video);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no remote frame in 15 s')), 15_000);
    video.requestVideoFrameCallback(() => {
      clearTimeout(timer);
      resolve(performance.now());
    });
    video.play().catch(() => undefined);
  });
}

function removeVideos(): void {
  for (const video of videos.splice(0)) {
    video.srcObject = null;
    video.remove();
  }
}

/** Resolves with the first remote stream that has a video track. */
function remoteVideo(pc: RTCPeerConnection): Promise<MediaStream> {
  return new Promise((resolve) => {
    pc.addEventListener('track', (event) => {
      const stream = event.streams[0] ?? new MediaStream([event.track]);
      if (event.track.kind === 'video') resolve(stream);
    });
  });
}

/** The baseline: two peer connections, offer/answer and trickle ICE, nothing else. */
async function bareCall(): Promise<CallTiming> {
  const [callerWire, calleeWire] = link();
  const [callerCam, calleeCam] = await Promise.all([cameraTracks(), cameraTracks()]);
  const accepted = performance.now();
  const caller = new RTCPeerConnection();
  const callee = new RTCPeerConnection();
  const calleeSees = remoteVideo(callee).then(firstFrame);
  const callerSees = remoteVideo(caller).then(firstFrame);
  caller.onicecandidate = (event) => event.candidate && callerWire.send({ ice: event.candidate.toJSON() });
  callee.onicecandidate = (event) => event.candidate && calleeWire.send({ ice: event.candidate.toJSON() });
  // Messages are handled one after another, so a candidate never overtakes its description.
  let calleeQueue = Promise.resolve();
  calleeWire.on((message) => {
    const m = message as { offer?: RTCSessionDescriptionInit; ice?: RTCIceCandidateInit };
    calleeQueue = calleeQueue.then(async () => {
      if (m.offer) {
        await callee.setRemoteDescription(m.offer);
        const stream = new MediaStream([calleeCam.audio, calleeCam.video]);
        for (const track of stream.getTracks()) callee.addTrack(track, stream);
        await callee.setLocalDescription(await callee.createAnswer());
        calleeWire.send({ answer: callee.localDescription?.toJSON() });
      } else if (m.ice) await callee.addIceCandidate(m.ice);
    });
  });
  let callerQueue = Promise.resolve();
  callerWire.on((message) => {
    const m = message as { answer?: RTCSessionDescriptionInit; ice?: RTCIceCandidateInit };
    callerQueue = callerQueue.then(async () => {
      if (m.answer) await caller.setRemoteDescription(m.answer);
      else if (m.ice) await caller.addIceCandidate(m.ice);
    });
  });
  const stream = new MediaStream([callerCam.audio, callerCam.video]);
  for (const track of stream.getTracks()) caller.addTrack(track, stream);
  await caller.setLocalDescription(await caller.createOffer());
  callerWire.send({ offer: caller.localDescription?.toJSON() });
  const [calleeAt, callerAt] = await Promise.all([calleeSees, callerSees]);
  for (const track of [callerCam.audio, callerCam.video, calleeCam.audio, calleeCam.video]) track.stop();
  caller.close();
  callee.close();
  removeVideos();
  return { callee: calleeAt - accepted, both: Math.max(calleeAt, callerAt) - accepted };
}

/** A `MediaSignalChannel` end over the in-memory link (what `CallSession` is to the real transport). */
function signalChannel(wire: ReturnType<typeof link>[0], selfId: string, callId: string): MediaSignalChannel {
  const listeners = new Set<(signal: MediaSignal) => void>();
  wire.on((message) => {
    const m = message as { action: MediaSignalAction; payload: unknown; fromId: string };
    for (const listener of [...listeners]) listener({ callId, conversationId: 'c-bench', action: m.action, payload: m.payload, fromId: m.fromId });
  });
  return {
    async sendMediaSignal(action, payload) {
      wire.send({ action, payload, fromId: selfId });
    },
    on(_event, listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function remoteVideoOf(media: RelayMediaTransport): Promise<MediaStream> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const stream = media.remoteStream;
      if (stream && stream.getVideoTracks().length > 0) {
        resolve(stream);
        return true;
      }
      return false;
    };
    if (check()) return;
    const off = media.on('remote-stream', () => {
      if (check()) off();
    });
  });
}

/** Ours: two `RelayMediaTransport`s (perfect negotiation, data channel, sender settings). */
async function relayCall(): Promise<CallTiming> {
  const [callerWire, calleeWire] = link();
  const callId = `call-${Math.random().toString(36).slice(2, 8)}`;
  const [callerCam, calleeCam] = await Promise.all([cameraTracks(), cameraTracks()]);
  const accepted = performance.now();
  const caller = new RelayMediaTransport({ signalling: signalChannel(callerWire, 'agent', callId) });
  const callee = new RelayMediaTransport({ signalling: signalChannel(calleeWire, 'customer', callId) });
  const calleeSees = remoteVideoOf(callee).then(firstFrame);
  const callerSees = remoteVideoOf(caller).then(firstFrame);
  const joined = Promise.all([
    caller.join({ callId, conversationId: 'c-bench', selfId: 'agent', peerId: 'customer', polite: false, timeoutMs: 15_000 }),
    callee.join({ callId, conversationId: 'c-bench', selfId: 'customer', peerId: 'agent', polite: true, timeoutMs: 15_000 }),
  ]);
  await Promise.all([caller.publish(callerCam), callee.publish(calleeCam)]);
  const [calleeAt, callerAt] = await Promise.all([calleeSees, callerSees]);
  await joined;
  await Promise.all([caller.leave(), callee.leave()]);
  removeVideos();
  return { callee: calleeAt - accepted, both: Math.max(calleeAt, callerAt) - accepted };
}

/** Where the `full` variant signs in (set by the benchmark before the first call). */
interface FullConfig {
  url: string;
  agentToken: string;
  customerToken: string;
}

let clients: Promise<{ agent: SupportClient; customer: SupportClient }> | undefined;

function connectClients(config: FullConfig): Promise<{ agent: SupportClient; customer: SupportClient }> {
  clients ??= (async () => {
    const make = (token: string): SupportClient => new SupportClient({ backend: relayBackend({ server: config.url }), tokenProvider: staticToken(token), storage: null });
    const agent = make(config.agentToken);
    const customer = make(config.customerToken);
    await Promise.all([agent.connect(), customer.connect()]);
    return { agent, customer };
  })();
  return clients;
}

/** The media side of a session, as `<support-call>` wires it: transport on accept, join, publish. */
function connectMedia(session: CallSession, cam: { audio: MediaStreamTrack; video: MediaStreamTrack }): RelayMediaTransport {
  const media = new RelayMediaTransport({ signalling: session });
  void media
    .join({
      callId: session.callId ?? '',
      conversationId: session.conversationId ?? '',
      selfId: session.selfId,
      ...(session.peer ? { peerId: session.peer.id } : {}),
      polite: session.polite,
      timeoutMs: 15_000,
    })
    .then(() => session.markConnected())
    .catch(() => undefined);
  void media.publish(cam);
  return media;
}

function untilIdle(client: SupportClient): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (!isCallActive(client.calls.state)) resolve();
      else setTimeout(check, 10);
    };
    check();
  });
}

/** The product's path: invite and accept over the relay, media through `RelayMediaTransport`. */
async function fullCall(): Promise<CallTiming> {
  const config = (window as unknown as { benchConfig?: FullConfig }).benchConfig;
  if (!config) throw new Error('benchConfig is not set');
  const { agent, customer } = await connectClients(config);
  const conversationId = customer.primaryConversationId;
  if (!conversationId) throw new Error('the customer has no conversation');
  const [agentCam, customerCam] = await Promise.all([cameraTracks(), cameraTracks()]);
  const medias: RelayMediaTransport[] = [];
  let accepted = 0;
  const seen = (client: SupportClient, cam: { audio: MediaStreamTrack; video: MediaStreamTrack }): Promise<number> =>
    new Promise((resolve, reject) => {
      const off = client.calls.on('call-state', (change) => {
        const session = client.calls.session;
        if (!session || !isCallAccepted(change.state) || isCallAccepted(change.previous)) return;
        off();
        const media = connectMedia(session, cam);
        medias.push(media);
        remoteVideoOf(media).then(firstFrame).then(resolve, reject);
      });
    });
  const customerSees = seen(customer, customerCam);
  const agentSees = seen(agent, agentCam);
  const ringing = new Promise<void>((resolve) => {
    const off = customer.calls.on('incoming', () => {
      off();
      resolve();
    });
  });
  await agent.calls.start(conversationId, { video: true });
  await ringing;
  accepted = performance.now();
  await customer.calls.accept();
  const [customerAt, agentAt] = await Promise.all([customerSees, agentSees]);
  await agent.calls.hangup();
  await Promise.all(medias.map((media) => media.leave()));
  await Promise.all([untilIdle(agent), untilIdle(customer)]);
  removeVideos();
  return { callee: customerAt - accepted, both: Math.max(customerAt, agentAt) - accepted };
}

(window as unknown as { benchCall: Record<'bare' | 'relay' | 'full', () => Promise<CallTiming>> }).benchCall = { bare: bareCall, relay: relayCall, full: fullCall };
