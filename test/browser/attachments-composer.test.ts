import { expect } from '@esm-bundle/chai';
import { fixtureCleanup } from '@open-wc/testing-helpers';
import { sendKeys } from '@web/test-runner-commands';
import { SupportError } from '../../src/protocol/errors.js';
import type { UploadProvider } from '../../src/uploads/types.js';
import {
  canvasPng,
  chipStates,
  connectedAgent,
  connectedChat,
  dragFiles,
  messagesWithAttachments,
  minimalPdf,
  pasteFiles,
  pickFiles,
  relayUploads,
  sendEnabled,
  uploaded,
} from './attachments-fixtures.js';
import { disposeClients, waitFor } from './support/relay.js';
import { isShown, maybePart, part, parts } from './support/shadow.js';

/** Types into the message input as a user would. */
async function typeText(el: HTMLElement, text: string): Promise<void> {
  part(el, 'input').focus();
  await sendKeys({ type: text });
}

function inputValue(el: HTMLElement): string {
  return part<HTMLTextAreaElement>(el, 'input').value;
}

describe('attachments in the <support-chat> composer', function () {
  this.timeout(30_000);

  afterEach(() => {
    fixtureCleanup();
    disposeClients();
  });

  it('offers a labelled attach button and a file picker that accepts photos, clips, audio, PDFs and any file', async () => {
    const { el } = await connectedChat();
    const button = part<HTMLButtonElement>(el, 'attach-button');
    expect(button.getAttribute('aria-label')).to.equal('Attach files');
    expect(button.type).to.equal('button');
    const input = el.shadowRoot?.querySelector<HTMLInputElement>('input.file-input');
    expect(input?.type).to.equal('file');
    expect(input?.multiple).to.equal(true);
    expect(input?.accept).to.equal('image/*,video/*,audio/*,application/pdf,*/*');
    expect(isShown(input ?? null)).to.equal(false);
  });

  it('resizes a photo, uploads it with progress, and sends it with the text as one message', async () => {
    const { el, conversationId } = await connectedChat();
    const agent = await connectedAgent();
    const progressSeen: string[] = [];
    const observer = new MutationObserver(() => {
      if (maybePart(el, 'attachment-progress')) progressSeen.push('progress');
    });
    observer.observe(el.shadowRoot as ShadowRoot, { subtree: true, childList: true });
    pickFiles(el, [await canvasPng(3000, 1500, 'wide.png')]);
    await el.updateComplete;
    expect(chipStates(el).length).to.equal(1);
    expect(sendEnabled(el)).to.equal(true); // sending never waits for an upload: the message would queue
    await uploaded(el, 1);
    observer.disconnect();
    expect(progressSeen.length > 0).to.equal(true);
    expect(sendEnabled(el)).to.equal(true);
    await typeText(el, 'The hinge is cracked');
    await sendKeys({ press: 'Enter' });
    const stored = await waitFor(
      () => agent.conversation(conversationId)?.messages.find((m) => m.body === 'The hinge is cracked'),
      'the agent to receive the message',
    );
    const attachment = stored.attachments?.[0];
    expect(`${attachment?.kind} ${attachment?.mime} ${attachment?.name} ${attachment?.width}x${attachment?.height}`).to.equal(
      'image image/png wide.png 2048x1024',
    );
    expect(chipStates(el).length).to.equal(0);
    expect(inputValue(el)).to.equal('');
    const mine = await waitFor(() => messagesWithAttachments(el)[0], 'my message with the photo');
    // The thumbnail appears once its signed address is minted.
    const image = await waitFor(() => mine.querySelector<HTMLImageElement>('[part~="attachment-image"] img'), 'the thumbnail');
    expect(image?.alt).to.equal('wide.png');
    expect(image?.getAttribute('loading')).to.equal('lazy');
    expect(`${image?.getAttribute('width')}x${image?.getAttribute('height')}`).to.equal('240x120');
    await waitFor(() => image?.complete && image.naturalWidth > 0, 'the thumbnail to load');
    // Shown at a short-lived address signed for this file: never the session token in the URL.
    const shown = new URL(image?.src ?? 'http://x/').searchParams;
    expect(`${shown.has('token')} ${shown.has('sig')} ${shown.has('exp')}`).to.equal('false true true');
    expect(image?.naturalWidth).to.equal(2048);
  });

  it('refuses a file over the limit with a localised error and keeps the text and the other attachments', async () => {
    const { el } = await connectedChat({ maxUploadBytes: 2000 });
    const errors: string[] = [];
    el.addEventListener('support-error', (event) => errors.push((event as CustomEvent<{ code: string }>).detail.code));
    await typeText(el, 'Here is my receipt');
    pickFiles(el, [minimalPdf('small.pdf')]);
    await uploaded(el, 1);
    pickFiles(el, [minimalPdf('huge-receipt.pdf', 5120)]);
    await el.updateComplete;
    const alert = part(el, 'attachment-error');
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent?.includes('“huge-receipt.pdf” is too large (5 kB). Files can be up to 2 kB.')).to.equal(true);
    expect(errors.includes('upload-too-large')).to.equal(true);
    expect(inputValue(el)).to.equal('Here is my receipt');
    expect(chipStates(el).join(',')).to.equal('file:uploaded');
    expect(sendEnabled(el)).to.equal(true);
    (alert.querySelector('button') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(isShown(part(el, 'attachment-error'))).to.equal(false);
  });

  it('says so in Chinese on a Chinese page', async () => {
    const { el } = await connectedChat({ lang: 'zh-CN' });
    el.setAttribute('max-upload-bytes', '1000');
    await el.updateComplete;
    expect(el.maxUploadBytes).to.equal(1000);
    pickFiles(el, [minimalPdf('发票.pdf', 3000)]);
    await el.updateComplete;
    expect(part(el, 'attachment-error').textContent?.includes('“发票.pdf”太大')).to.equal(true);
    expect(part(el, 'attach-button').getAttribute('aria-label')).to.equal('添加附件');
  });

  it('refuses an empty file as unsupported', async () => {
    const { el } = await connectedChat();
    pickFiles(el, [new File([], 'empty.txt', { type: 'text/plain' })]);
    await el.updateComplete;
    expect(part(el, 'attachment-error').textContent?.includes('“empty.txt” cannot be sent')).to.equal(true);
    expect(chipStates(el).length).to.equal(0);
  });

  it('shows the server refusing a photo that is not one, and keeps the draft', async () => {
    const { el } = await connectedChat();
    await typeText(el, 'keep me');
    // Claims to be a GIF (not resized by the browser), but the bytes are text: the relay answers 415.
    pickFiles(el, [new File(['this is not a picture'], 'fake.gif', { type: 'image/gif' })]);
    await waitFor(() => maybePart(el, 'attachment-error')?.textContent?.includes('“fake.gif” cannot be sent'), 'the refusal');
    expect(chipStates(el).length).to.equal(0);
    expect(inputValue(el)).to.equal('keep me');
  });

  it('cancels an upload in flight (its request is aborted) and drops it from the draft', async () => {
    let aborted = false;
    const stalled: UploadProvider = {
      upload: (_file, options) =>
        new Promise((_resolve, reject) => {
          options.signal?.addEventListener('abort', () => {
            aborted = true;
            reject(new SupportError('closed', 'cancelled'));
          });
        }),
    };
    const { el } = await connectedChat({ uploadProvider: stalled });
    pickFiles(el, [minimalPdf()]);
    await waitFor(() => chipStates(el).join() === 'file:uploading', 'the upload to start');
    const cancel = part(el, 'attachment-remove-button');
    expect(cancel.getAttribute('aria-label')).to.equal('Cancel upload of receipt.pdf');
    cancel.click();
    await el.updateComplete;
    expect(aborted).to.equal(true);
    expect(chipStates(el).length).to.equal(0);
    expect(maybePart(el, 'attachment-error') === null || !isShown(maybePart(el, 'attachment-error'))).to.equal(true);
  });

  it('retries a failed upload', async () => {
    const { el } = await connectedChat();
    const real = relayUploads('customer', el.userId);
    let calls = 0;
    el.uploadProvider = {
      upload: (file, options) => (++calls === 1 ? Promise.reject(new SupportError('network', 'offline')) : real.upload(file, options)),
    };
    pickFiles(el, [minimalPdf()]);
    await waitFor(() => chipStates(el).join() === 'file:failed', 'the upload to fail');
    expect(part(el, 'attachment').textContent?.includes('Upload failed: cannot reach the server.')).to.equal(true);
    expect(sendEnabled(el)).to.equal(true); // a message sent now would take the file and try again
    part(el, 'attachment-retry-button').click();
    await uploaded(el, 1);
    expect(calls).to.equal(2);
    expect(sendEnabled(el)).to.equal(true);
  });

  it('takes a pasted picture, and leaves a text paste alone', async () => {
    const { el } = await connectedChat();
    expect(pasteFiles(el, [await canvasPng(64, 48, 'image.png')])).to.equal(true);
    await uploaded(el, 1);
    expect(chipStates(el).join()).to.equal('image:uploaded');
    const transfer = new DataTransfer();
    transfer.setData('text/plain', 'just words');
    const event = new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true, composed: true });
    part(el, 'input').dispatchEvent(event);
    expect(event.defaultPrevented).to.equal(false);
    expect(chipStates(el).length).to.equal(1);
  });

  it('shows a drop zone while files are dragged over the panel and adds dropped files', async () => {
    const { el } = await connectedChat();
    const files = [minimalPdf('a.pdf'), minimalPdf('b.pdf')];
    dragFiles(part(el, 'messages'), files, 'enter');
    await el.updateComplete;
    const zone = part(el, 'drop-zone');
    expect(isShown(zone)).to.equal(true);
    expect(zone.textContent?.includes('Drop files here to attach them')).to.equal(true);
    dragFiles(part(el, 'messages'), files, 'drop');
    await el.updateComplete;
    expect(maybePart(el, 'drop-zone') === null).to.equal(true);
    await uploaded(el, 2);
    expect(parts(el, 'attachment').map((chip) => chip.querySelector('.draft-name')?.textContent).join()).to.equal('a.pdf,b.pdf');
  });

  it('sends several attachments in one message without text', async () => {
    const { el, conversationId } = await connectedChat();
    const agent = await connectedAgent();
    pickFiles(el, [minimalPdf('one.pdf'), await canvasPng(100, 80, 'two.png')]);
    await uploaded(el, 2);
    part(el, 'send-button').click();
    const stored = await waitFor(
      () => agent.conversation(conversationId)?.messages.find((m) => (m.attachments?.length ?? 0) === 2),
      'the agent to receive both attachments',
    );
    expect(stored.body).to.equal('');
    expect(stored.attachments?.map((a) => `${a.kind}:${a.name}`).join()).to.equal('file:one.pdf,image:two.png');
    const mine = await waitFor(() => messagesWithAttachments(el)[0], 'my message');
    expect(mine.querySelector('[part~="bubble"]') === null).to.equal(true);
  });
});
