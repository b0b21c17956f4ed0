/**
 * Calls on a weak network (issue 19, short form): both browsers reach each other only through
 * coturn (`iceTransportPolicy: 'relay'`), the customer's media through the netem UDP proxy and
 * its signalling through the TCP proxy. At 10 % loss and 300 ms RTT the call stays up, the video
 * keeps decoding and the indicator says poor; across an outage it comes back by itself (ICE
 * restart, no tap); on an uplink too thin for video (80 kbit/s) the customer's video pauses, the
 * agent keeps the last frame with a notice and the voice, and all of it comes back by itself. Figures (freezes, recovery time, resolution) are `node bench/run.mjs network`'s.
 * Skipped without coturn (`.ci/run` installs it).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../support/browser.js';
import { openDeskWorld, type DeskWorld } from '../support/desk-world.js';
import { callState, connectCall, openCallPage, qualityLevel } from '../support/netem/call-pages.js';
import { ImpairedNetwork } from '../support/netem/network.js';
import { profile } from '../support/netem/profiles.js';
import { TcpProxy } from '../support/netem/tcp-proxy.js';
import { startTurnServer, turnServerPath, type TurnServer } from '../support/netem/turn-server.js';
import { turnOnlyScript } from '../support/netem/turn-only.js';
import { UdpProxy } from '../support/netem/udp-proxy.js';
import { receivedVideo, type ReceivedVideo } from '../support/netem/video-stats.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `read` until `ok`, for at most `timeoutMs`; the last reading either way. */
async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < end) {
    await sleep(250);
    value = await read();
  }
  return value;
}

/** The text of the call's network notice ('' when nothing is paused). */
function networkNotice(page: Page): Promise<string> {
  return page.evaluate(() => document.querySelector('support-call')?.shadowRoot?.querySelector('[part~="network-notice"]')?.textContent?.trim() ?? '');
}

/** The signalling state of the page's open peer connections (kept by `turnOnlyScript`). */
function signallingStates(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    ((window as unknown as { __peerConnections?: RTCPeerConnection[] }).__peerConnections ?? [])
      .filter((pc) => pc.connectionState !== 'closed')
      .map((pc) => pc.signalingState),
  );
}

/** Whether the remote video element is hidden and the size of the picture it holds. */
function remotePicture(page: Page): Promise<{ hidden: boolean; width: number; height: number }> {
  return page.evaluate(() => {
    const video = document.querySelector('support-call')?.shadowRoot?.querySelector<HTMLVideoElement>('video[part~="remote-video"]');
    const box = video?.getBoundingClientRect();
    return { hidden: !video || !box || box.width < 50 || box.height < 50, width: video?.videoWidth ?? 0, height: video?.videoHeight ?? 0 };
  });
}

