/**
 * End to end: freeze-and-draw and the pointer between the demo product page on a phone (customer,
 * `layout="fullscreen"`, portrait) and the agent desk, through the real relay, in two Chromium
 * contexts with the fake camera. The agent freezes the customer's camera: the customer's side
 * captures and stores the still, both screens show the same image; the agent's arrow and circle
 * appear on the customer's overlay at the same pixels of the still; undo removes them; "Send to
 * chat" puts the annotated image in both threads with the drawing's colour where it was drawn;
 * the pointer dot follows on the customer's camera picture at the point the agent aims at.
 * Screenshots go to /tmp/annotate-shots/ (or ANNOTATE_SHOTS).
 *
 * Run after `npm run build` (the pages load dist/).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openDeskWorld, type DeskWorld } from '../support/desk-world.js';
import { CHROMIUM_FLAGS } from '../support/browser.js';
import { annotateToolsCatalog } from '../../src/i18n/en/annotate-tools.js';
import { callCatalog } from '../../src/i18n/en/call.js';

const WAIT = { timeout: 15_000 };
const SHOTS = process.env.ANNOTATE_SHOTS ?? '/tmp/annotate-shots';
const CALL = 'support-call';
const LAYER = `${CALL} support-call-annotation`;

/**
 * The painted pixels of the layer's overlay canvas: its size and the bounding box of non-transparent
 * pixels; with `want` (a JSON of those), whether they are exactly that. A function, not a string:
 * the demo pages' CSP forbids eval. No named helpers inside: tsx would wrap them in a function the page lacks.
 */
const overlayOf = (want: string | null): Overlay | boolean | null => {
  const layer = document.querySelector('support-call')?.shadowRoot?.querySelector('support-call-annotation');
  const canvas = layer?.shadowRoot?.querySelector<HTMLCanvasElement>('canvas[part~="annotation-canvas"]');
  if (!canvas) return want === null ? null : false;
  const data = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, canvas.width, canvas.height).data;
  let [minX, minY, maxX, maxY, count] = [Infinity, Infinity, -1, -1, 0];
  for (let i = 3; i < data.length; i += 4) {
    if (data[i] === 0) continue;
    const p = (i - 3) / 4;
    const [x, y] = [p % canvas.width, Math.floor(p / canvas.width)];
    count++;
    [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
  }
  const result: Overlay = { width: canvas.width, height: canvas.height, count, box: count ? [minX, minY, maxX, maxY] : null };
  return want === null ? result : JSON.stringify(result) === want;
};

/** A checksum of the still the layer shows (decoded pixels), its size and whether it is the shared one; with `final`, whether it is the shared one. */
const stillOf = (final: boolean): Still | boolean | null => {
  const layer = document.querySelector('support-call')?.shadowRoot?.querySelector('support-call-annotation');
  const img = layer?.shadowRoot?.querySelector<HTMLImageElement>('img[part~="annotation-still"]');
  if (!img || !img.complete || !img.naturalWidth) return final ? false : null;
  if (final) return img.dataset['final'] === 'true';
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  context.drawImage(img, 0, 0);
  const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
  let sum = 0;
  for (let i = 0; i < data.length; i += 7) sum = (sum * 31 + (data[i] ?? 0)) % 1000000007;
  return { width: img.naturalWidth, height: img.naturalHeight, final: img.dataset['final'] === 'true', sum };
};

/** From now on, counts each `emptied` (a reload: srcObject set again) of the call's videos in `window.reloads`, by part. */
const countReloads = (): void => {
  const reloads: Record<string, number> = {};
  (window as unknown as { reloads: Record<string, number> }).reloads = reloads;
  for (const video of document.querySelector('support-call')?.shadowRoot?.querySelectorAll('video') ?? []) {
    const part = video.getAttribute('part') ?? '';
    video.addEventListener('emptied', () => (reloads[part] = (reloads[part] ?? 0) + 1));
  }
};

type Overlay = { width: number; height: number; count: number; box: [number, number, number, number] | null };
type Still = { width: number; height: number; final: boolean; sum: number };

