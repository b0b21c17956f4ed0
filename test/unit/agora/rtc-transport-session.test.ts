import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SupportError } from '../../../src/protocol/errors.js';
import { rtcChannelName } from '../../../src/protocol/rtc-channel.js';
import { fnv1a32, rtcUidFor } from '../../../src/protocol/rtc-uid.js';
import { fakeRtcToken, fakeTrack, standIn } from './fake-rtc.js';
import { joinOptions, kindsOf, record, RtcWorld, sleep, waitFor } from './rtc-world.js';

const CHANNEL = rtcChannelName('call-1');
const isCode = (code: string) => (e: unknown) => e instanceof SupportError && e.code === code;

/** Two different user ids whose plain uids collide (found by brute force; ~2^16 tries). */
function collidingIds(): [string, string] {
  const seen = new Map<number, string>();
  for (let i = 0; ; i++) {
    const id = `user-${i}`;
    const uid = fnv1a32(id) & 0x7fffffff;
    const other = seen.get(uid);
    if (other !== undefined) return [other, id];
    seen.set(uid, id);
  }
}

describe('Agora RTC transport: session life', () => {
  let world: RtcWorld;
  afterEach(() => world.close());

  it('turns Agora network-quality reports into quality events with the peer\'s stats', async () => {
    world = new RtcWorld();
    const customer = await world.joined('c1', 'a1');
    await world.joined('a1', 'c1');
    await sleep(10); // user-joined reaches the customer
    const client = world.network.sdk().clients[0];
    assert.ok(client);
    client.rtcStats = { ...client.rtcStats, RTT: 85, RecvBitrate: 1_250_000 };
    client.remoteVideoStats = {
      [String(rtcUidFor('a1'))]: {
        transportDelay: 0,
        end2EndDelay: 0,
        receiveBitrate: 1_200_000,
        receiveDelay: 0,
        receiveBytes: 0,
        receiveFrameRate: 30,
        receivePackets: 1000,
        receivePacketsLost: 10,
        packetLossRate: 0.01,
        currentPacketLossRate: 0.04,
        receiveResolutionHeight: 720,
        receiveResolutionWidth: 1280,
        totalDuration: 5,
        totalFreezeTime: 0,
        freezeRate: 0,
        publishDuration: 5,
      },
    };
    const quality = waitFor(customer, 'quality');
    client.emit('network-quality', { uplinkNetworkQuality: 1, downlinkNetworkQuality: 4 });
    const expected = { rttMs: 85, bitrateKbps: 1250, packetLoss: 0.04, width: 1280, height: 720, frameRate: 30, uplinkLevel: 1, downlinkLevel: 4 };
    assert.deepEqual(await quality, expected);
    assert.deepEqual(await customer.getStats(), expected);
  });

  it('maps RECONNECTING to reconnecting and back, and a forced disconnect to an error and failed', async () => {
    world = new RtcWorld();
    const customer = await world.joined('c1', 'a1');
    const client = world.network.sdk().clients[0];
    assert.ok(client);
    const states = record(customer, 'connection-state');
    const errors = record(customer, 'error');
    client.setState('RECONNECTING');
    client.setState('CONNECTED');
    client.emit('network-quality', { uplinkNetworkQuality: 1, downlinkNetworkQuality: 1 });
    client.setState('RECONNECTING');
    client.kick('UID_BANNED');
    assert.deepEqual(states, ['reconnecting', 'connected', 'reconnecting', 'failed']);
    assert.deepEqual(errors.map((e) => [e.code, e.retryable]), [['forbidden', false]]);
  });

  it('the same user joining from another device takes the call over: the first one fails with closed', async () => {
    world = new RtcWorld();
    world.network.uidConflict = 'kick';
    const first = await world.joined('c1', 'a1');
    const failed = waitFor(first, 'error');
    const second = await world.joined('c1', 'a1');
    assert.equal((await failed).code, 'closed');
    assert.equal(first.connectionState, 'failed');
    assert.equal(second.joinedAs?.uid, rtcUidFor('c1'));
  });

  it('renews the token when Agora warns it will expire, with a fresh token for the same channel and uid', async () => {
    let fresh = 0;
    world = new RtcWorld({ checkToken: (channel, uid, token) => token === fakeRtcToken(channel, uid) || token === `fresh-${fresh}` });
    const customer = await world.joined('c1', 'a1', {
      getToken: async (_kind, channel, uid, request) => {
        world.tokenRequests.push({ channel, uid, forceRefresh: request?.forceRefresh === true });
        return request?.forceRefresh ? `fresh-${++fresh}` : fakeRtcToken(channel, uid);
      },
    });
    const client = world.network.sdk().clients[0];
    client?.emit('token-privilege-will-expire');
    await sleep(20);
    assert.deepEqual(world.tokenRequests.at(-1), { channel: CHANNEL, uid: rtcUidFor('c1'), forceRefresh: true });
    assert.deepEqual(world.network.renewed, [{ uid: rtcUidFor('c1'), token: 'fresh-1' }]);
    assert.equal(customer.connectionState, 'connected');
  });

  it('reports a refused renewal as an error, and an expired token as token-expired then failed', async () => {
    world = new RtcWorld();
    const customer = await world.joined('c1', 'a1', { getToken: async (_kind, channel, uid, request) => (request?.forceRefresh ? 'bad' : fakeRtcToken(channel, uid)) });
    const client = world.network.sdk().clients[0];
    const refused = waitFor(customer, 'error');
    client?.emit('token-privilege-will-expire');
    assert.equal((await refused).code, 'unauthorized');
    const expired = waitFor(customer, 'error');
    const failed = waitFor(customer, 'connection-state', (s) => s === 'failed');
    client?.emit('token-privilege-did-expire');
    client?.kick('TOKEN_EXPIRE');
    assert.equal((await expired).code, 'token-expired');
    await failed;
  });

  it('on a uid conflict joins again with a salted uid (and a token for it); the peer still follows it', async () => {
    world = new RtcWorld();
    await world.network.occupy(CHANNEL, rtcUidFor('c1'));
    const customer = world.transport();
    await customer.join(joinOptions('c1', 'a1'));
    assert.equal(customer.joinedAs?.uid, rtcUidFor('c1', 1));
    assert.deepEqual(world.tokenRequests.map((r) => r.uid), [rtcUidFor('c1'), rtcUidFor('c1', 1)]);
    await customer.publish({ video: fakeTrack('video') });
    const agent = await world.joined('a1', 'c1');
    await waitFor(agent, 'remote-stream', (s) => kindsOf(s).join() === 'video');
  });

  it('two different users whose ids hash alike both get in', async () => {
    const [first, second] = collidingIds();
    assert.equal(rtcUidFor(first), rtcUidFor(second));
    world = new RtcWorld();
    const a = await world.joined(first, second);
    const b = await world.joined(second, first);
    assert.equal(a.joinedAs?.uid, rtcUidFor(first));
    assert.equal(b.joinedAs?.uid, rtcUidFor(second, 1));
    await b.publish({ audio: fakeTrack('audio') });
    await waitFor(a, 'remote-media-state', (s) => s.audio);
  });

  it('gives up after a bounded number of uid conflicts, leaving nothing behind', async () => {
    world = new RtcWorld();
    for (const attempt of [0, 1, 2]) await world.network.occupy(CHANNEL, rtcUidFor('c1', attempt));
    const customer = world.transport();
    const mic = fakeTrack('audio');
    await customer.publish({ audio: mic });
    await assert.rejects(customer.join(joinOptions('c1', 'a1')), (e: unknown) => isCode('closed')(e) && !(e as SupportError).retryable);
    assert.equal(world.network.joinAttempts.length, 3 + 3);
    assert.equal(world.network.members(CHANNEL).length, 3);
    assert.equal(standIn(mic)?.readyState, 'ended');
    assert.equal(customer.connectionState, 'failed');
  });

  it('times out a join that never completes (Agora unreachable) and cleans everything up', async () => {
    world = new RtcWorld();
    world.network.unreachable = true;
    const customer = world.transport({ timeoutMs: 5_000 });
    const mic = fakeTrack('audio');
    const camera = fakeTrack('video');
    await customer.publish({ audio: mic, video: camera });
    const states = record(customer, 'connection-state');
    const started = Date.now();
    await assert.rejects(customer.join(joinOptions('c1', 'a1', { timeoutMs: 150 })), isCode('timeout'));
    assert.ok(Date.now() - started < 1_000, `took ${Date.now() - started} ms`);
    const client = world.network.sdk().clients[0];
    assert.equal(client?.listenerCount(), 0);
    assert.equal(client?.leaveCalls, 1);
    assert.equal(client?.connectionState, 'DISCONNECTED');
    assert.equal(standIn(mic)?.readyState, 'ended');
    assert.equal(standIn(camera)?.readyState, 'ended');
    assert.deepEqual(states, ['connecting', 'failed']);
    await assert.rejects(customer.join(joinOptions('c1', 'a1')), isCode('config'));
  });

  it('bounds the token fetch and the SDK load by the same join budget', async () => {
    world = new RtcWorld();
    const stuckToken = world.transport({ getToken: () => new Promise<string>(() => undefined) });
    await assert.rejects(stuckToken.join(joinOptions('c1', 'a1', { timeoutMs: 100 })), isCode('timeout'));
    assert.equal(world.network.sdk().clients[0]?.listenerCount(), 0);
    const stuckSdk = world.transport({ loadSdk: () => new Promise(() => undefined) });
    await assert.rejects(stuckSdk.join(joinOptions('c1', 'a1', { timeoutMs: 100 })), isCode('timeout'));
  });

  it('leave() during a join rejects the join with closed', async () => {
    world = new RtcWorld();
    world.network.unreachable = true;
    const customer = world.transport();
    const joining = customer.join(joinOptions('c1', 'a1'));
    await sleep(20);
    await customer.leave();
    await assert.rejects(joining, isCode('closed'));
    assert.equal(world.network.sdk().clients[0]?.listenerCount(), 0);
  });

  it('reports a refused token as unauthorized and a wrong App ID as config', async () => {
    world = new RtcWorld();
    const badToken = world.transport({ getToken: async () => 'nope' });
    await assert.rejects(badToken.join(joinOptions('c1', 'a1')), isCode('unauthorized'));
    const badApp = world.transport({ appId: 'other-app' });
    await assert.rejects(badApp.join(joinOptions('c1', 'a1')), isCode('config'));
  });
});

