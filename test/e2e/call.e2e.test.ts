/**
 * End to end: a video call between the demo product page (customer, script tag) and the agent
 * desk through the real relay server, in two real Chromium contexts with fake cameras (several
 * of them, so switching has somewhere to go). `<support-call>` is loaded on demand with
 * `SupportWidget.load('support-call')` and given each page's client.
 *
 * Run after `npm run build` (the pages load dist/).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../support/browser.js';
import { openDeskWorld, type DeskWorld } from '../support/desk-world.js';
import { waitConnected } from '../support/desk-pages.js';

const WAIT = { timeout: 15_000 };
const CALL = 'support-call';

/**
 * Counts every track `getUserMedia` / `getDisplayMedia` hand out, so a test can see none is left running. Also hides
 * Chromium's second fake camera: it is a Y16 depth camera, whose frames WebRTC cannot encode (the
 * remote video freezes), so the test cycles between fake cameras 0 and 2 as between two real ones.
 */
const TRACK_COUNTER = `(() => {
  const md = navigator.mediaDevices;
  if (!md) return;
  const enumerateDevices = md.enumerateDevices.bind(md);
  md.enumerateDevices = async () => (await enumerateDevices()).filter((d) => d.label !== 'fake_device_1');
  const tracks = [];
  const getUserMedia = md.getUserMedia.bind(md);
  md.getUserMedia = async (constraints) => {
    const stream = await getUserMedia(constraints);
    tracks.push(...stream.getTracks());
    return stream;
  };
  const getDisplayMedia = md.getDisplayMedia.bind(md);
  md.getDisplayMedia = async (constraints) => {
    const stream = await getDisplayMedia(constraints);
    tracks.push(...stream.getTracks());
    return stream;
  };
  window.__liveTracks = () => tracks.filter((t) => t.readyState === 'live').map((t) => t.kind + ':' + t.label);
  window.__openedTracks = () => tracks.length;
})();`;

