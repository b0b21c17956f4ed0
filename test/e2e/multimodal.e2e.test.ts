/**
 * End to end, multimodal: on the demo product page (script-tag bundle) a customer records a voice
 * note and a clip with Chromium's fake microphone and camera, pastes a generated photo and picks
 * a PDF; the agent desk (`/agent/`) shows and plays each of them. A file over the limit is refused
 * with a localised message and the typed text survives. Needs `npm run build` first.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openDeskWorld, type DeskWorld } from '../support/desk-world.js';

const WAIT = { timeout: 20_000 };

/** A minimal one-page PDF. */
function minimalPdf(padTo = 0): Buffer {
  const text = '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
  return Buffer.from(text.padEnd(Math.max(padTo, text.length), '%'));
}

/** Milliseconds the chat's recorder timer shows (0 when not recording). */
function waitForRecorded(page: Page, ms: number): Promise<unknown> {
  return page.waitForFunction(
    (least) => {
      const timer = document.querySelector('support-chat')?.shadowRoot?.querySelector('[part~="recorder-timer"]');
      return Number(timer?.getAttribute('data-elapsed-ms') ?? 0) > least;
    },
    ms,
    WAIT,
  );
}

/** Waits until the chat's draft holds `count` attachments, all uploaded. */
function waitForUploaded(page: Page, count: number): Promise<unknown> {
  return page.waitForFunction(
    (expected) => {
      const chips = [...(document.querySelector('support-chat')?.shadowRoot?.querySelectorAll('[part~="attachment"]') ?? [])];
      return chips.length === expected && chips.every((chip) => chip.getAttribute('data-state') === 'uploaded');
    },
    count,
    WAIT,
  );
}

/** Waits until the customer's messages with attachments are all acknowledged, and there are `count`. */
function waitForSent(page: Page, count: number): Promise<unknown> {
  return page.waitForFunction(
    (expected) => {
      const root = document.querySelector('support-chat')?.shadowRoot;
      const mine = [...(root?.querySelectorAll('[part~="message"][data-from="me"]') ?? [])].filter((m) => m.querySelector('[part~="attachments"]'));
      return mine.length === expected && mine.every((m) => m.getAttribute('data-status') !== 'sending' && m.getAttribute('data-status') !== 'failed');
    },
    count,
    WAIT,
  );
}

