/**
 * End to end: a voice call from the chat's voice button, answered in the agent's inbox, through the
 * real relay in two real Chromium contexts with fake devices. Neither side opens a camera or sends
 * video (the pages record every `getUserMedia` request and every peer connection), the agent hears
 * the customer (inbound audio bytes grow), both see a name card instead of a black box; then the
 * customer turns the camera on (the agent's remote video gets frames, the call goes on) and off
 * again (the name card is back), and the summary says "Video call".
 *
 * Run after `npm run build` (the pages load dist/).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../support/browser.js';
import { openDeskWorld, type DeskWorld } from '../support/desk-world.js';
import { customerWritesAgentOpens, waitForCallIn } from '../support/desk-pages.js';

const WAIT = { timeout: 15_000 };
const CHAT_CALL = 'support-chat support-call';
const INBOX_CALL = 'support-inbox support-call';

/** Records what each `getUserMedia` asked for (`audio`, `audio+video`, ...) and every peer connection: test scaffolding of the browser APIs. */
const RECORDER = `(() => {
  const md = navigator.mediaDevices;
  if (!md) return;
  const asked = [];
  const getUserMedia = md.getUserMedia.bind(md);
  md.getUserMedia = (constraints) => {
    asked.push(Object.keys(constraints || {}).filter((kind) => constraints[kind]).sort().join('+'));
    return getUserMedia(constraints);
  };
  window.__asked = asked;
  const pcs = [];
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(...args) {
      super(...args);
      pcs.push(this);
    }
  };
  window.__pcs = pcs;
})();`;

type RecordingWindow = Window & { __asked: string[]; __pcs: RTCPeerConnection[] };