/** Resolves with how many new frames the remote video presents (stops at 5, or after 6 s). A string: tsx would wrap named inner functions in a helper the page lacks. */
const COUNT_REMOTE_FRAMES = `new Promise((resolve) => {
  const video = document.querySelector('support-call')?.shadowRoot?.querySelector('video[part~="remote-video"]');
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

type TrackWindow = Window & { __liveTracks(): string[]; __openedTracks(): number };

describe('video call between the product page and the agent desk', () => {
  let world: DeskWorld;
  let customer: Page;
  let agent: Page;

  before(async () => {
    const args = [
      ...CHROMIUM_FLAGS.filter((flag) => flag !== '--use-fake-device-for-media-stream'),
      '--use-fake-device-for-media-stream=device-count=3',
      '--autoplay-policy=no-user-gesture-required',
    ];
    world = await openDeskWorld({ args, initScript: TRACK_COUNTER });
    customer = await world.person();
    agent = await world.person();
    await Promise.all([
      openWithCall(customer, `${world.relay.url}/`, 'support-chat'),
      openWithCall(agent, `${world.relay.url}/agent/`, 'support-inbox'),
    ]);
  });

  after(() => world?.close());

  /** Opens a demo page, waits for its element's client, and adds a `<support-call>` bound to it. */
  async function openWithCall(page: Page, url: string, host: 'support-chat' | 'support-inbox'): Promise<void> {
    await page.goto(url);
    await waitConnected(page, host, WAIT.timeout);
    await addCall(page, host);
  }

  /** Adds a `<support-call>` bound to the client of the page's chat or inbox, recording its events. */
  async function addCall(page: Page, host: 'support-chat' | 'support-inbox'): Promise<void> {
    await page.evaluate(async (tag) => {
      const widget = (window as unknown as { SupportWidget: { load(tag: string): Promise<void> } }).SupportWidget;
      await widget.load('support-call');
      const owner = document.querySelector(tag) as unknown as {
        activeClient: { primaryConversationId?: string };
        getAttribute(name: string): string | null;
      };
      const call = document.createElement('support-call') as unknown as HTMLElement & Record<string, unknown>;
      call.client = owner.activeClient;
      if (owner.activeClient.primaryConversationId) call.conversationId = owner.activeClient.primaryConversationId;
      // Snapshots are stored on the relay with the page's demo tokens.
      call.setAttribute('token-endpoint', '/demo/token');
      call.setAttribute('user-id', owner.getAttribute('user-id') ?? '');
      const w = window as unknown as { __events: string[]; __snapshots: number };
      w.__events = [];
      w.__snapshots = 0;
      call.addEventListener('support-error', (event) => w.__events.push(`error:${(event as CustomEvent<{ code: string }>).detail.code}`));
      call.addEventListener('support-call-state', (event) => {
        const { state, reason } = (event as CustomEvent<{ state: string; reason?: string }>).detail;
        w.__events.push(`state:${state}${reason ? `:${reason}` : ''}`);
      });
      call.addEventListener('support-snapshot', () => w.__snapshots++);
      document.body.append(call);
    }, host);
  }

  const state = (page: Page): Promise<string | null> => page.locator(CALL).getAttribute('state');

  async function waitForState(page: Page, expected: string, timeout = 15_000): Promise<void> {
    await page.waitForFunction((want) => document.querySelector('support-call')?.getAttribute('state') === want, expected, { timeout });
  }

  async function startCall(): Promise<void> {
    await customer.evaluate(() => (document.querySelector('support-call') as unknown as { start(o: object): Promise<void> }).start({ video: true }));
    await waitForState(customer, 'outgoing-ringing');
    await agent.locator(`${CALL} [part~="accept-button"]`).waitFor(WAIT);
  }

  /** Resolves once the page's remote video shows new frames. */
  async function remoteVideoPlays(page: Page): Promise<void> {
    await page.waitForFunction(
      () => {
        const video = document.querySelector('support-call')?.shadowRoot?.querySelector<HTMLVideoElement>('video[part~="remote-video"]');
        return !!video && video.videoWidth > 0 && !video.paused;
      },
      undefined,
      WAIT,
    );
    const advanced = await page.evaluate<number>(COUNT_REMOTE_FRAMES);
    assert.ok(advanced >= 5, `remote video presented ${advanced} new frames`);
  }

  const liveTracks = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as TrackWindow).__liveTracks());

  async function noLiveTracks(page: Page): Promise<void> {
    await page.waitForFunction(() => (window as unknown as TrackWindow).__liveTracks().length === 0, undefined, { timeout: 5000 }).catch(() => undefined);
    assert.deepEqual(await liveTracks(page), []);
  }

  const remoteBadges = (page: Page): Promise<string> =>
    page.evaluate(() => document.querySelector('support-call')?.shadowRoot?.querySelector('[part~="remote-state"]')?.textContent ?? '');

  it('customer calls, agent accepts, both remote videos play', async () => {
    await startCall();
    assert.match(await agent.locator(`${CALL} [role="alert"]`).innerText(), /is calling you/);
    await customer.waitForFunction(() => (window as unknown as TrackWindow).__liveTracks().length >= 2, undefined, WAIT);
    assert.deepEqual((await liveTracks(customer)).map((track) => track.split(':')[0]).sort(), ['audio', 'video'], 'the caller previews while ringing');
    assert.deepEqual(await liveTracks(agent), [], 'the callee opens nothing before answering');
    await agent.locator(`${CALL} [part~="accept-button"]`).click();
    await waitForState(customer, 'connected');
    await waitForState(agent, 'connected');
    await remoteVideoPlays(customer);
    await remoteVideoPlays(agent);
    assert.match(await customer.locator(`${CALL} [part~="status"] [role="status"]`).innerText(), /In call with/);
    // The network quality appears from the transport's stats (every 2 s).
    const quality = agent.locator(`${CALL} [part~="quality"]`);
    await quality.waitFor(WAIT);
    assert.match((await quality.getAttribute('data-level')) ?? '', /^(good|fair|poor)$/);
    assert.match(await quality.innerText(), /RTT \d+ ms/);
  });

  it('mute and camera-off reach the other side', async () => {
    const mute = customer.locator(`${CALL} [part~="mute-button"]`);
    await mute.click();
    assert.equal(await mute.getAttribute('aria-pressed'), 'true');
    await agent.waitForFunction(() => /muted/.test(document.querySelector('support-call')?.shadowRoot?.querySelector('[part~="remote-state"]')?.textContent ?? ''), undefined, WAIT);
    const camera = customer.locator(`${CALL} [part~="camera-button"]`);
    await camera.click();
    assert.equal(await camera.getAttribute('aria-pressed'), 'true');
    await agent.waitForFunction(() => /camera off/.test(document.querySelector('support-call')?.shadowRoot?.querySelector('[part~="remote-state"]')?.textContent ?? ''), undefined, WAIT);
    await mute.click();
    await camera.click();
    await agent.waitForFunction(() => !document.querySelector('support-call')?.shadowRoot?.querySelector('[part~="remote-state"]'), undefined, WAIT);
    assert.equal(await remoteBadges(agent), '');
  });

  it('switching camera keeps the call and the video', async () => {
    const cameraOf = (): Promise<string> =>
      customer.evaluate(() => {
        const video = document.querySelector('support-call')?.shadowRoot?.querySelector<HTMLVideoElement>('video[part~="local-video"]');
        const track = (video?.srcObject as MediaStream | null)?.getVideoTracks()[0];
        return `${track?.label ?? ''}:${track?.readyState ?? ''}`;
      });
    const before = await cameraOf();
    await customer.locator(`${CALL} [part~="switch-camera-button"]`).click();
    await customer.waitForFunction(
      (old) => {
        const video = document.querySelector('support-call')?.shadowRoot?.querySelector<HTMLVideoElement>('video[part~="local-video"]');
        const track = (video?.srcObject as MediaStream | null)?.getVideoTracks()[0];
        return !!track && `${track.label}:${track.readyState}` !== old && track.readyState === 'live';
      },
      before,
      WAIT,
    );
    assert.notEqual(await cameraOf(), before);
    assert.equal(await state(customer), 'connected');
    assert.equal(await state(agent), 'connected');
    const cameras = (await liveTracks(customer)).filter((track) => track.startsWith('video:'));
    assert.equal(cameras.length, 1, `one camera open after the switch: ${cameras.join(', ')}`);
    await remoteVideoPlays(agent);
  });

  it('the agent shares the screen (sharp text) and gets the camera back when the share ends', async () => {
    const share = agent.locator(`${CALL} [part~="screen-share-button"]`);
    await share.click();
    await agent.waitForFunction(() => document.querySelector('support-call')?.shadowRoot?.querySelector('[part~="screen-share-button"]')?.getAttribute('aria-pressed') === 'true', undefined, WAIT);
    const selfView = (): Promise<string> =>
      agent.evaluate(() => {
        const video = document.querySelector('support-call')?.shadowRoot?.querySelector<HTMLVideoElement>('video[part~="local-video"]');
        const track = (video?.srcObject as MediaStream | null)?.getVideoTracks()[0];
        return `${track?.label ?? ''}|${track?.contentHint ?? ''}`;
      });
    assert.match(await selfView(), /^screen.*\|detail$/);
    await customer.waitForFunction(() => /sharing the screen/.test(document.querySelector('support-call')?.shadowRoot?.querySelector('[part~="remote-state"]')?.textContent ?? ''), undefined, WAIT);
    await remoteVideoPlays(customer);
    await share.click();
    await customer.waitForFunction(() => !document.querySelector('support-call')?.shadowRoot?.querySelector('[part~="remote-state"]'), undefined, WAIT);
    assert.match(await selfView(), /^fake_device/);
    assert.ok(!(await liveTracks(agent)).some((track) => track.includes('screen')), 'the screen track is stopped');
    await remoteVideoPlays(customer);
  });

  it('a snapshot of the customer video lands in both threads as an image', async () => {
    await agent.locator(`${CALL} [part~="snapshot-button"]`).click();
    const hasImage = (tag: string): boolean => {
      const client = (document.querySelector(tag) as unknown as {
        activeClient: { conversations(): { messages: readonly { attachments?: { kind: string; mime: string }[] }[] }[] };
      }).activeClient;
      return client.conversations().some((c) => c.messages.some((m) => m.attachments?.some((a) => a.kind === 'image' && a.mime === 'image/jpeg')));
    };
    await agent.waitForFunction(hasImage, 'support-inbox', WAIT);
    // On a timeout, say where the photo stopped: the agent's message status and each link's state.
    const whereItIs = (tag: string): string => {
      const client = (document.querySelector(tag) as unknown as {
        activeClient: { state: string; conversations(): { messages: readonly { status: string; error?: { code: string }; attachments?: { kind: string }[] }[] }[] };
      }).activeClient;
      const photos = client.conversations().flatMap((c) => c.messages.filter((m) => m.attachments?.some((a) => a.kind === 'image')));
      return JSON.stringify({ state: client.state, photos: photos.map((m) => ({ status: m.status, error: m.error?.code })) });
    };
    await customer.waitForFunction(hasImage, 'support-chat', WAIT).catch(async (error: unknown) => {
      const agentSide = await agent.evaluate(whereItIs, 'support-inbox');
      const customerSide = await customer.evaluate(whereItIs, 'support-chat');
      throw new Error(`the customer has no snapshot: agent ${agentSide}, customer ${customerSide}`, { cause: error });
    });
    assert.equal(await agent.evaluate(() => (window as unknown as { __snapshots: number }).__snapshots), 1);
    assert.match(await agent.locator(`${CALL} [part~="notice"]`).innerText(), /Snapshot added/);
  });

  it('hangup ends both sides, stops every track and posts one call summary', async () => {
    await agent.locator(`${CALL} [part~="hangup-button"]`).click();
    await waitForState(agent, 'ended');
    await waitForState(customer, 'ended');
    assert.match(await customer.locator(`${CALL} [part~="status"] [role="status"]`).innerText(), /ended the call/);
    await noLiveTracks(customer);
    await noLiveTracks(agent);
    const summaries = (tag: string): number =>
      (document.querySelector(tag) as unknown as { activeClient: { conversations(): { messages: readonly { kind: string }[] }[] } }).activeClient
        .conversations()
        .flatMap((c) => c.messages)
        .filter((m) => m.kind === 'call-summary').length;
    await customer.waitForFunction(summaries, 'support-chat', WAIT).catch(() => undefined);
    assert.equal(await customer.evaluate(summaries, 'support-chat'), 1);
    assert.equal(await agent.evaluate(summaries, 'support-inbox'), 1);
  });

  it('decline ends both cleanly', async () => {
    await startCall();
    await agent.locator(`${CALL} [part~="decline-button"]`).click();
    await waitForState(customer, 'ended');
    await waitForState(agent, 'ended');
    assert.match(await customer.locator(`${CALL} [part~="status"] [role="status"]`).innerText(), /declined/);
    await noLiveTracks(customer);
    await noLiveTracks(agent);
  });

  it('cancel ends both cleanly', async () => {
    await startCall();
    await customer.locator(`${CALL} [part~="cancel-button"]`).click();
    await waitForState(agent, 'ended');
    await waitForState(customer, 'ended');
    assert.match(await agent.locator(`${CALL} [part~="status"] [role="status"]`).innerText(), /cancelled/);
    await noLiveTracks(customer);
    await noLiveTracks(agent);
  });

  /** Makes the customer's next `getUserMedia` calls fail like a browser would (`kind`: which requests fail). */
  async function failMedia(name: string, kind: 'all' | 'video'): Promise<void> {
    await customer.evaluate(
      ([errorName, which]) => {
        const md = navigator.mediaDevices as MediaDevices & { realGetUserMedia?: MediaDevices['getUserMedia'] };
        md.realGetUserMedia ??= md.getUserMedia;
        const real = md.realGetUserMedia;
        md.getUserMedia = (constraints) =>
          which === 'all' || constraints?.video
            ? Promise.reject(new DOMException(`fake ${errorName}`, errorName))
            : real.call(md, constraints);
      },
      [name, kind] as const,
    );
  }

  async function restoreMedia(): Promise<void> {
    await customer.evaluate(() => {
      const md = navigator.mediaDevices as MediaDevices & { realGetUserMedia?: MediaDevices['getUserMedia'] };
      if (md.realGetUserMedia) md.getUserMedia = md.realGetUserMedia;
    });
  }

  const events = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { __events: string[] }).__events);

  it('camera and microphone permission denied: a clear message, media-denied, and the ringing stops', async () => {
    await failMedia('NotAllowedError', 'all');
    try {
      await customer.evaluate(() => ((window as unknown as { __events: string[] }).__events = []));
      await customer.evaluate(() => (document.querySelector('support-call') as unknown as { start(o: object): Promise<void> }).start({ video: true }));
      await waitForState(customer, 'ended');
      assert.ok((await events(customer)).includes('error:media-denied'), (await events(customer)).join(','));
      assert.ok((await events(customer)).includes('state:ended:media-denied'), (await events(customer)).join(','));
      assert.match(await customer.locator(`${CALL} [part~="notice"]`).innerText(), /access is blocked/);
      await agent.waitForFunction(() => (window as unknown as { __events: string[] }).__events.at(-1)?.startsWith('state:ended'), undefined, WAIT);
      assert.notEqual(await state(agent), 'incoming-ringing');
      assert.deepEqual(await liveTracks(customer), []);
    } finally {
      await restoreMedia();
    }
  });

  it('no camera: the call goes on with the microphone, with a no-device message', async () => {
    await failMedia('NotFoundError', 'video');
    try {
      await customer.evaluate(() => ((window as unknown as { __events: string[] }).__events = []));
      await startCall();
      await customer.locator(`${CALL} [part~="notice"]`).waitFor(WAIT);
      assert.match(await customer.locator(`${CALL} [part~="notice"]`).innerText(), /No camera or microphone was found/);
      assert.ok((await events(customer)).includes('error:no-device'));
      await agent.locator(`${CALL} [part~="accept-button"]`).click();
      await waitForState(customer, 'connected');
      await waitForState(agent, 'connected');
      assert.deepEqual((await liveTracks(customer)).map((track) => track.split(':')[0]), ['audio']);
      await remoteVideoPlays(customer); // the agent's camera still reaches the customer
      await agent.waitForFunction(() => /camera off/.test(document.querySelector('support-call')?.shadowRoot?.querySelector('[part~="remote-state"]')?.textContent ?? ''), undefined, WAIT);
      await customer.locator(`${CALL} [part~="hangup-button"]`).click();
      await waitForState(agent, 'ended');
      await noLiveTracks(customer);
      await noLiveTracks(agent);
    } finally {
      await restoreMedia();
    }
  });

  it('removing the element mid-call hangs up and releases the camera', async () => {
    await startCall();
    await agent.locator(`${CALL} [part~="accept-button"]`).click();
    await waitForState(customer, 'connected');
    await waitForState(agent, 'connected');
    await agent.evaluate(() => document.querySelector('support-call')?.remove());
    await waitForState(customer, 'ended');
    assert.match(await customer.locator(`${CALL} [part~="status"] [role="status"]`).innerText(), /ended the call/);
    await noLiveTracks(agent);
    await noLiveTracks(customer);
    await addCall(agent, 'support-inbox');
  });

  it('closing the customer tab ends the call on the agent side within seconds', async () => {
    await startCall();
    await agent.locator(`${CALL} [part~="accept-button"]`).click();
    await waitForState(agent, 'connected');
    await remoteVideoPlays(agent);
    const closedAt = Date.now();
    await customer.close();
    await waitForState(agent, 'ended', 40_000);
    const events = await agent.evaluate(() => (window as unknown as { __events: string[] }).__events);
    const ending = events.filter((event) => event.startsWith('state:ended')).at(-1);
    assert.match(ending ?? '', /^state:ended:(remote-hangup|peer-left)$/);
    if (ending === 'state:ended:peer-left') assert.ok(events.includes('error:network'), events.join(','));
    console.info(`agent side ended ${Date.now() - closedAt} ms after the tab closed (${ending})`);
    await noLiveTracks(agent);
  });

  it('a customer tab that crashes (no goodbye) is reported as lost: peer-left and a network error', { timeout: 60_000 }, async () => {
    // Not `world.person()`: the page this test crashes must not count as a page error.
    const context = await world.browser.newContext();
    await context.addInitScript(TRACK_COUNTER);
    customer = await context.newPage();
    await openWithCall(customer, `${world.relay.url}/`, 'support-chat');
    await agent.evaluate(() => ((window as unknown as { __events: string[] }).__events = []));
    await startCall();
    await agent.locator(`${CALL} [part~="accept-button"]`).click();
    await waitForState(agent, 'connected');
    await remoteVideoPlays(agent);
    const crashedAt = Date.now();
    const cdp = await context.newCDPSession(customer);
    void cdp.send('Page.crash').catch(() => undefined); // never answered: the renderer dies
    await waitForState(agent, 'ended', 45_000);
    const events = await agent.evaluate(() => (window as unknown as { __events: string[] }).__events);
    assert.ok(events.includes('state:ended:peer-left'), events.join(','));
    assert.ok(events.includes('error:network'), events.join(','));
    assert.match(await agent.locator(`${CALL} [part~="notice"]`).innerText(), /connection to the other side was lost/);
    console.info(`agent side ended ${Date.now() - crashedAt} ms after the customer tab crashed`);
    await noLiveTracks(agent);
    await context.close().catch(() => undefined);
  });

  it('raised no uncaught page errors', () => {
    assert.deepEqual(world.pageErrors, []);
  });
});