describe('calls on a weak network', { skip: turnServerPath() === undefined && 'coturn not installed' }, () => {
  let world: DeskWorld;
  let turn: TurnServer;
  let net: ImpairedNetwork;
  let customer: Page;
  let agent: Page;

  before(async () => {
    turn = await startTurnServer();
    world = await openDeskWorld({ args: [...CHROMIUM_FLAGS, '--autoplay-policy=no-user-gesture-required'] });
    net = new ImpairedNetwork(await TcpProxy.start(world.relay.port), await UdpProxy.start(turn.port));
    customer = await world.person();
    agent = await world.person();
    await customer.context().addInitScript(turnOnlyScript(turn.iceServer(net.udp?.port)));
    await agent.context().addInitScript(turnOnlyScript(turn.iceServer()));
    await Promise.all([
      openCallPage(customer, `${net.tcp.url}/`, 'support-chat'),
      openCallPage(agent, `${world.relay.url}/agent/`, 'support-inbox'),
    ]);
    await connectCall(customer, agent);
  });

  after(async () => {
    await world?.close();
    await net?.close();
    await turn?.stop();
  });

  const decoding = (before: ReceivedVideo) => (now: ReceivedVideo) => now.framesDecoded >= before.framesDecoded + 10;

  it('connects through TURN only', async () => {
    const seen = await until(() => receivedVideo(customer), (v) => v.path !== '' && v.framesDecoded > 0, 20_000);
    assert.equal(seen.path, 'relay/relay');
    assert.equal((await until(() => receivedVideo(agent), (v) => v.framesDecoded > 0, 20_000)).path, 'relay/relay');
  });

  it('stays up at 10 % loss and 300 ms RTT, video still decoding, and the indicator says poor', async () => {
    net.apply(profile('lossy-10'));
    const level = await until(() => qualityLevel(agent), (l) => l === 'poor', 20_000);
    assert.equal(level, 'poor', 'the agent sees the customer’s network as poor');
    for (const page of [customer, agent]) {
      const start = await receivedVideo(page);
      const later = await until(() => receivedVideo(page), decoding(start), 15_000);
      assert.ok(decoding(start)(later), `video decoded ${later.framesDecoded - start.framesDecoded} frames in 15 s`);
      assert.ok(later.audioSamples > start.audioSamples, 'audio keeps arriving');
    }
    assert.equal(await customer.locator('support-call').getAttribute('state'), 'connected');
    net.apply(profile('good'));
    assert.equal(await until(() => qualityLevel(agent), (l) => l === 'good', 20_000), 'good', 'and good again once the loss ends');
  });

  it('comes back by itself after an outage (ICE restart, no tap)', async () => {
    net.apply(profile('outage-10s'));
    net.down('cut');
    // Shorter than the bench's 10 s, long enough for ICE to notice (disconnected, then a restart).
    await callState(customer, 'reconnecting', 15_000);
    const stalled = await receivedVideo(customer);
    await sleep(2_000);
    const outage = await receivedVideo(customer);
    assert.equal(outage.framesDecoded, stalled.framesDecoded, 'no media crosses the outage');
    net.restore();
    const backAt = Date.now();
    await callState(customer, 'connected', 30_000);
    const after = await until(() => receivedVideo(customer), decoding(outage), 30_000);
    assert.ok(decoding(outage)(after), 'the customer’s video decodes again');
    const agentNow = await receivedVideo(agent);
    assert.ok(decoding(agentNow)(await until(() => receivedVideo(agent), decoding(agentNow), 30_000)), 'the agent’s too');
    // The ICE restart's offer went out while the relay link was down too: it is sent again, so no side
    // stays in have-local-offer (which would block every later renegotiation: video on, screen share).
    for (const page of [customer, agent]) {
      const states = await until(() => signallingStates(page), (all) => all.length > 0 && all.every((state) => state === 'stable'), 15_000);
      assert.deepEqual([...new Set(states)], ['stable'], 'negotiation settles after the outage');
    }
    console.log(`# video back ${Date.now() - backAt} ms after the network returned`);
  });

  it('falls back to audio when the uplink cannot carry video (last frame and a notice), and comes back by itself', async () => {
    net.apply(profile('good'));
    await until(() => receivedVideo(agent), decoding(await receivedVideo(agent)), 15_000);
    // 80 kbit/s up: the voice passes (about 50 kbit/s with its TURN and RTP headers), video cannot.
    net.udp?.impair({ up: { delayMs: 40, rateBps: 80_000 }, down: { delayMs: 40 } });
    const impairedAt = Date.now();
    const notice = await until(() => networkNotice(agent), (text) => text !== '', 30_000);
    assert.match(notice, /video is paused, audio continues/, 'the agent is told why the picture stopped');
    console.log(`# video paused ${Date.now() - impairedAt} ms into the weak uplink`);
    assert.match(await until(() => networkNotice(customer), (text) => text !== '', 5_000), /your video is paused/);
    // What the sender's pacer still held when it paused drains first (up to about 2 s on this link).
    await sleep(3_500);
    const paused = await receivedVideo(agent);
    await sleep(3_000);
    const stillPaused = await receivedVideo(agent);
    assert.ok(stillPaused.framesDecoded - paused.framesDecoded <= 2, `no new video while paused (${stillPaused.framesDecoded - paused.framesDecoded} frames)`);
    assert.ok(stillPaused.audioSamples > paused.audioSamples + 48_000, 'audio keeps arriving');
    const picture = await remotePicture(agent);
    assert.ok(!picture.hidden && picture.width > 0, `the last frame stays on screen (${JSON.stringify(picture)})`);
    assert.equal(await qualityLevel(agent), 'poor');

    net.apply(profile('good'));
    const liftedAt = Date.now();
    const back = await until(() => receivedVideo(agent), decoding(stillPaused), 30_000);
    assert.ok(decoding(stillPaused)(back), 'the video comes back by itself');
    assert.equal(await until(() => networkNotice(agent), (text) => text === '', 10_000), '', 'and the notice goes, no click');
    assert.equal(await until(() => networkNotice(customer), (text) => text === '', 10_000), '');
    console.log(`# video back ${Date.now() - liftedAt} ms after the uplink recovered`);
  });

  it('raised no page errors', () => {
    assert.deepEqual(world.pageErrors, []);
  });
});
