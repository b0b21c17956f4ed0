import { expect } from '@esm-bundle/chai';
import { fixtureCleanup } from '@open-wc/testing-helpers';
import { sendKeys } from '@web/test-runner-commands';
import type { Attachment } from '../../src/protocol/model.js';
import { MediaUrlResolver } from '../../src/elements/attachments/media-urls.js';
import {
  agentInboxOn,
  canvasPng,
  connectedAgent,
  connectedChat,
  connectedCustomer,
  messagesWithAttachments,
  minimalPdf,
  pickFiles,
  relayUploads,
  uploaded,
} from './attachments-fixtures.js';
import { createClient, disposeClients, relayUrl, uniqueId, waitFor } from './support/relay.js';
import { focusedPart, isShown, maybePart, part, parts } from './support/shadow.js';

/** The lightbox dialog, if open. */
function lightbox(el: HTMLElement): HTMLDialogElement | null {
  return maybePart<HTMLDialogElement>(el as HTMLElement, 'lightbox') as HTMLDialogElement | null;
}

function zoom(el: HTMLElement): string {
  return part(el, 'lightbox-image').dataset.zoom ?? '';
}

describe('attachments in the thread', function () {
  this.timeout(30_000);

  afterEach(() => {
    fixtureCleanup();
    disposeClients();
  });

  it('opens a photo in a keyboard-accessible lightbox with zoom, and Escape gives focus back without closing the chat', async () => {
    const { el, conversationId } = await connectedChat({ floating: true });
    const agent = await connectedAgent();
    const stored = await relayUploads('agent', agent.user?.id ?? '').upload(await canvasPng(800, 600, 'screen.png'), {
      conversationId,
      name: 'screen.png',
    });
    agent.send(conversationId, { body: 'Like this?', attachments: [{ ...stored, width: 800, height: 600 }] });
    const message = await waitFor(() => messagesWithAttachments(el)[0], 'the photo in the thread');
    const thumbnail = message.querySelector<HTMLButtonElement>('[part~="attachment-image"]') as HTMLButtonElement;
    await waitFor(() => !thumbnail.disabled, 'the photo address (token) to be ready');
    expect(thumbnail.getAttribute('aria-label')).to.equal('View screen.png larger');
    expect(lightbox(el) === null).to.equal(true); // the lightbox's code is not even loaded yet
    thumbnail.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = await waitFor(() => lightbox(el)?.open && lightbox(el), 'the lightbox to open');
    expect(dialog.localName).to.equal('dialog');
    expect(dialog.getAttribute('aria-label')).to.equal('screen.png');
    expect(focusedPart(el)).to.equal('button[part=lightbox-close-button]');
    const image = part<HTMLImageElement>(el, 'lightbox-image');
    await waitFor(() => image.complete && image.naturalWidth === 800, 'the photo to load');
    await el.updateComplete;
    const fittedWidth = image.getBoundingClientRect().width;
    await sendKeys({ press: '+' });
    await el.updateComplete;
    expect(zoom(el)).to.equal('1.5');
    expect(Math.round(image.getBoundingClientRect().width)).to.equal(Math.round(fittedWidth * 1.5));
    part(el, 'lightbox-zoom-out-button').click();
    await el.updateComplete;
    part(el, 'lightbox-zoom-out-button').click();
    await el.updateComplete;
    expect(zoom(el)).to.equal('0.75');
    await sendKeys({ press: '0' });
    await el.updateComplete;
    expect(zoom(el)).to.equal('1');
    const seen = new Set<string>();
    for (let i = 0; i < 6; i++) {
      await sendKeys({ press: 'Tab' });
      seen.add(focusedPart(el));
    }
    expect([...seen].sort().join()).to.equal(
      'button[part=lightbox-close-button],button[part=lightbox-zoom-in-button],button[part=lightbox-zoom-out-button]',
    );
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(lightbox(el) === null).to.equal(true);
    expect(el.open).to.equal(true);
    expect(focusedPart(el)).to.equal('button[part=attachment-image]');
  });

  it('shows a file as a download link with icon, name and size, and never renders its name as HTML', async () => {
    const { el, conversationId } = await connectedChat();
    const agentId = uniqueId('agent');
    const agent = createClient('agent', agentId, 'Alex');
    await agent.connect();
    // Attachments come from the relay's uploads (a foreign URL is refused by the relay and not rendered).
    const stored = await relayUploads('agent', agentId).upload(minimalPdf('x.pdf', 1536), { conversationId, name: '<img src=x onerror="window.__pwned=1">manual.pdf' });
    const file: Attachment = { id: stored.id, kind: 'file', mime: stored.mime, size: stored.size, name: stored.name, url: stored.url };
    agent.send(conversationId, { body: '', attachments: [file] });
    const message = await waitFor(() => messagesWithAttachments(el)[0], 'the file in the thread');
    const link = await waitFor(() => message.querySelector<HTMLAnchorElement>('[part~="attachment-file"][href]'), 'the signed address');
    expect(link.querySelector('.file-name')?.textContent).to.equal(stored.name);
    expect(link.querySelector('img') === null).to.equal(true);
    expect(link.querySelector('svg') !== null).to.equal(true);
    expect(link.getAttribute('download')).to.equal(stored.name);
    expect(link.rel.split(' ').includes('noopener')).to.equal(true);
    expect(link.href.startsWith(`${relayUrl()}/uploads/${stored.id}?`)).to.equal(true);
    expect(link.querySelector('.file-size')?.textContent).to.equal('1.5 kB');
    expect((window as { __pwned?: number }).__pwned === undefined).to.equal(true);
  });

  it("refuses a foreign attachment URL at the relay (attachment-not-allowed): nothing reaches the customer's thread", async () => {
    const { el, conversationId } = await connectedChat();
    const agent = await connectedAgent();
    await agent.openConversation(conversationId);
    const pixel: Attachment = { id: 'p', kind: 'image', mime: 'image/png', size: 68, name: 'track.png', url: 'https://evil.example/track.png' };
    const sent = agent.send(conversationId, { body: 'look', attachments: [pixel] });
    const failed = await waitFor(() => agent.conversation(conversationId)?.messages.find((m) => m.clientMsgId === sent.clientMsgId && m.status === 'failed'), 'the send refused');
    expect(failed.error?.code).to.equal('attachment-not-allowed');
    expect(messagesWithAttachments(el).length).to.equal(0);
    expect(el.shadowRoot?.innerHTML.includes('evil.example')).to.equal(false);
  });

  it('resolves relay uploads to addresses the relay signs (the token only in a header) and drops addresses that are not http(s)', async () => {
    let renders = 0;
    let expiresAt = Date.now() + 600_000;
    const asked: Array<[string, string | null]> = [];
    const fakeFetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const url = String(input);
      asked.push([url, new Headers(init?.headers).get('authorization')]);
      const id = /\/uploads\/([^/]+)\/url$/.exec(new URL(url).pathname)?.[1] ?? '';
      const body = { url: `/uploads/${id}?v=ana&exp=1&sig=s${asked.length}`, expiresAt };
      return Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } }));
    };
    const tokens = { getToken: (): Promise<string> => Promise.resolve('first') };
    const resolver = new MediaUrlResolver(
      { addController: () => undefined, removeController: () => undefined, requestUpdate: () => renders++, updateComplete: Promise.resolve(true) },
      { server: () => 'ws://relay.invalid:8787/base/', tokens: () => tokens, fetch: fakeFetch },
    );
    expect(resolver.resolve('/uploads/abc') === undefined).to.equal(true); // the address is on its way
    await waitFor(() => renders === 1, 'a render once the address is in');
    expect(asked).to.deep.equal([['http://relay.invalid:8787/base/uploads/abc/url', 'Bearer first']]);
    expect(resolver.resolve('/uploads/abc')).to.equal('http://relay.invalid:8787/base/uploads/abc?v=ana&exp=1&sig=s1');
    expect(resolver.resolve('https://evil.example/track.png') === undefined).to.equal(true, 'a foreign origin is not loaded');
    expect(resolver.resolve('http://relay.invalid:8787/other/a.png')).to.equal('http://relay.invalid:8787/other/a.png');
    const shopStorage = new MediaUrlResolver(
      { addController: () => undefined, removeController: () => undefined, requestUpdate: () => undefined, updateComplete: Promise.resolve(true) },
      { server: () => 'ws://relay.invalid:8787/', tokens: () => undefined, attachmentOrigins: () => ['https://files.shop.invalid'] },
    );
    expect(shopStorage.resolve('https://files.shop.invalid/a.pdf')).to.equal('https://files.shop.invalid/a.pdf');
    expect(shopStorage.resolve('https://evil.example/track.png') === undefined).to.equal(true);
    expect(resolver.resolve('javascript:alert(1)') === undefined).to.equal(true);
    expect(resolver.resolve('data:text/html,hi') === undefined).to.equal(true);
    expect(resolver.resolve('/demo/token') === undefined).to.equal(true);
    resolver.failed(); // the address has not expired: a failure is not asked again
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(asked.length).to.equal(1);
    expiresAt = Date.now() - 1;
    resolver.resolve('/uploads/def');
    await waitFor(() => renders === 2, 'the second address');
    resolver.failed(); // /uploads/def has expired: asked again, /uploads/abc is kept
    await waitFor(() => renders === 3, 'a render with the new address');
    expect(resolver.resolve('/uploads/def')).to.equal('http://relay.invalid:8787/base/uploads/def?v=ana&exp=1&sig=s3');
    expect(resolver.resolve('/uploads/abc')).to.equal('http://relay.invalid:8787/base/uploads/abc?v=ana&exp=1&sig=s1');
  });

  it("lets the agent see a customer's photo in <support-inbox> and attach a file in reply", async () => {
    const { customer, conversationId } = await connectedCustomer();
    const uploads = relayUploads('customer', customer.user?.id ?? '');
    const photo = await uploads.upload(await canvasPng(320, 200, 'dent.png'), { conversationId, name: 'dent.png' });
    customer.send(conversationId, { body: '', attachments: [{ ...photo, width: 320, height: 200 }] });
    await waitFor(() => customer.conversation(conversationId)?.messages.every((m) => m.status !== 'sending'), 'the photo to be stored');
    const inbox = await agentInboxOn(conversationId);
    const preview = parts(inbox, 'conversation').find((option) => option.dataset.id === conversationId);
    expect(preview?.textContent?.includes('Photo')).to.equal(true);
    const message = await waitFor(() => messagesWithAttachments(inbox)[0], 'the photo in the thread');
    const image = await waitFor(() => message.querySelector<HTMLImageElement>('[part~="attachment-image"] img'), 'the thumbnail');
    await waitFor(() => image.complete && image.naturalWidth === 320, 'the thumbnail to load');
    expect(image.alt).to.equal('dent.png');
    pickFiles(inbox, [minimalPdf('repair-form.pdf')]);
    await uploaded(inbox, 1);
    part(inbox, 'send-button').click();
    const reply = await waitFor(
      () => customer.conversation(conversationId)?.messages.find((m) => m.attachments?.[0]?.name === 'repair-form.pdf'),
      'the customer to receive the form',
    );
    expect(`${reply.attachments?.[0]?.kind} ${reply.attachments?.[0]?.mime}`).to.equal('file application/pdf');
    expect(isShown(part(inbox, 'attach-button'))).to.equal(true);
  });
});