describe('freeze, draw and point over a call (phone customer, desk agent)', () => {
  let world: DeskWorld;
  let customer: Page;
  let agent: Page;

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    world = await openDeskWorld({ args: [...CHROMIUM_FLAGS, '--autoplay-policy=no-user-gesture-required'] });
    const phone = await world.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    customer = await world.tab(phone);
    agent = await world.person();
    await Promise.all([openWithCall(customer, `${world.relay.url}/`, 'support-chat', 'fullscreen'), openWithCall(agent, `${world.relay.url}/agent/`, 'support-inbox', 'inline')]);
  });

  after(() => world?.close());

  async function openWithCall(page: Page, url: string, host: 'support-chat' | 'support-inbox', layout: string): Promise<void> {
    await page.goto(url);
    await page.waitForFunction(
      (tag) => (document.querySelector(tag) as unknown as { activeClient?: { state: string } } | null)?.activeClient?.state === 'connected',
      host,
      WAIT,
    );
    await page.evaluate(
      async ([tag, how]) => {
        await (window as unknown as { SupportWidget: { load(tag: string): Promise<void> } }).SupportWidget.load('support-call');
        const owner = document.querySelector(tag) as unknown as { activeClient: { primaryConversationId?: string }; getAttribute(name: string): string | null };
        const call = document.createElement('support-call') as unknown as HTMLElement & Record<string, unknown>;
        const errors: string[] = [];
        (window as unknown as { callErrors: string[] }).callErrors = errors;
        call.addEventListener('support-error', (event) => {
          const { code, message } = (event as CustomEvent<{ code: string; message: string }>).detail;
          errors.push(`${code}: ${message}`);
        });
        call.client = owner.activeClient;
        if (owner.activeClient.primaryConversationId) call.conversationId = owner.activeClient.primaryConversationId;
        call.setAttribute('token-endpoint', '/demo/token');
        call.setAttribute('user-id', owner.getAttribute('user-id') ?? '');
        call.setAttribute('layout', how);
        document.body.append(call);
      },
      [host, layout] as const,
    );
  }

  const overlay = async (page: Page): Promise<Overlay | null> => (await page.evaluate(overlayOf, null)) as Overlay | null;
  const still = async (page: Page): Promise<Still | null> => (await page.evaluate(stillOf, false)) as Still | null;

  /** Page coordinates of a normalised point of the still, through the canvas's letterboxed content rectangle. */
  async function stillPoint(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
    return page.evaluate(
      ([nx, ny]) => {
        const layer = document.querySelector('support-call')?.shadowRoot?.querySelector('support-call-annotation');
        const canvas = layer?.shadowRoot?.querySelector<HTMLCanvasElement>('canvas[part~="annotation-canvas"]');
        if (!canvas) throw new Error('no canvas');
        const box = canvas.getBoundingClientRect();
        const scale = Math.min(box.width / canvas.width, box.height / canvas.height);
        const [w, h] = [canvas.width * scale, canvas.height * scale];
        return { x: box.left + (box.width - w) / 2 + nx * w, y: box.top + (box.height - h) / 2 + ny * h };
      },
      [x, y] as const,
    );
  }

  async function drag(page: Page, from: [number, number], to: [number, number]): Promise<void> {
    await page.locator(`${LAYER} canvas[part~="annotation-canvas"]`).scrollIntoViewIfNeeded();
    const a = await stillPoint(page, ...from);
    const b = await stillPoint(page, ...to);
    await page.mouse.move(a.x, a.y);
    await page.mouse.down();
    await page.mouse.move(b.x, b.y, { steps: 12 });
    await page.mouse.up();
  }

  /** Waits until the customer's overlay has exactly the agent's painted pixels; returns them. */
  async function sameDrawing(): Promise<Overlay> {
    const mine = await overlay(agent);
    assert.ok(mine, 'the agent has an overlay');
    await customer.waitForFunction(overlayOf, JSON.stringify(mine), WAIT).catch(async (error: unknown) => {
      throw new Error(`customer overlay ${JSON.stringify(await overlay(customer))} != agent ${JSON.stringify(mine)}`, { cause: error });
    });
    return mine;
  }

  it('the agent freezes the customer’s camera: both show the customer’s full-resolution still, pixel for pixel', async () => {
    await customer.evaluate(() => (document.querySelector('support-call') as unknown as { start(o: object): Promise<void> }).start({ video: true }));
    await agent.locator(`${CALL} [part~="accept-button"]`).click(WAIT);
    for (const page of [customer, agent]) await page.waitForFunction(() => document.querySelector('support-call')?.getAttribute('state') === 'connected', undefined, WAIT);
    await agent.locator(`${CALL} [part~="freeze-button"]`).click(WAIT);
    for (const page of [customer, agent]) {
      await page.waitForFunction(stillOf, true, WAIT);
    }
    const [seen, shared] = [await still(agent), await still(customer)];
    assert.deepEqual(seen, shared, 'the agent shows exactly the still the customer captured');
    // The camera's capture size from its track (the self-view element may be reloading its picture at this moment).
    const camera = await customer.evaluate(() => {
      const video = document.querySelector('support-call')?.shadowRoot?.querySelector<HTMLVideoElement>('video[part~="local-video"]');
      const settings = (video?.srcObject as MediaStream | null)?.getVideoTracks()[0]?.getSettings();
      return { width: settings?.width, height: settings?.height };
    });
    assert.deepEqual({ width: shared?.width, height: shared?.height }, camera, 'the still has the camera’s capture resolution');
    assert.equal(await customer.locator(`${LAYER} [part~="tool-arrow"]`).count(), 0, 'the customer has no drawing tools');
  });

  it('an arrow and a circle drawn by the agent appear on the customer’s still at the same pixels; undo removes them', async () => {
    await drag(agent, [0.2, 0.3], [0.6, 0.7]);
    const arrow = await sameDrawing();
    const [x0, y0, x1, y1] = arrow.box ?? [0, 0, 0, 0];
    const { width, height } = arrow;
    // The arrow runs from (0.2, 0.3) to (0.6, 0.7) of the still; its head and line width stay within 3 % of the still.
    assert.ok(Math.abs(x0 / width - 0.2) < 0.03 && Math.abs(y0 / height - 0.3) < 0.03, `arrow starts at ${x0},${y0} of ${width}x${height}`);
    assert.ok(Math.abs(x1 / width - 0.6) < 0.03 && Math.abs(y1 / height - 0.7) < 0.03, `arrow ends at ${x1},${y1}`);

    await agent.locator(`${LAYER} [part~="tool-circle"]`).click();
    await drag(agent, [0.65, 0.2], [0.85, 0.45]);
    const both = await sameDrawing();
    const [, , cx1] = both.box ?? [0, 0, 0, 0];
    assert.ok(Math.abs(cx1 / width - 0.85) < 0.03, `the circle reaches x ${cx1}`);
    await customer.screenshot({ path: `${SHOTS}/phone-customer-frozen-drawing.png` });
    await agent.screenshot({ path: `${SHOTS}/desk-agent-frozen-drawing.png` });

    await agent.locator(`${LAYER} [part~="undo-button"]`).click();
    assert.deepEqual((await sameDrawing()).box, arrow.box, 'undo removed the circle on both screens');
    await agent.locator(`${LAYER} [part~="undo-button"]`).click();
    assert.equal((await sameDrawing()).count, 0, 'and then the arrow');
  });

  it('"Send to chat" posts the still with the drawing into both threads, the arrow red where it was drawn', async () => {
    await agent.locator(`${LAYER} [part~="tool-arrow"]`).click();
    await drag(agent, [0.25, 0.5], [0.75, 0.5]);
    await sameDrawing();
    await agent.locator(`${LAYER} [part~="send-button"]`).click();
    const annotated = (tag: string): string | null => {
      const client = (document.querySelector(tag) as unknown as {
        activeClient: { conversations(): { messages: readonly { attachments?: { name: string; url: string; kind: string }[] }[] }[] };
      }).activeClient;
      for (const conversation of client.conversations()) {
        for (const message of conversation.messages) {
          const file = message.attachments?.find((a) => a.kind === 'image' && a.name.startsWith('annotated-'));
          if (file) return file.url;
        }
      }
      return null;
    };
    await agent.waitForFunction(annotated, 'support-inbox', WAIT);
    await customer.waitForFunction(annotated, 'support-chat', WAIT);
    const url = await customer.evaluate(annotated, 'support-chat');
    // The customer reads the stored image as its thread would: a signed address, then the pixels.
    const samples = await customer.evaluate(
      async ([path]) => {
        const owner = document.querySelector('support-chat') as unknown as { activeClient: { user: { id: string; role: string } } };
        const { id, role } = owner.activeClient.user;
        const { token } = (await (await fetch('/demo/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role, userId: id }) })).json()) as { token: string };
        const signed = (await (await fetch(`${path}/url`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })).json()) as { url: string };
        const bitmap = await createImageBitmap(await (await fetch(signed.url)).blob());
        const canvas = document.createElement('canvas');
        canvas.width = bitmap.width;
        canvas.height = bitmap.height;
        const context = canvas.getContext('2d') as CanvasRenderingContext2D;
        context.drawImage(bitmap, 0, 0);
        // No named helper in here: tsx would wrap it in a function the page does not have.
        const picked = [[0.4, 0.5], [0.5, 0.5], [0.6, 0.5], [0.5, 0.15]].map(([x = 0, y = 0]) => [
          ...context.getImageData(Math.round(x * bitmap.width), Math.round(y * bitmap.height), 1, 1).data,
        ]);
        return { width: bitmap.width, height: bitmap.height, onArrow: picked.slice(0, 3), offArrow: picked[3] ?? [] };
      },
      [url] as const,
    );
    const shown = await still(customer);
    assert.deepEqual([samples.width, samples.height], [shown?.width, shown?.height], 'the image has the still’s full resolution');
    // The drawing colour (#ff2d20) through JPEG: strongly red, little green or blue.
    const red = ([r = 0, g = 255, b = 255]: number[]): boolean => r > 150 && r - g > 80 && r - b > 80;
    assert.ok(samples.onArrow.every(red), `drawing colour on the arrow: ${samples.onArrow.join(' | ')}`);
    assert.ok(!red(samples.offArrow), `no drawing colour off the arrow: ${samples.offArrow.join(',')}`);
  });

  it('unfreeze returns both screens to live video; the pointer dot follows the agent on the customer’s camera picture', async () => {
    await agent.locator(`${LAYER} [part~="unfreeze-button"]`).click();
    for (const page of [customer, agent]) await page.locator(LAYER).waitFor({ state: 'detached', ...WAIT });
    // Counts every reload of the call's pictures from here on: a re-render must never set a playing video's srcObject again.
    for (const page of [customer, agent]) await page.evaluate(countReloads);
    await agent.locator(`${CALL} [part~="pointer-button"]`).click();
    await agent.locator(`${CALL} video[part~="remote-video"]`).scrollIntoViewIfNeeded();
    // The customer's camera picture must be live on both screens before anyone can point at it; the customer's
    // self-view leaves its corner and fills the stage, letterboxed and not mirrored, as the agent sees it.
    await agent.waitForFunction(() => (document.querySelector('support-call')?.shadowRoot?.querySelector<HTMLVideoElement>('video[part~="remote-video"]')?.videoWidth ?? 0) > 0, undefined, WAIT);
    await customer.waitForFunction(
      () => {
        const video = document.querySelector('support-call')?.shadowRoot?.querySelector<HTMLVideoElement>('video[part~="local-video"]');
        return !!video && video.classList.contains('large') && !video.hasAttribute('data-mirrored') && getComputedStyle(video).objectFit === 'contain' && video.videoWidth > 0;
      },
      undefined,
      WAIT,
    );
    const selfView = await customer.evaluate(() => {
      const call = document.querySelector('support-call')?.shadowRoot;
      const video = call?.querySelector<HTMLVideoElement>('video[part~="local-video"]');
      const stage = call?.querySelector('.stage')?.getBoundingClientRect();
      const box = video?.getBoundingClientRect();
      return { label: video?.getAttribute('aria-label'), tabindex: video?.getAttribute('tabindex'), fills: !!box && !!stage && box.width === stage.width && box.height === stage.height };
    });
    assert.deepEqual(selfView, { label: callCatalog.en['call.localVideo'], tabindex: null, fills: true }, 'the pointed self-view fills the stage and is not a movable corner picture');
    assert.equal(await customer.locator(`${LAYER} [part~="annotation-notice"]`).textContent(), annotateToolsCatalog.en['annotateTools.pointedByPeer']);
    for (const [nx, ny] of [[0.3, 0.6], [0.7, 0.25]] as const) {
      // Aim at (nx, ny) of the customer's camera frame in the agent's remote video (object-fit: cover on the desk).
      const aim = await agent.evaluate(
        ([x, y]) => {
          const video = document.querySelector('support-call')?.shadowRoot?.querySelector<HTMLVideoElement>('video[part~="remote-video"]');
          if (!video) throw new Error('no remote video');
          const box = video.getBoundingClientRect();
          const fit = getComputedStyle(video).objectFit;
          const scale = (fit === 'cover' ? Math.max : Math.min)(box.width / video.videoWidth, box.height / video.videoHeight);
          const [w, h] = [video.videoWidth * scale, video.videoHeight * scale];
          return { x: box.left + (box.width - w) / 2 + x * w, y: box.top + (box.height - h) / 2 + y * h };
        },
        [nx, ny] as const,
      );
      await agent.mouse.move(aim.x, aim.y, { steps: 4 });
      // The dot's centre, normalised through the customer's letterboxed camera picture, is where the agent aims.
      await customer.waitForFunction(
        ([x, y]) => {
          const root = document.querySelector('support-call')?.shadowRoot?.querySelector('support-call-annotation')?.shadowRoot;
          const dot = root?.querySelector<HTMLElement>('[part~="annotation-pointer"]');
          const video = document.querySelector('support-call')?.shadowRoot?.querySelector<HTMLVideoElement>('video[part~="local-video"]');
          if (!dot || dot.hidden || !video?.videoWidth) return false;
          const d = dot.getBoundingClientRect();
          const box = video.getBoundingClientRect();
          const scale = Math.min(box.width / video.videoWidth, box.height / video.videoHeight);
          const [w, h] = [video.videoWidth * scale, video.videoHeight * scale];
          const at = [(d.left + d.width / 2 - box.left - (box.width - w) / 2) / w, (d.top + d.height / 2 - box.top - (box.height - h) / 2) / h];
          return Math.abs((at[0] ?? 9) - x) < 0.02 && Math.abs((at[1] ?? 9) - y) < 0.02;
        },
        [nx, ny] as const,
        WAIT,
      ).catch(async (error: unknown) => {
        const state = (page: Page): Promise<unknown> =>
          page.evaluate(() => {
            const layer = document.querySelector('support-call')?.shadowRoot?.querySelector('support-call-annotation') as (HTMLElement & { session?: { board: unknown } }) | null;
            const dot = layer?.shadowRoot?.querySelector<HTMLElement>('[part~="annotation-pointer"]');
            const video = document.querySelector('support-call')?.shadowRoot?.querySelector<HTMLVideoElement>('video[part~="local-video"]');
            return { board: layer?.session?.board, dot: dot && { hidden: dot.hidden, transform: dot.style.transform }, video: video && [video.videoWidth, video.videoHeight, !!video.srcObject, video.readyState, video.paused, (video.srcObject as MediaStream | null)?.getTracks().map((t) => `${t.kind}:${t.readyState}:${t.enabled}`)] };
          });
        throw new Error(`dot not at ${nx},${ny}: customer ${JSON.stringify(await state(customer))}, agent ${JSON.stringify(await state(agent))}, aim ${JSON.stringify(aim)}`, { cause: error });
      });
    }
    await customer.screenshot({ path: `${SHOTS}/phone-customer-pointer.png` });
    await agent.screenshot({ path: `${SHOTS}/desk-agent-pointer.png` });
    await agent.locator(`${LAYER} [part~="stop-pointer-button"]`).click();
    await customer.locator(LAYER).waitFor({ state: 'detached', ...WAIT });
    assert.ok(await customer.locator(`${CALL} video[part~="local-video"].pip`).isVisible(), 'the self-view is back in its corner');
    for (const page of [customer, agent]) assert.deepEqual(await page.evaluate(() => (window as unknown as { reloads: Record<string, number> }).reloads), {}, 'no picture reloaded while pointing');
    for (const page of [customer, agent]) assert.deepEqual(await page.evaluate(() => (window as unknown as { callErrors: string[] }).callErrors), [], 'no call error on either side');
    assert.deepEqual(world.pageErrors, []);
  });
});
