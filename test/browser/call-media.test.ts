/**
 * The client owns the media of a call (`client.calls.media`), headless: two real `SupportClient`s
 * on the real relay, real WebRTC between them, Chromium's fake camera and microphone. The customer's
 * devices are injected (`calls.mediaDevices`) to show the client opens them through that option.
 * Assertions only see strings, numbers and booleans (printing a DOM object can hang the runner).
 */
import { expect } from '@esm-bundle/chai';
import type { CallLine } from '../../src/core/call/call-line.js';
import type { SupportClient } from '../../src/core/support-client.js';
import { createClient, disposeClients, uniqueId, waitFor } from './support/relay.js';

/** The browser's own devices behind a wrapper that records every `getUserMedia` request. */
function recordedDevices(): { devices: MediaDevices; requests: string[] } {
  const real = navigator.mediaDevices;
  const requests: string[] = [];
  const devices = {
    getUserMedia: (constraints?: MediaStreamConstraints) => {
      requests.push(Object.keys(constraints ?? {}).sort().join('+'));
      return real.getUserMedia(constraints);
    },
    enumerateDevices: () => real.enumerateDevices(),
    addEventListener: real.addEventListener.bind(real),
    removeEventListener: real.removeEventListener.bind(real),
  };
  return { devices: devices as unknown as MediaDevices, requests };
}

async function connectedPair(customerDevices?: MediaDevices): Promise<{ customer: SupportClient; agent: SupportClient; conversationId: string }> {
  const agent = createClient('agent', uniqueId('agent'), 'Bo');
  await agent.connect();
  const customer = createClient('customer', uniqueId('cust'), 'Ada', customerDevices ? { mediaDevices: customerDevices } : undefined);
  await customer.connect();
  const conversationId = await waitFor(() => customer.primaryConversationId, 'the customer conversation');
  return { customer, agent, conversationId };
}

function ringingAt(calls: CallLine): Promise<void> {
  return new Promise((resolve) => {
    const off = calls.on('incoming', () => {
      off();
      resolve();
    });
  });
}

describe('client.calls owns the media of a call (real relay, real WebRTC)', function () {
  this.timeout(30_000);
  const releases: (() => void)[] = [];

  afterEach(() => {
    for (const release of releases.splice(0)) release();
    disposeClients();
  });

  it('previews while ringing, connects both sides, carries mute to the peer and stops every track on hangup', async () => {
    const recorded = recordedDevices();
    const { customer, agent, conversationId } = await connectedPair(recorded.devices);
    let mediaEvents = 0;
    customer.calls.on('media', () => mediaEvents++);
    releases.push(customer.calls.attachMedia({}), agent.calls.attachMedia({}));

    const ringing = ringingAt(agent.calls);
    await customer.calls.start(conversationId, { video: true });
    await ringing;
    const preview = await waitFor(() => customer.calls.media?.selfStream, 'the caller preview while ringing');
    expect(preview.getVideoTracks().length).to.equal(1);
    expect(recorded.requests, 'the injected devices opened camera and microphone').to.deep.equal(['audio+video']);
    expect(agent.calls.media === undefined, 'the callee opens nothing before answering').to.equal(true);

    await agent.calls.accept();
    await waitFor(() => customer.calls.state === 'connected' && agent.calls.state === 'connected', 'both sides connected', 20_000);
    const atCustomer = customer.calls.media;
    const atAgent = agent.calls.media;
    if (!atCustomer || !atAgent) throw new Error('a connected call has media on both sides');
    await waitFor(
      () => atCustomer.remoteStream?.getVideoTracks().length && atAgent.remoteStream?.getVideoTracks().length,
      'remote video on both sides',
    );
    expect(atCustomer.connectionState).to.equal('connected');
    await waitFor(() => atAgent.quality, 'a quality sample', 10_000);
    expect(atCustomer.devices.lists.cameras.length, 'the device picker lists the fake camera').to.be.greaterThan(0);

    atCustomer.toggleMic();
    expect(atCustomer.controls).to.deep.equal({ micOn: false, cameraOn: true, sharing: false });
    await waitFor(() => !atAgent.remote.audio, 'the agent to see the customer muted');
    expect(mediaEvents, "the line re-emits the media's changes").to.be.greaterThan(3);

    await customer.calls.hangup();
    await waitFor(() => agent.calls.state === 'ended', 'the agent to hear the hangup');
    await waitFor(() => !customer.calls.media && !agent.calls.media, 'both sides to leave the media');
    expect([atCustomer.liveLocalTracks, atAgent.liveLocalTracks], 'every track stopped').to.deep.equal([0, 0]);
  });

  it('drives no media for a call that no user of the media handles, and leaves it when the last user lets go', async () => {
    const { customer, agent, conversationId } = await connectedPair();
    const releaseElsewhere = customer.calls.attachMedia({ handles: (id) => id !== conversationId });
    releases.push(releaseElsewhere);
    const ringing = ringingAt(agent.calls);
    await customer.calls.start(conversationId, { video: true });
    await ringing;
    expect(customer.calls.media === undefined, 'no preview for a call nobody shows').to.equal(true);

    const release = customer.calls.attachMedia({ handles: (id) => id === conversationId });
    const media = await waitFor(() => customer.calls.media, 'the preview once a user handles the call');
    await waitFor(() => media.liveLocalTracks === 2, 'camera and microphone open');
    release();
    expect(customer.calls.media === undefined, 'the media is left with its last user').to.equal(true);
    await waitFor(() => media.liveLocalTracks === 0, 'every track stopped');
    expect(customer.calls.state, 'letting go of the media is not hanging up').to.equal('outgoing-ringing');
    await customer.calls.hangup();
  });
});
