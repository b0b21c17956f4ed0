/**
 * The behaviour every `MediaTransport` must show, whatever the backend. A backend's test file
 * calls `mediaContract(name, setup)`; `setup` gives a fresh world per case: transports of two
 * users who can reach each other, transports that cannot reach anyone, and tracks to send.
 *
 * Runs under `node:test`. The relay's WebRTC transport needs a browser: its equivalents of these
 * cases are in `test/browser/relay-media.test.ts` (see `test/contract/README.md`).
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SupportError } from '../../src/protocol/errors.js';
import type { MediaJoinOptions, MediaTransport, MediaTransportEvents } from '../../src/transports/media-types.js';

export interface MediaContractWorld {
  /** A new transport for `userId` (not joined); transports of one world reach each other. */
  transport(userId: string): MediaTransport;
  /** A new transport for `userId` whose join can never complete (backend or peer unreachable). */
  unreachable(userId: string): MediaTransport;
  /** A fresh microphone and camera track. */
  tracks(): { audio: MediaStreamTrack; video: MediaStreamTrack };
  teardown(): Promise<void>;
}

const EVENT_TIMEOUT_MS = 3_000;
/** How long to watch for an event that must not come. */
const QUIET_MS = 200;
const CUSTOMER = 'contract-customer';
const AGENT = 'contract-agent';

let calls = 0;

