import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SupportError } from '../../../src/protocol/errors.js';
import { rtcChannelName } from '../../../src/protocol/rtc-channel.js';
import { rtcUidFor } from '../../../src/protocol/rtc-uid.js';
import { FakeLocalVideoTrack, fakeRtcToken, fakeTrack, standIn } from './fake-rtc.js';
import { joinOptions, kindsOf, record, RtcWorld, sleep, waitFor } from './rtc-world.js';

const CHANNEL = rtcChannelName('call-1');

describe('Agora RTC transport: a call between two users', () => {
  let world: RtcWorld;
  afterEach(() => world.close());

  it('joins the call channel with the derived uid and a token for it, with event reporting off', async () => {
    world = new RtcWorld();
    const customer = world.transport();
    const states = record(customer, 'connection-state');
    await customer.join(joinOptions('c1', 'a1'));
    assert.deepEqual(states, ['connecting', 'connected']);
    assert.deepEqual(customer.joinedAs, { uid: rtcUidFor('c1'), channel: CHANNEL });
    assert.deepEqual(world.tokenRequests, [{ channel: CHANNEL, uid: rtcUidFor('c1'), forceRefresh: false }]);
    assert.deepEqual(world.network.joinAttempts, [{ channel: CHANNEL, uid: rtcUidFor('c1'), token: fakeRtcToken(CHANNEL, rtcUidFor('c1')) }]);
    const sdk = world.network.sdk();
    assert.deepEqual(sdk.clients[0]?.config, { mode: 'rtc', codec: 'vp8' });
    assert.equal(sdk.logLevel, 4);
    assert.equal(sdk.logUploadDisabled, true);
    assert.equal(sdk.parameters.get('ENABLE_EVENT_REPORT'), false);
  });

  it('each side receives the other one\'s published audio and video as its remote stream', async () => {
    world = new RtcWorld();
    const customer = world.transport();
    const agent = world.transport();
    const cameraC = fakeTrack('video');
    // Published before join: sent as soon as the channel is joined.
    await customer.publish({ audio: fakeTrack('audio'), video: cameraC });
    const customerGotVideo = waitFor(customer, 'remote-stream', (s) => kindsOf(s).join() === 'audio,video');
    const agentGotVideo = waitFor(agent, 'remote-stream', (s) => kindsOf(s).join() === 'audio,video');
    const agentState = waitFor(agent, 'remote-media-state', (s) => s.audio && s.video);
    await customer.join(joinOptions('c1', 'a1'));
    await agent.join(joinOptions('a1', 'c1'));
    await agent.publish({ audio: fakeTrack('audio'), video: fakeTrack('video') });
    const atAgent = await agentGotVideo;
    const atCustomer = await customerGotVideo;
    assert.equal(agent.remoteStream, atAgent);
    assert.equal(customer.remoteStream, atCustomer);
    assert.deepEqual(await agentState, { audio: true, video: true });
    // The agent receives its own receiver track, not the customer's camera object.
    assert.notEqual(atAgent?.getVideoTracks()[0], cameraC);
  });

  it('mute and camera off reach the peer, and turning them back on restores the stream', async () => {
    world = new RtcWorld();
    const customer = await world.joined('c1', 'a1');
    const agent = await world.joined('a1', 'c1');
    await agent.publish({ audio: fakeTrack('audio'), video: fakeTrack('video') });
    await waitFor(customer, 'remote-stream', (s) => kindsOf(s).length === 2);
    const states = record(customer, 'remote-media-state');

    await agent.setAudioEnabled(false);
    await waitFor(customer, 'remote-media-state', (s) => !s.audio);
    assert.deepEqual(kindsOf(customer.remoteStream), ['video']);
    await agent.setVideoEnabled(false);
    await waitFor(customer, 'remote-media-state', (s) => !s.video);
    assert.deepEqual(kindsOf(customer.remoteStream), []);
    assert.notEqual(customer.remoteStream, null, 'the peer is still in the call');

    await agent.setAudioEnabled(true);
    await agent.setVideoEnabled(true);
    await waitFor(customer, 'remote-stream', (s) => kindsOf(s).length === 2);
    assert.deepEqual(states, [
      { audio: false, video: true },
      { audio: false, video: false },
      { audio: true, video: false },
      { audio: true, video: true },
    ]);
  });

  it('a camera muted before join is published muted: the peer sees no video until it is turned on', async () => {
    world = new RtcWorld();
    const agent = world.transport();
    await agent.publish({ audio: fakeTrack('audio'), video: fakeTrack('video') });
    await agent.setVideoEnabled(false);
    await agent.join(joinOptions('a1', 'c1'));
    const customer = world.transport();
    const audioOnly = waitFor(customer, 'remote-media-state', (s) => s.audio);
    await customer.join(joinOptions('c1', 'a1'));
    assert.deepEqual(await audioOnly, { audio: true, video: false });
    const video = waitFor(customer, 'remote-media-state', (s) => s.video);
    await agent.setVideoEnabled(true);
    await video;
  });

  it('switches camera and screen share with replaceTrack: no republish, detail mode for the screen', async () => {
    world = new RtcWorld();
    const customer = await world.joined('c1', 'a1');
    const agent = await world.joined('a1', 'c1');
    const camera = fakeTrack('video', 'front camera');
    await agent.publish({ video: camera });
    await waitFor(customer, 'remote-media-state', (s) => s.video);
    const peerStates = record(customer, 'remote-media-state');
    const sent = world.network.sdk().clients[1]?.published;
    const agentVideo = [...(sent ?? [])][0];
    assert.ok(agentVideo instanceof FakeLocalVideoTrack);
    assert.equal(agentVideo.optimizationMode, 'motion');

    const rear = fakeTrack('video', 'rear camera');
    await agent.replaceVideoTrack(rear);
    assert.equal(agentVideo.getMediaStreamTrack(), rear);
    assert.equal(standIn(camera)?.readyState, 'live', 'the old camera is the UI\'s to stop or reuse');

    const screen = fakeTrack('video', 'screen');
    await agent.replaceVideoTrack(screen, { contentHint: 'detail' });
    assert.equal(agentVideo.getMediaStreamTrack(), screen);
    assert.equal(screen.contentHint, 'detail');
    assert.equal(agentVideo.optimizationMode, 'detail');
    await agent.replaceVideoTrack(rear, { contentHint: 'motion' });
    assert.equal(agentVideo.optimizationMode, 'motion');
    await sleep(10);
    assert.deepEqual(peerStates, [], 'the peer never saw the video go away');

    await agent.replaceVideoTrack(null);
    await waitFor(customer, 'remote-media-state', (s) => !s.video);
    await agent.replaceVideoTrack(camera);
    await waitFor(customer, 'remote-media-state', (s) => s.video);
  });

  it('a voice call turns into video: the camera is published later on the same join, and muted when turned off', async () => {
    world = new RtcWorld();
    const customer = await world.joined('c1', 'a1');
    const agent = await world.joined('a1', 'c1');
    const heard = waitFor(agent, 'remote-stream', (s) => kindsOf(s).join() === 'audio');
    await customer.publish({ audio: fakeTrack('audio') });
    // What CallMedia does for a voice call: no camera, video marked off.
    await customer.setVideoEnabled(false);
    await heard;
    const published = (): string[] => [...(world.network.sdk().clients[0]?.published ?? [])].map((track) => track.trackMediaType).sort();
    assert.deepEqual(published(), ['audio'], 'a voice call publishes no video');

    const camera = fakeTrack('video', 'camera turned on');
    await customer.setVideoEnabled(true);
    await customer.replaceVideoTrack(camera, { contentHint: 'motion' });
    await waitFor(agent, 'remote-stream', (s) => kindsOf(s).join() === 'audio,video');
    assert.deepEqual(published(), ['audio', 'video']);
    const sentVideo = [...(world.network.sdk().clients[0]?.published ?? [])].find((track) => track instanceof FakeLocalVideoTrack);
    assert.ok(sentVideo instanceof FakeLocalVideoTrack);
    assert.equal(sentVideo.muted, false, 'the camera goes out live');
    assert.equal(world.network.joinAttempts.length, 2, 'no new join: the same call carries the video');

    await customer.setVideoEnabled(false);
    await waitFor(agent, 'remote-media-state', (s) => !s.video);
    assert.equal(sentVideo.muted, true);
    assert.equal(standIn(camera)?.readyState, 'live', 'off is muted, the camera stays acquired');
  });

  it('replaces the microphone by publishing a new audio track', async () => {
    world = new RtcWorld();
    const agent = await world.joined('a1', 'c1');
    const first = fakeTrack('audio');
    await agent.publish({ audio: first });
    const second = fakeTrack('audio');
    await agent.publish({ audio: second });
    const published = [...(world.network.sdk().clients[0]?.published ?? [])];
    assert.deepEqual(published.map((track) => track.getMediaStreamTrack()), [second]);
    assert.equal(standIn(first)?.readyState, 'ended', 'closing the SDK track stops its source');
  });

  it('leave stops every given track, removes its listeners, and the peer sees the stream go', async () => {
    world = new RtcWorld();
    const customer = await world.joined('c1', 'a1');
    const agent = await world.joined('a1', 'c1');
    const mic = fakeTrack('audio');
    const camera = fakeTrack('video');
    const screen = fakeTrack('video');
    await agent.publish({ audio: mic, video: camera });
    await agent.replaceVideoTrack(screen, { contentHint: 'detail' });
    await waitFor(customer, 'remote-stream', (s) => kindsOf(s).length === 2);
    const gone = waitFor(customer, 'remote-stream', (s) => s === null);
    const goneState = waitFor(customer, 'remote-media-state', (s) => !s.audio && !s.video);
    const states = record(agent, 'connection-state');
    const agentClient = world.network.sdk().clients[1];

    await agent.leave();
    await agent.leave();
    assert.deepEqual(states, ['closed']);
    for (const track of [mic, camera, screen]) assert.equal(standIn(track)?.readyState, 'ended');
    assert.equal(agentClient?.listenerCount(), 0);
    assert.equal(agentClient?.connectionState, 'DISCONNECTED');
    assert.deepEqual(world.network.members(CHANNEL), [rtcUidFor('c1')]);
    await gone;
    await goneState;
    assert.equal(customer.remoteStream, null);
    await assert.rejects(agent.publish({ audio: fakeTrack('audio') }), (e: unknown) => e instanceof SupportError && e.code === 'closed');
  });

  it('follows only the call\'s peer when peerId is given', async () => {
    world = new RtcWorld();
    const customer = await world.joined('c1', 'a1');
    const stranger = await world.joined('someone-else', 'c1');
    await stranger.publish({ video: fakeTrack('video') });
    await sleep(20);
    assert.equal(customer.remoteStream, null);
    const agent = await world.joined('a1', 'c1');
    await agent.publish({ video: fakeTrack('video') });
    await waitFor(customer, 'remote-stream', (s) => kindsOf(s).join() === 'video');
  });
});