describe('customer sends a photo, a voice note, a clip and a PDF; the agent sees and plays them', () => {
  let world: DeskWorld;
  let customer: Page;
  let agent: Page;

  before(async () => {
    world = await openDeskWorld();
    customer = await world.person();
    agent = await world.person();
    await customer.goto(`${world.relay.url}/`);
    await customer.locator('support-chat [part~="launcher"]').click(WAIT);
    await customer.locator('support-chat [part~="attach-button"]').waitFor(WAIT);
  });

  after(() => world?.close());

  it('records a voice note (tap, tap) and sends it', async () => {
    const mic = customer.locator('support-chat [part~="record-voice-button"]');
    await mic.click();
    await waitForRecorded(customer, 1500);
    assert.equal(await mic.getAttribute('aria-pressed'), 'true');
    await mic.click();
    await waitForUploaded(customer, 1);
    await customer.locator('support-chat [part~="send-button"]').click();
    await waitForSent(customer, 1);
  });

  it('records a clip with the camera and sends it', async () => {
    await customer.locator('support-chat [part~="record-video-button"]').click();
    await customer.locator('support-chat [part~="recorder-preview"]').waitFor(WAIT);
    await waitForRecorded(customer, 1500);
    await customer.locator('support-chat [part~="record-stop-button"]').click();
    await waitForUploaded(customer, 1);
    await customer.locator('support-chat [part~="send-button"]').click();
    await waitForSent(customer, 2);
  });

  it('pastes a generated photo, picks a PDF and sends both with text', async () => {
    const pasted = await customer.evaluate(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 1200;
      canvas.height = 900;
      const context = canvas.getContext('2d');
      if (!context) return false;
      context.fillStyle = '#1d4ed8';
      context.fillRect(0, 0, 1200, 900);
      context.fillStyle = '#f59e0b';
      context.fillRect(300, 200, 600, 500);
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
      if (!blob) return false;
      const transfer = new DataTransfer();
      transfer.items.add(new File([blob], 'hinge.png', { type: 'image/png' }));
      const input = document.querySelector('support-chat')?.shadowRoot?.querySelector('[part~="input"]');
      const event = new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true, composed: true });
      input?.dispatchEvent(event);
      return event.defaultPrevented;
    });
    assert.equal(pasted, true);
    await customer.locator('support-chat input.file-input').setInputFiles({ name: 'receipt.pdf', mimeType: 'application/pdf', buffer: minimalPdf() });
    await waitForUploaded(customer, 2);
    await customer.locator('support-chat [part~="input"]').fill('The cracked hinge, and my receipt');
    await customer.keyboard.press('Enter');
    await waitForSent(customer, 3);
    const kinds = await customer.evaluate(() => {
      const root = document.querySelector('support-chat')?.shadowRoot;
      return [...(root?.querySelectorAll('[part~="attachments"] [data-kind]') ?? [])].map((node) => node.getAttribute('data-kind')).join(',');
    });
    assert.equal(kinds, 'audio,video,image,file');
  });

  it('the agent sees the photo, plays the voice note and the clip, and can download the PDF', async () => {
    await agent.goto(`${world.relay.url}/agent/`);
    const conversation = agent.locator('support-inbox [part~="conversation"]').first();
    await conversation.waitFor(WAIT);
    await conversation.click();
    await agent.locator('support-inbox [part~="thread"] [part~="attachment-file"]').waitFor(WAIT);
    await agent.waitForFunction(
      () => {
        const root = document.querySelector('support-inbox')?.shadowRoot;
        const image = root?.querySelector<HTMLImageElement>('[part~="attachment-image"] img');
        const audio = root?.querySelector<HTMLAudioElement>('[part~="attachment-audio"] audio');
        const video = root?.querySelector<HTMLVideoElement>('[part~="attachment-video"] video');
        const imageLoaded = !!image && image.complete && image.naturalWidth > 0;
        const audioLoaded = !!audio && (audio.readyState >= 1 || audio.duration > 0);
        const videoLoaded = !!video && (video.readyState >= 1 || video.duration > 0);
        return imageLoaded && audioLoaded && videoLoaded;
      },
      undefined,
      WAIT,
    );
    const facts = await agent.evaluate(async () => {
      const root = document.querySelector('support-inbox')?.shadowRoot;
      const image = root?.querySelector<HTMLImageElement>('[part~="attachment-image"] img');
      const video = root?.querySelector<HTMLVideoElement>('[part~="attachment-video"] video');
      const link = root?.querySelector<HTMLAnchorElement>('[part~="attachment-file"]');
      const durations = [...(root?.querySelectorAll('.media-duration') ?? [])].map((node) => Number(node.getAttribute('data-duration-ms')));
      const pdf = link ? await fetch(link.href) : undefined;
      return {
        imageWidth: image?.naturalWidth ?? 0,
        imageAlt: image?.alt ?? '',
        videoWidth: video?.videoWidth ?? 0,
        videoPoster: video?.getAttribute('poster')?.includes('/uploads/') ?? false,
        durations: durations.join(','),
        download: link?.getAttribute('download') ?? '',
        rel: link?.rel ?? '',
        pdfStatus: pdf?.status ?? 0,
        pdfType: pdf?.headers.get('content-type') ?? '',
        pdfDisposition: pdf?.headers.get('content-disposition') ?? '',
        pdfStart: pdf ? (await pdf.text()).slice(0, 8) : '',
      };
    });
    assert.equal(facts.imageWidth, 1200);
    assert.equal(facts.imageAlt, 'hinge.png');
    assert.equal(facts.videoWidth, 640);
    assert.equal(facts.videoPoster, true);
    const [voiceMs, clipMs] = facts.durations.split(',').map(Number);
    assert.ok((voiceMs ?? 0) >= 1500 && (clipMs ?? 0) >= 1500, `durations shown: ${facts.durations}`);
    assert.equal(facts.download, 'receipt.pdf');
    assert.match(facts.rel, /noopener/);
    assert.equal(facts.pdfStatus, 200);
    assert.equal(facts.pdfType, 'application/pdf');
    assert.match(facts.pdfDisposition, /^attachment/);
    assert.equal(facts.pdfStart, '%PDF-1.4');
    const preview = await agent.locator('support-inbox [part~="conversation"]').first().innerText();
    assert.match(preview, /The cracked hinge, and my receipt/);
  });

  it('refuses a file over the limit with a localised message and keeps the typed text', async () => {
    await customer.evaluate(() => {
      const chat = document.querySelector('support-chat') as (HTMLElement & { maxUploadBytes?: number }) | null;
      if (chat) chat.maxUploadBytes = 4096;
    });
    const input = customer.locator('support-chat [part~="input"]');
    await input.fill('Please keep this text');
    await customer.locator('support-chat input.file-input').setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: minimalPdf(10_240) });
    const error = customer.locator('support-chat [part~="attachment-error"]');
    await error.locator('p').first().waitFor(WAIT);
    assert.equal(await error.getAttribute('role'), 'alert');
    assert.match(await error.innerText(), /“scan\.pdf” is too large \(10 kB\)\. Files can be up to 4 kB\./);
    assert.equal(await input.inputValue(), 'Please keep this text');
    assert.equal(await customer.locator('support-chat [part~="attachment"]').count(), 0);
    await customer.evaluate(() => {
      document.querySelector('support-chat')?.setAttribute('lang', 'zh-CN');
    });
    await customer.locator('support-chat input.file-input').setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: minimalPdf(10_240) });
    await customer.waitForFunction(
      () => document.querySelector('support-chat')?.shadowRoot?.querySelector('[part~="attachment-error"]')?.textContent?.includes('“scan.pdf”太大') ?? false,
      undefined,
      WAIT,
    );
    assert.equal(await input.inputValue(), 'Please keep this text');
  });

  it('raised no uncaught page errors', () => {
    assert.deepEqual(world.pageErrors, []);
  });
});
