/**
 * End to end: the call entry points of the chat and the inbox, with nothing added by hand. The
 * customer calls from the chat panel's call button, the agent's inbox rings (marker on the
 * conversation, accept in the thread), both videos play, and the summary appears in both threads
 * in words; then the agent calls a customer whose panel is closed: the launcher rings and the
 * customer answers after opening it. Two real Chromium contexts with fake devices, real relay.
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

/** Resolves with how many new frames the remote video inside `host` presents (stops at 5, or after 6 s). A string: tsx would wrap inner functions in a helper the page lacks. */
const countRemoteFrames = (host: string): string => `new Promise((resolve) => {
  const video = document.querySelector('${host}')?.shadowRoot?.querySelector('support-call')?.shadowRoot?.querySelector('video[part~="remote-video"]');
  if (!video) return resolve(0);
  let frames = 0;
  const step = () => {
    frames++;
    if (frames >= 5) resolve(frames);
    else video.requestVideoFrameCallback(step);
  };
  video.requestVideoFrameCallback(step);
  setTimeout(() => resolve(frames), 6000);
})`;

describe('call buttons of <support-chat> and <support-inbox>', () => {
  let world: DeskWorld;
  let customer: Page;
  let agent: Page;

  before(async () => {
    world = await openDeskWorld({ args: [...CHROMIUM_FLAGS, '--autoplay-policy=no-user-gesture-required'] });
    customer = await world.person();
    agent = await world.person();
    await customerWritesAgentOpens(customer, agent, world.relay.url, 'My camera shows a black screen', WAIT);
  });

  after(() => world?.close());

  const callState = (page: Page, host: string): Promise<string | null> =>
    page.evaluate((tag) => document.querySelector(tag)?.shadowRoot?.querySelector('support-call')?.getAttribute('state') ?? null, host);

  async function remoteVideoPlays(page: Page, host: string): Promise<void> {
    await page.waitForFunction(
      (tag) => {
        const video = document
          .querySelector(tag)
          ?.shadowRoot?.querySelector('support-call')
          ?.shadowRoot?.querySelector<HTMLVideoElement>('video[part~="remote-video"]');
        return !!video && video.videoWidth > 0 && !video.paused;
      },
      host,
      WAIT,
    );
    const frames = await page.evaluate<number>(countRemoteFrames(host));
    assert.ok(frames >= 5, `remote video in ${host} presented ${frames} new frames`);
  }

  /** The visible text of the call summaries of a thread. */
  const summaries = (page: Page, host: string): Promise<string[]> => page.locator(`${host} [part~="call-summary"]`).allInnerTexts();

  it('the customer calls from the chat, the agent answers in the inbox, the summary reads in words in both threads', async () => {
    const loadedBefore = await customer.evaluate(() => !!customElements.get('support-call'));
    assert.equal(loadedBefore, false, 'the call UI is not loaded before a call');
    await customer.locator('support-chat [part~="call-button"]').click(WAIT);
    await waitForCallIn(customer, 'support-chat', 'outgoing-ringing', WAIT.timeout);
    // The inbox rings: a marker on the conversation and accept/decline in the thread.
    const ringing = agent.locator('support-inbox [part~="conversation"][data-ringing]');
    await ringing.waitFor(WAIT);
    assert.match(await ringing.locator('[part~="ringing"]').innerText(), /Incoming video call/);
    await agent.locator(`${INBOX_CALL} [part~="decline-button"]`).waitFor(WAIT);
    await agent.locator(`${INBOX_CALL} [part~="accept-button"]`).click();
    await waitForCallIn(customer, 'support-chat', 'connected', WAIT.timeout);
    await waitForCallIn(agent, 'support-inbox', 'connected', WAIT.timeout);
    assert.equal(await ringing.count(), 0, 'the ringing marker goes once answered');
    await remoteVideoPlays(customer, 'support-chat');
    await remoteVideoPlays(agent, 'support-inbox');
    // The page styles the call's freeze-and-draw buttons through the host that holds the call (exportparts).
    for (const [page, host, call] of [
      [customer, 'support-chat', CHAT_CALL],
      [agent, 'support-inbox', INBOX_CALL],
    ] as const) {
      await page.locator(`${call} [part~="annotation-toolbar"]`).waitFor(WAIT);
      const outline = await page.evaluate((tag) => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(`${tag}::part(call-annotation-toolbar) { outline: 3px solid rgb(1, 2, 3); }`);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
        const toolbar = document.querySelector(tag)?.shadowRoot?.querySelector('support-call')?.shadowRoot?.querySelector('[part~="annotation-toolbar"]');
        const color = toolbar ? getComputedStyle(toolbar).outlineColor : null;
        document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
        return color;
      }, host);
      assert.equal(outline, 'rgb(1, 2, 3)', `${host}::part(call-annotation-toolbar) reaches the call's toolbar`);
    }
    assert.equal(await customer.locator('support-chat [part~="call-button"]').isDisabled(), true, 'one call at a time');

    await customer.locator(`${CHAT_CALL} [part~="hangup-button"]`).click();
    await waitForCallIn(customer, 'support-chat', 'ended', WAIT.timeout);
    await waitForCallIn(agent, 'support-inbox', 'ended', WAIT.timeout);
    // While the end notice shows (a few seconds, then it closes by itself).
    for (const [page, call] of [
      [customer, CHAT_CALL],
      [agent, INBOX_CALL],
    ] as const) {
      assert.equal(await page.locator(`${call} [part~="remote-video"]`).count(), 0, 'the ended call keeps no video stage');
      const box = await page.locator(call).boundingBox();
      assert.ok(box && box.height < 120, `the ended call folds into one line (${box?.height} px high)`);
    }
    for (const [page, host] of [
      [customer, 'support-chat'],
      [agent, 'support-inbox'],
    ] as const) {
      await page.locator(`${host} [part~="message"][data-kind="call-summary"][data-from="system"] [part~="call-summary"]`).waitFor(WAIT);
      const texts = await summaries(page, host);
      assert.equal(texts.length, 1, `${host}: one summary`);
      assert.match(texts[0] ?? '', /^Video call · \d+:\d\d/, `${host}: ${texts[0]}`);
      assert.match(texts[0] ?? '', /Started by .+ ended by/);
      const bubble = await page.locator(`${host} [part~="message"][data-kind="call-summary"] [part~="bubble"]`).innerText();
      assert.doesNotMatch(bubble, /[{}"]/, 'no raw JSON');
    }
    assert.match((await summaries(customer, 'support-chat'))[0] ?? '', /ended by You/, 'the reader is "You"');
    const preview = await agent.locator('support-inbox [part~="conversation"][aria-selected="true"] .conversation-preview').innerText();
    assert.match(preview, /Video call · \d+:\d\d/, `the queue previews the call in words: ${preview}`);
    // Nothing to dismiss: both ends close by themselves after the end notice.
    await waitForCallIn(customer, 'support-chat', 'idle', WAIT.timeout);
    await waitForCallIn(agent, 'support-inbox', 'idle', WAIT.timeout);
  });

  it('the agent calls a customer whose panel is closed: the launcher rings, the customer opens and answers', async () => {
    await customer.locator('support-chat [part~="close-button"]').first().click();
    await customer.waitForFunction(() => !document.querySelector('support-chat')?.hasAttribute('open'), undefined, WAIT);
    await agent.locator('support-inbox [part~="call-button"]').click(WAIT);
    await waitForCallIn(agent, 'support-inbox', 'outgoing-ringing', WAIT.timeout);
    const launcher = customer.locator('support-chat [part~="launcher"][data-ringing]');
    await launcher.waitFor(WAIT);
    assert.equal(await launcher.getAttribute('aria-label'), 'Incoming video call');
    assert.equal(await customer.locator('support-chat [aria-live="assertive"]').first().innerText(), 'Incoming video call');
    await launcher.click();
    await customer.locator(`${CHAT_CALL} [part~="decline-button"]`).waitFor(WAIT);
    await customer.locator(`${CHAT_CALL} [part~="accept-button"]`).click();
    await waitForCallIn(customer, 'support-chat', 'connected', WAIT.timeout);
    await waitForCallIn(agent, 'support-inbox', 'connected', WAIT.timeout);
    assert.equal(await customer.locator('support-chat [part~="launcher"][data-ringing]').count(), 0);
    await remoteVideoPlays(agent, 'support-inbox');
    await agent.locator(`${INBOX_CALL} [part~="hangup-button"]`).click();
    await waitForCallIn(customer, 'support-chat', 'ended', WAIT.timeout);
    assert.equal(await callState(agent, 'support-inbox'), 'ended');
    await customer.waitForFunction(
      () => document.querySelector('support-chat')?.shadowRoot?.querySelectorAll('[part~="call-summary"]').length === 2,
      undefined,
      WAIT,
    );
  });

  it('raised no uncaught page errors', () => {
    assert.deepEqual(world.pageErrors, []);
  });
});
