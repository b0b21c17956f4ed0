import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rtcUidFor } from '../../../src/protocol/rtc-uid.js';
import { fakeTrack } from './fake-rtc.js';
import { kindsOf, record, RtcWorld, sleep, waitFor } from './rtc-world.js';

describe('Agora RTC transport: audio-only fallback of the peer\'s video', () => {
  let world: RtcWorld;
  afterEach(() => world.close());

  /** The customer sends audio and video; the agent has both in its remote stream. */
  async function call() {
    const customer = await world.joined('c1', 'a1');
    const agent = await world.joined('a1', 'c1');
    await customer.publish({ audio: fakeTrack('audio'), video: fakeTrack('video') });
    await waitFor(agent, 'remote-stream', (stream) => kindsOf(stream).join() === 'audio,video');
    const [customerClient, agentClient] = world.network.sdk().clients;
    assert.ok(customerClient && agentClient);
    return { customer, agent, customerClient, agentClient };
  }

  it('asks Agora to fall back to audio only for the peer, whose video goes with a low stream', async () => {
    world = new RtcWorld();
    const { agentClient, customerClient } = await call();
    assert.equal(agentClient.fallbackOptions.get(rtcUidFor('c1')), 2, 'RemoteStreamFallbackType.AUDIO_ONLY');
    assert.equal(customerClient.dualStream, true, 'the publisher sends the low stream the fallback needs');
  });

  it('maps stream-fallback to a network video pause of the peer, keeping its video track (the last frame stays)', async () => {
    world = new RtcWorld();
    const { agent, agentClient } = await call();
    const pauses = record(agent, 'network-video-pause');
    const states = record(agent, 'remote-media-state');
    const uid = rtcUidFor('c1');

    agentClient.emit('stream-fallback', uid, 'fallback');
    assert.deepEqual(pauses, [{ side: 'remote', paused: true }]);
    assert.deepEqual(kindsOf(agent.remoteStream), ['audio', 'video'], 'the video track stays in the stream');
    // Another user in the channel is not the peer.
    agentClient.emit('stream-fallback', rtcUidFor('someone-else'), 'recover');
    agentClient.emit('stream-fallback', uid, 'fallback');
    assert.equal(pauses.length, 1, 'said once');

    agentClient.emit('stream-fallback', uid, 'recover');
    assert.deepEqual(pauses, [
      { side: 'remote', paused: true },
      { side: 'remote', paused: false },
    ]);
    assert.deepEqual(states, [], 'the peer still sends its video: no camera-off');
  });

  it('clears the pause when the peer turns the camera off or leaves', async () => {
    world = new RtcWorld();
    const { customer, agent, agentClient } = await call();
    const pauses = record(agent, 'network-video-pause');
    agentClient.emit('stream-fallback', rtcUidFor('c1'), 'fallback');
    await customer.setVideoEnabled(false);
    await waitFor(agent, 'remote-media-state', (state) => !state.video);
    assert.deepEqual(pauses, [
      { side: 'remote', paused: true },
      { side: 'remote', paused: false },
    ]);

    await customer.setVideoEnabled(true);
    await waitFor(agent, 'remote-media-state', (state) => state.video);
    agentClient.emit('stream-fallback', rtcUidFor('c1'), 'fallback');
    await customer.leave();
    await sleep(20);
    assert.deepEqual(pauses.at(-1), { side: 'remote', paused: false });
    assert.equal(pauses.length, 4);
  });
});