/** Resolves with the first `event` payload matching `match`, or fails after a bound. */
export function nextMediaEvent<K extends keyof MediaTransportEvents>(
  transport: MediaTransport,
  event: K,
  match: (payload: MediaTransportEvents[K]) => boolean = () => true,
  timeoutMs = EVENT_TIMEOUT_MS,
): Promise<MediaTransportEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching ${String(event)} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = transport.on(event, (payload) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

function collect<K extends keyof MediaTransportEvents>(transport: MediaTransport, event: K): MediaTransportEvents[K][] {
  const items: MediaTransportEvents[K][] = [];
  transport.on(event, (payload) => items.push(payload));
  return items;
}

const kinds = (stream: MediaStream | null): string => (stream?.getTracks() ?? []).map((track) => track.kind).sort().join(',');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function isCode(code: string): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof SupportError, `a SupportError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return true;
  };
}

/** Registers the contract cases for one backend. */
export function mediaContract(name: string, setup: () => Promise<MediaContractWorld>): void {
  describe(`MediaTransport contract: ${name}`, () => {
    let world: MediaContractWorld;
    let callId: string;
    const made: MediaTransport[] = [];

    beforeEach(async () => {
      world = await setup();
      calls += 1;
      callId = `contract-call-${calls}`;
    });

    afterEach(async () => {
      await Promise.all(made.splice(0).map((transport) => transport.leave()));
      await world.teardown();
    });

    const join = (selfId: string, peerId: string, extra: Partial<MediaJoinOptions> = {}): MediaJoinOptions => ({
      callId,
      conversationId: 'contract-conversation',
      selfId,
      peerId,
      // The callee is the polite side (see `CallSession.polite`).
      polite: selfId === CUSTOMER,
      timeoutMs: EVENT_TIMEOUT_MS,
      ...extra,
    });

    const transport = (userId: string): MediaTransport => {
      const created = world.transport(userId);
      made.push(created);
      return created;
    };

    /** Both sides of a call, joined. */
    async function call(): Promise<{ customer: MediaTransport; agent: MediaTransport }> {
      const customer = transport(CUSTOMER);
      const agent = transport(AGENT);
      await Promise.all([customer.join(join(CUSTOMER, AGENT)), agent.join(join(AGENT, CUSTOMER))]);
      return { customer, agent };
    }

    it('join resolves on both sides of a call, each going connecting then connected', async () => {
      const customer = transport(CUSTOMER);
      const agent = transport(AGENT);
      const customerStates = collect(customer, 'connection-state');
      const agentStates = collect(agent, 'connection-state');
      await Promise.all([customer.join(join(CUSTOMER, AGENT)), agent.join(join(AGENT, CUSTOMER))]);
      assert.deepEqual(customerStates, ['connecting', 'connected']);
      assert.deepEqual(agentStates, ['connecting', 'connected']);
      assert.equal(customer.remoteStream, null, 'nothing received before the peer publishes');
    });

    it("a peer's published audio and video arrive as a remote-stream event, and remoteStream is that stream", async () => {
      const { customer, agent } = await call();
      const arrived = nextMediaEvent(customer, 'remote-stream', (stream) => kinds(stream) === 'audio,video');
      await agent.publish(world.tracks());
      const stream = await arrived;
      assert.equal(customer.remoteStream, stream);
      assert.equal(kinds(customer.remoteStream), 'audio,video');
    });

    it('setAudioEnabled / setVideoEnabled reach the peer as remote-media-state, and back', async () => {
      const { customer, agent } = await call();
      const sending = nextMediaEvent(customer, 'remote-media-state', (s) => s.audio && s.video);
      await agent.publish(world.tracks());
      await sending;
      await agent.setAudioEnabled(false);
      assert.deepEqual(await nextMediaEvent(customer, 'remote-media-state', (s) => !s.audio), { audio: false, video: true });
      await agent.setVideoEnabled(false);
      assert.deepEqual(await nextMediaEvent(customer, 'remote-media-state', (s) => !s.video), { audio: false, video: false });
      await agent.setAudioEnabled(true);
      await agent.setVideoEnabled(true);
      assert.deepEqual(await nextMediaEvent(customer, 'remote-media-state', (s) => s.audio && s.video), { audio: true, video: true });
    });

    it('a voice call (audio only) gets video later on the same join; video off reaches the peer and keeps the camera', async () => {
      const { customer, agent } = await call();
      const { audio, video } = world.tracks();
      const heard = nextMediaEvent(customer, 'remote-stream', (stream) => kinds(stream) === 'audio');
      await agent.publish({ audio });
      await heard;
      const seen = nextMediaEvent(customer, 'remote-stream', (stream) => kinds(stream) === 'audio,video');
      const told = nextMediaEvent(customer, 'remote-media-state', (s) => s.audio && s.video);
      await agent.replaceVideoTrack(video, { contentHint: 'motion' });
      await Promise.all([seen, told]);
      await agent.setVideoEnabled(false);
      assert.deepEqual(await nextMediaEvent(customer, 'remote-media-state', (s) => !s.video), { audio: true, video: false });
      assert.equal(video.readyState, 'live', 'off is not stopped: turning it on again needs no new camera');
    });

    it('leave stops the given tracks, ends closed, goes quiet and is idempotent', async () => {
      const { customer, agent } = await call();
      const tracks = world.tracks();
      const arrived = nextMediaEvent(customer, 'remote-stream', (stream) => kinds(stream) === 'audio,video');
      await agent.publish(tracks);
      await arrived;
      const states = collect(agent, 'connection-state');
      await agent.leave();
      await agent.leave();
      assert.deepEqual(states, ['closed']);
      assert.equal(tracks.audio.readyState, 'ended');
      assert.equal(tracks.video.readyState, 'ended');
      assert.equal(agent.remoteStream, null);
      const afterLeave = [...collect(agent, 'remote-stream'), ...collect(agent, 'remote-media-state')];
      await customer.publish(world.tracks());
      await sleep(QUIET_MS);
      assert.deepEqual(afterLeave, [], 'no events after leave');
      await assert.rejects(agent.publish(world.tracks()), isCode('closed'));
    });

    it('join rejects with a timeout SupportError within its timeoutMs when nobody can be reached', async () => {
      const lonely = world.unreachable(CUSTOMER);
      made.push(lonely);
      const states = collect(lonely, 'connection-state');
      const started = Date.now();
      await assert.rejects(lonely.join(join(CUSTOMER, AGENT, { timeoutMs: 300 })), isCode('timeout'));
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= 250 && elapsed < 1_300, `rejected after ${elapsed} ms`);
      assert.equal(states[0], 'connecting');
      assert.ok(!states.includes('connected'), states.join());
      await lonely.leave();
    });

    it('join rejects with closed when aborted or left meanwhile', async () => {
      const aborted = world.unreachable(CUSTOMER);
      made.push(aborted);
      const controller = new AbortController();
      const joining = aborted.join(join(CUSTOMER, AGENT, { signal: controller.signal }));
      await sleep(20);
      controller.abort();
      await assert.rejects(joining, isCode('closed'));

      const left = world.unreachable(AGENT);
      made.push(left);
      const joiningLeft = left.join(join(AGENT, CUSTOMER));
      await sleep(20);
      await left.leave();
      await assert.rejects(joiningLeft, isCode('closed'));
    });
  });
}
