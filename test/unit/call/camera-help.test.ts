/**
 * Voice calls and torch/zoom help in the headless call: the summary says video when video was sent,
 * `camera` signals route to the call's media, the camera signal parsers refuse odd payloads, and two
 * real `CameraAssist`s (each sending over two real `CallSession`s on the in-memory wire) ask, answer
 * and apply. The camera is a stand-in for the browser's `MediaStreamTrack`: what `getCapabilities()`
 * reports and what `applyConstraints()` receives.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cameraHelpFor, type CameraAssist } from '../../../src/core/call/camera-assist.js';
import { nextZoom, parseCameraSignal } from '../../../src/core/call/camera-signals.js';
import type { PeerSignal } from '../../../src/core/call/call-events.js';
import { AGENT, CONVERSATION, CUSTOMER, SignalWire, type Endpoint } from './signal-wire.js';

/** What a phone's rear camera track reports, and the constraints it was given. */
function phoneCamera(capabilities: Record<string, unknown> = { torch: true, zoom: { min: 1, max: 5, step: 0.1 } }): MediaStreamTrack & { applied: string[] } {
  const applied: string[] = [];
  const track = {
    kind: 'video',
    readyState: 'live',
    applied,
    getCapabilities: () => capabilities,
    getSettings: () => ({ width: 1280, height: 720 }),
    applyConstraints: async (constraints: MediaTrackConstraints) => {
      applied.push(JSON.stringify(constraints.advanced));
    },
  };
  return track as unknown as MediaStreamTrack & { applied: string[] };
}

async function acceptedCall(wire: SignalWire, video: boolean): Promise<{ customer: Endpoint; agent: Endpoint }> {
  const customer = wire.join(CUSTOMER);
  const agent = wire.join(AGENT);
  await customer.session.start(CONVERSATION, { video });
  await wire.flush();
  await agent.session.accept();
  await wire.flush();
  customer.session.markConnected();
  agent.session.markConnected();
  return { customer, agent };
}

describe('voice calls in the call session', () => {
  let wire: SignalWire;
  beforeEach(() => (wire = new SignalWire()));
  afterEach(() => wire.dispose());

  it('summarises a voice call as voice while nobody sends video', async () => {
    const { customer, agent } = await acceptedCall(wire, false);
    await customer.session.sendMediaState({ audio: true, video: false, screen: false });
    await wire.flush();
    await agent.session.hangup();
    await wire.flush();
    assert.deepEqual([customer.summaries[0]?.video, agent.summaries[0]?.video], [false, false]);
  });

  it('summarises a voice call upgraded to video as video, on both sides', async () => {
    const { customer, agent } = await acceptedCall(wire, false);
    await customer.session.sendMediaState({ audio: true, video: true, screen: false });
    await wire.flush();
    await customer.session.sendMediaState({ audio: true, video: false, screen: false });
    await wire.flush();
    await agent.session.hangup();
    await wire.flush();
    assert.deepEqual([customer.summaries[0]?.video, agent.summaries[0]?.video], [true, true]);
  });

  it("hands the peer's camera signals to the call's media, and only the peer's of this call", async () => {
    const { customer, agent } = await acceptedCall(wire, true);
    const heard: PeerSignal[] = [];
    agent.session.on('peer-signal', (signal) => heard.push(signal));
    await customer.session.sendMediaSignal('camera', { type: 'capabilities', torch: true });
    await wire.flush();
    assert.deepEqual(heard, [{ action: 'camera', payload: { type: 'capabilities', torch: true }, callId: customer.session.callId, fromId: CUSTOMER.id }]);
    assert.equal(agent.session.handleSignal({ conversationId: CONVERSATION, callId: 'another-call', action: 'camera', payload: {}, from: CUSTOMER }), false);
    assert.equal(heard.length, 1);
  });
});

