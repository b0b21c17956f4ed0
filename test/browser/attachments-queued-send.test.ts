/**
 * Sending while a file uploads (issue 12): Enter queues the message at once as a pending bubble
 * that shows the upload's progress (a labelled progressbar with its value), and it is sent when
 * the upload ends; a failed upload leaves the bubble failed, text kept, with a retry that sends it.
 * Real Chromium, real relay; the upload provider only holds or fails the first request.
 */
import { expect } from '@esm-bundle/chai';
import { fixtureCleanup } from '@open-wc/testing-helpers';
import { sendKeys } from '@web/test-runner-commands';
import { SupportError } from '../../src/protocol/errors.js';
import type { SupportClient } from '../../src/core/support-client.js';
import type { UploadProvider } from '../../src/uploads/types.js';
import { canvasPng, chipStates, connectedAgent, connectedChat, pasteFiles, relayUploads } from './attachments-fixtures.js';
import { disposeClients, waitFor } from './support/relay.js';
import { part, parts } from './support/shadow.js';

/** An upload provider that reports `percent` at once and goes on (to the real relay) only when released. */
function heldUploads(userId: () => string, percent: number): { provider: UploadProvider; release(): void } {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const provider: UploadProvider = {
    upload: async (file, options) => {
      options.onProgress?.(percent, 100);
      await held;
      return relayUploads('customer', userId()).upload(file, options);
    },
  };
  return { provider, release: () => release() };
}

function myMessage(el: HTMLElement, text: string): HTMLElement | undefined {
  return parts(el, 'message').find((m) => m.dataset.from === 'me' && m.textContent?.includes(text));
}

async function typeAndEnter(el: HTMLElement, text: string): Promise<void> {
  part(el, 'input').focus();
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
}

async function agentReceives(agent: SupportClient, conversationId: string, text: string): Promise<number> {
  await waitFor(
    () => agent.conversation(conversationId)?.messages.find((m) => m.body === text && m.attachments?.length),
    `the agent to receive "${text}" with its photo`,
    10_000,
  );
  return agent.conversation(conversationId)?.messages.filter((m) => m.body === text).length ?? 0;
}

describe('sending while a photo uploads', function () {
  this.timeout(30_000);

  afterEach(() => {
    fixtureCleanup();
    disposeClients();
  });

  it('queues the message at once as a pending bubble with the upload progress, and sends it when the upload ends', async () => {
    let userId = '';
    const uploads = heldUploads(() => userId, 40);
    const { el, conversationId } = await connectedChat({ uploadProvider: uploads.provider });
    userId = el.userId;
    const agent = await connectedAgent();
    await agent.openConversation(conversationId);
    expect(pasteFiles(el, [await canvasPng(1600, 1200, 'hinge.png')])).to.equal(true);
    await typeAndEnter(el, 'Is this hinge cracked?');

    const pending = await waitFor(() => myMessage(el, 'Is this hinge cracked?'), 'the pending bubble');
    expect(pending.dataset.status).to.equal('sending');
    expect(chipStates(el).length).to.equal(0); // the photo went with the message
    expect(part<HTMLTextAreaElement>(el, 'input').value).to.equal('');
    const bar = await waitFor(
      () => pending.querySelector<HTMLElement>('[part~="upload-progress"][aria-valuenow="40"]'),
      'the upload progress in the bubble',
    );
    expect(bar.getAttribute('role')).to.equal('progressbar');
    expect(bar.getAttribute('aria-label')).to.equal('Uploading hinge.png');
    expect(bar.getAttribute('aria-valuemin')).to.equal('0');
    expect(bar.getAttribute('aria-valuemax')).to.equal('100');
    expect(pending.querySelector('[part~="upload"]')?.textContent?.includes('Uploading hinge.png: 40%')).to.equal(true);
    expect(agent.conversation(conversationId)?.messages.length ?? 0).to.equal(0); // nothing sent before the photo is stored

    uploads.release();
    await waitFor(() => {
      const sent = myMessage(el, 'Is this hinge cracked?');
      return sent && sent.dataset.status !== 'sending' && sent.querySelector('[part~="attachment-image"]');
    }, 'the bubble sent with its photo', 10_000);
    expect(myMessage(el, 'Is this hinge cracked?')?.querySelector('[part~="upload-progress"]')).to.equal(null);
    expect(await agentReceives(agent, conversationId, 'Is this hinge cracked?')).to.equal(1);
  });

  it('labels the progress in Chinese on a Chinese page', async () => {
    let userId = '';
    const uploads = heldUploads(() => userId, 25);
    const { el } = await connectedChat({ uploadProvider: uploads.provider, lang: 'zh-CN' });
    userId = el.userId;
    pasteFiles(el, [await canvasPng(320, 240, '铰链.png')]);
    await typeAndEnter(el, '铰链裂了');
    const bar = await waitFor(
      () => myMessage(el, '铰链裂了')?.querySelector<HTMLElement>('[part~="upload-progress"][aria-valuenow="25"]'),
      'the upload progress',
    );
    expect(bar.getAttribute('aria-label')).to.equal('正在上传 铰链.png');
    expect(part(el, 'uploads').getAttribute('aria-label')).to.equal('正在发送的文件');
    uploads.release();
  });

  it('shows the message failed, text kept, when its upload fails, and retry sends it with the photo', async () => {
    const { el, conversationId } = await connectedChat();
    let failing = true;
    let calls = 0;
    el.uploadProvider = {
      upload: async (file, options) => {
        calls++;
        if (failing) {
          await new Promise((resolve) => setTimeout(resolve, 300)); // fails while the user is already sending
          throw new SupportError('network', 'the upload was cut');
        }
        return relayUploads('customer', el.userId).upload(file, options);
      },
    };
    const errors: string[] = [];
    el.addEventListener('support-error', (event) => errors.push((event as CustomEvent<{ code: string }>).detail.code));
    const agent = await connectedAgent();
    await agent.openConversation(conversationId);
    pasteFiles(el, [await canvasPng(640, 480, 'serial.png')]);
    await typeAndEnter(el, 'Serial number photo');

    const failed = await waitFor(() => {
      const message = myMessage(el, 'Serial number photo');
      return message?.dataset.status === 'failed' ? message : undefined;
    }, 'the bubble to show the failure', 10_000);
    expect(failed.querySelector('[part~="upload"][data-state="failed"]')?.textContent?.includes('serial.png could not be uploaded')).to.equal(true);
    expect(failed.querySelector('[part~="bubble"]')?.textContent?.includes('Serial number photo')).to.equal(true);
    expect(errors.includes('network')).to.equal(true);
    // The composer's upload failed, and so did the client's second try once the message's turn came.
    expect(calls).to.equal(2);
    const retry = failed.querySelector<HTMLButtonElement>('[part~="retry-button"]');
    expect(retry?.textContent?.trim()).to.equal('Retry');

    failing = false;
    retry?.click();
    await waitFor(() => {
      const sent = myMessage(el, 'Serial number photo');
      return sent && sent.dataset.status !== 'sending' && sent.dataset.status !== 'failed' && sent.querySelector('[part~="attachment-image"]');
    }, 'the retried message sent with its photo', 10_000);
    expect(calls).to.equal(3);
    expect(await agentReceives(agent, conversationId, 'Serial number photo')).to.equal(1);
  });
});