describe('voice call from the chat, turned into video and back', () => {
  let world: DeskWorld;
  let customer: Page;
  let agent: Page;

  before(async () => {
    world = await openDeskWorld({ args: [...CHROMIUM_FLAGS, '--autoplay-policy=no-user-gesture-required'], initScript: RECORDER });
    customer = await world.person();
    agent = await world.person();
    await customerWritesAgentOpens(customer, agent, world.relay.url, 'Can you hear me? The charger hums.', { seen: 'The charger hums', ...WAIT });
  });

  after(() => world?.close());

  const asked = (page: Page): Promise<string[]> => page.evaluate(() => [...(window as unknown as RecordingWindow).__asked]);

  /** Video tracks this page's call sends (its peer connection's video senders with a track). */
  const sentVideoTracks = (page: Page): Promise<number> =>
    page.evaluate(() => {
      const pc = (window as unknown as RecordingWindow).__pcs.at(-1);
      return pc ? pc.getSenders().filter((sender) => sender.track?.kind === 'video' && sender.track.readyState === 'live').length : -1;
    });

  const inboundAudioBytes = (page: Page): Promise<number> =>
    page.evaluate(async () => {
      const pc = (window as unknown as RecordingWindow).__pcs.at(-1);
      let bytes = 0;
      (await pc?.getStats())?.forEach((report: { type: string; kind?: string; bytesReceived?: number }) => {
        if (report.type === 'inbound-rtp' && report.kind === 'audio') bytes += report.bytesReceived ?? 0;
      });
      return bytes;
    });

  /** Polls until the agent has received more audio bytes than `than` (the customer is heard). */
  async function audioGrows(than: number): Promise<number> {
    for (let attempt = 0; attempt < 75; attempt++) {
      const now = await inboundAudioBytes(agent);
      if (now > than) return now;
      await agent.waitForTimeout(200);
    }
    throw new Error(`the agent received no audio beyond ${than} bytes`);
  }

  /** The remote video inside `host`'s call: its width (0 while it shows nothing). */
  const remoteVideoWidth = (page: Page, host: string): Promise<number> =>
    page.evaluate(
      (tag) =>
        document.querySelector(tag)?.shadowRoot?.querySelector('support-call')?.shadowRoot?.querySelector<HTMLVideoElement>('video[part~="remote-video"]')
          ?.videoWidth ?? -1,
      host,
    );

  it('starts as voice: no camera asked for or sent on either side, the customer is heard, name cards instead of video', async () => {
    await customer.locator('support-chat [part~="voice-call-button"]').click(WAIT);
    await waitForCallIn(customer, 'support-chat', 'outgoing-ringing', WAIT.timeout);
    await agent.locator('support-inbox [part~="conversation"][data-ringing]').waitFor(WAIT);
    assert.equal(await agent.locator('support-inbox [part~="conversation"][data-ringing] [part~="ringing"]').innerText(), 'Incoming voice call', 'the queue marker says voice');
    assert.match(await agent.locator(`${INBOX_CALL} [role="alert"]`).first().innerText(), /is calling you$/, 'the agent hears it is a voice call');
    await agent.locator(`${INBOX_CALL} [part~="accept-button"]`).click();
    await waitForCallIn(customer, 'support-chat', 'connected', WAIT.timeout);
    await waitForCallIn(agent, 'support-inbox', 'connected', WAIT.timeout);

    assert.deepEqual(await asked(customer), ['audio'], 'the customer was asked for the microphone only');
    assert.deepEqual(await asked(agent), ['audio'], 'the agent answers with the microphone only');
    assert.equal(await sentVideoTracks(customer), 0, 'the customer sends no video');
    assert.equal(await sentVideoTracks(agent), 0, 'the agent sends no video');
    const first = await audioGrows(0);
    await audioGrows(first);

    for (const [page, call] of [
      [customer, CHAT_CALL],
      [agent, INBOX_CALL],
    ] as const) {
      await page.locator(`${call} [part~="voice-stage"]`).waitFor(WAIT);
      assert.equal(await page.locator(`${call} [part~="camera-button"]`).getAttribute('aria-pressed'), 'true', 'the camera is off');
      assert.match(await page.locator(`${call} [part~="status"]`).innerText(), /In call with/);
    }
    assert.match(await agent.locator(`${INBOX_CALL} [part~="voice-stage"]`).innerText(), /\S/, 'the card names the customer');
    assert.equal(await agent.locator(`${INBOX_CALL} [part~="camera-help"]`).count(), 0, "Chromium's fake camera has no torch or zoom: no buttons");
  });

  it('the customer turns the camera on: the same call carries video, the agent sees it', async () => {
    await customer.locator(`${CHAT_CALL} [part~="camera-button"]`).click();
    await customer.waitForFunction(() => (window as unknown as RecordingWindow).__asked.includes('video'), undefined, WAIT);
    await agent.waitForFunction(
      () => {
        const video = document
          .querySelector('support-inbox')
          ?.shadowRoot?.querySelector('support-call')
          ?.shadowRoot?.querySelector<HTMLVideoElement>('video[part~="remote-video"]');
        return !!video && video.videoWidth > 0 && !video.paused;
      },
      undefined,
      WAIT,
    );
    assert.ok((await remoteVideoWidth(agent, 'support-inbox')) > 0);
    assert.equal(await agent.locator(`${INBOX_CALL} [part~="voice-stage"]`).count(), 0, 'the name card gives way to the video');
    assert.equal(await sentVideoTracks(customer), 1, 'the customer sends the camera');
    assert.equal(await customer.locator(`${CHAT_CALL} [part~="camera-button"]`).getAttribute('aria-pressed'), 'false');
    assert.equal(await customer.locator(`${CHAT_CALL} [part~="local-video"]`).isVisible(), true, 'the customer sees the self-view');
    assert.equal(await customer.locator(`${CHAT_CALL} [part~="voice-stage"]`).count(), 1, 'the agent still sends no video');
    assert.equal(await agent.evaluate(() => document.querySelector('support-inbox')?.shadowRoot?.querySelector('support-call')?.getAttribute('state')), 'connected');
    await audioGrows(await inboundAudioBytes(agent));
  });

  it('the customer turns the camera off again: the name card is back, the call goes on', async () => {
    await customer.locator(`${CHAT_CALL} [part~="camera-button"]`).click();
    await agent.locator(`${INBOX_CALL} [part~="voice-stage"]`).waitFor(WAIT);
    assert.equal(await agent.locator(`${INBOX_CALL} [part~="remote-state"]`).count(), 0, 'a voice call needs no "camera off" badge: the name card says it');
    assert.equal(await customer.locator(`${CHAT_CALL} [part~="camera-button"]`).getAttribute('aria-pressed'), 'true');
    await audioGrows(await inboundAudioBytes(agent));
  });

  it('hangs up; the summary in both threads says it became a video call', async () => {
    await agent.locator(`${INBOX_CALL} [part~="hangup-button"]`).click();
    await waitForCallIn(customer, 'support-chat', 'ended', WAIT.timeout);
    for (const [page, host] of [
      [customer, 'support-chat'],
      [agent, 'support-inbox'],
    ] as const) {
      const summary = page.locator(`${host} [part~="message"][data-kind="call-summary"] [part~="call-summary"]`);
      await summary.waitFor(WAIT);
      assert.match(await summary.innerText(), /^Video call · \d+:\d\d/);
    }
  });

  it('raised no uncaught page errors', () => {
    assert.deepEqual(world.pageErrors, []);
  });
});