describe('camera signals', () => {
  it('read capabilities, requests and answers, and refuse anything odd', () => {
    assert.deepEqual(parseCameraSignal({ type: 'capabilities', torch: true, torchOn: false, zoom: { min: 1, max: 5, step: 0.1, value: 2 } }), {
      type: 'capabilities',
      torch: true,
      torchOn: false,
      zoom: { min: 1, max: 5, step: 0.1, value: 2 },
    });
    assert.deepEqual(parseCameraSignal({ type: 'request', id: 'r1', torch: false }), { type: 'request', id: 'r1', torch: false });
    assert.deepEqual(parseCameraSignal({ type: 'request', id: 'r2', zoom: 2.5 }), { type: 'request', id: 'r2', zoom: 2.5 });
    assert.deepEqual(parseCameraSignal({ type: 'answer', id: 'r1', answer: 'refused' }), { type: 'answer', id: 'r1', answer: 'refused' });
    for (const odd of [
      null,
      'torch',
      { type: 'capabilities', torch: 'yes' },
      { type: 'capabilities', torch: false, zoom: { min: 5, max: 1, step: 1, value: 2 } },
      { type: 'request', id: 'r3', torch: true, zoom: 2 },
      { type: 'request', id: 'r3', zoom: Number.NaN },
      { type: 'request', id: '', torch: true },
      { type: 'request', id: 'x'.repeat(65), torch: true },
      { type: 'answer', id: 'r1', answer: 'maybe' },
      { type: 'flash' },
    ]) {
      assert.equal(parseCameraSignal(odd), undefined, JSON.stringify(odd));
    }
  });

  it('zoom one step in or out: a quarter of the range, on the camera\'s steps, never past its ends', () => {
    const range = { min: 1, max: 5, step: 0.1, value: 1 };
    assert.equal(nextZoom(range, 'in'), 2);
    assert.equal(nextZoom({ ...range, value: 4.5 }, 'in'), 5);
    assert.equal(nextZoom({ ...range, value: 5 }, 'in'), undefined);
    assert.equal(nextZoom(range, 'out'), undefined);
    assert.equal(nextZoom({ min: 1, max: 4, step: 0.5, value: 1 }, 'in'), 2);
  });
});

describe('torch and zoom help between two calls', () => {
  let wire: SignalWire;
  let lifetime: AbortController;
  let atCustomer: CameraAssist;
  let atAgent: CameraAssist;
  let changes: number;

  beforeEach(async () => {
    wire = new SignalWire();
    lifetime = new AbortController();
    changes = 0;
    const { customer, agent } = await acceptedCall(wire, true);
    atCustomer = cameraHelpFor(customer.session, lifetime.signal, () => changes++);
    atAgent = cameraHelpFor(agent.session, lifetime.signal, () => changes++);
  });
  afterEach(() => {
    lifetime.abort();
    wire.dispose();
  });

  it('the agent learns what the camera can do; a camera with neither torch nor zoom says nothing', async () => {
    atCustomer.follow(phoneCamera({ width: { min: 1, max: 1920 } }));
    await wire.flush();
    assert.equal(wire.log.filter((signal) => signal.action === 'camera').length, 0, 'nothing to tell');
    const camera = phoneCamera();
    atCustomer.follow(camera);
    atCustomer.follow(camera);
    await wire.flush();
    assert.equal(wire.log.filter((signal) => signal.action === 'camera').length, 1, 'told once');
    assert.deepEqual(atAgent.peer, { torch: true, torchOn: false, zoom: { min: 1, max: 5, step: 0.1, value: 1 } });
    atCustomer.follow(null);
    await wire.flush();
    assert.deepEqual(atAgent.peer, { torch: false, torchOn: false });
  });

  it('nothing is applied until the customer allows; the agent hears each answer and the new torch and zoom', async () => {
    const camera = phoneCamera();
    atCustomer.follow(camera);
    await wire.flush();

    await atAgent.ask({ torch: true });
    assert.ok(atAgent.asked, 'waiting for the answer');
    await wire.flush();
    assert.deepEqual(atCustomer.incoming?.change, { torch: true });
    assert.deepEqual(camera.applied, []);
    await atCustomer.answer(true);
    await wire.flush();
    assert.deepEqual(camera.applied, ['[{"torch":true}]']);
    assert.deepEqual(atAgent.answered, { change: { torch: true }, answer: 'applied' });
    assert.equal(atAgent.asked, undefined);
    assert.equal(atAgent.peer.torchOn, true);

    await atAgent.zoom('in');
    await wire.flush();
    assert.deepEqual(atCustomer.incoming?.change, { zoom: 2 });
    await atCustomer.answer(false);
    await wire.flush();
    assert.deepEqual(atAgent.answered, { change: { zoom: 2 }, answer: 'refused' });
    assert.deepEqual(camera.applied, ['[{"torch":true}]'], 'a refusal applies nothing');
    assert.equal(atAgent.peer.zoom?.value, 1);

    await atAgent.zoom('in');
    await wire.flush();
    await atCustomer.answer(true);
    await wire.flush();
    assert.deepEqual(camera.applied, ['[{"torch":true}]', '[{"zoom":2}]']);
    assert.equal(atAgent.peer.zoom?.value, 2);
    assert.ok(changes > 0);
  });

  it('a request the camera cannot do is answered failed at once; the agent\'s requests to the agent are ignored', async () => {
    atCustomer.follow(phoneCamera({ zoom: { min: 1, max: 2, step: 0.5 } }));
    await wire.flush();
    await atAgent.ask({ torch: true });
    await wire.flush();
    assert.equal(atCustomer.incoming, undefined, 'no prompt for what cannot be done');
    assert.deepEqual(atAgent.answered, { change: { torch: true }, answer: 'failed' });

    atAgent.follow(phoneCamera());
    await wire.flush();
    await atCustomer.ask({ torch: true });
    await wire.flush();
    assert.equal(atAgent.incoming, undefined, 'only the customer side takes requests');
  });
});