describe('loading the Agora RTC SDK', () => {
  it('importing the adapter in Node does not load the SDK or throw', async () => {
    const adapter = await import('../../../src/transports/agora/index.js');
    assert.equal(typeof adapter.AgoraRtcMediaTransport, 'function');
    assert.equal((globalThis as { AgoraRTC?: unknown }).AgoraRTC, undefined);
  });

  it('the real SDK cannot run in Node: the loader rejects with a non-retryable config error', async () => {
    const { loadAgoraRtcSdk } = await import('../../../src/transports/agora/rtc-sdk.js');
    const error = await loadAgoraRtcSdk().then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof SupportError, String(error));
    assert.equal(error.code, 'config');
    assert.equal(error.retryable, false);
    assert.match(String((error.cause as Error).message), /window is not defined/);
  });

  it('join reports a loader failure as config and ends failed', async () => {
    const { AgoraRtcMediaTransport } = await import('../../../src/transports/agora/index.js');
    const transport = new AgoraRtcMediaTransport({ appId: 'x', getToken: async () => '', loadSdk: () => Promise.reject(new Error('chunk failed')) });
    await assert.rejects(transport.join(joinOptions('c1', 'a1')), isCode('config'));
    assert.equal(transport.connectionState, 'failed');
    await transport.leave();
    assert.equal(transport.connectionState, 'closed');
  });
});
