import { expect } from '@esm-bundle/chai';
import { fixture, fixtureCleanup, html } from '@open-wc/testing-helpers';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/define.js';
import type { SupportChat } from '../../src/elements/support-chat/support-chat.js';
import type { SupportClient } from '../../src/core/support-client.js';
import { createClient, disposeClients, relayUrl, uniqueId, waitFor } from './support/relay.js';
import { maybePart, part, parts } from './support/shadow.js';

/** A customer chat signed in through the demo token endpoint of the real relay server. */
async function connectedChat(options: { inline?: boolean; lang?: string } = {}): Promise<{ el: SupportChat; conversationId: string }> {
  const userId = uniqueId('cust');
  const el = await fixture<SupportChat>(html`<support-chat
    server=${relayUrl()}
    token-endpoint="/demo/token"
    user-id=${userId}
    user-name="Ada"
    lang=${options.lang ?? 'en'}
    ?inline=${options.inline ?? false}
  ></support-chat>`);
  const conversationId = await waitFor(
    () => el.activeClient?.state === 'connected' && el.conversationId,
    'the chat to connect and learn its conversation',
  );
  await el.updateComplete;
  return { el, conversationId };
}

async function connectedAgent(name = 'Alex'): Promise<SupportClient> {
  const agent = createClient('agent', uniqueId('agent'), name);
  await agent.connect();
  return agent;
}

/** Every `data-status` a message element shows, in order. */
function recordStatuses(el: SupportChat): { statuses: Map<string, string[]>; stop: () => void } {
  const statuses = new Map<string, string[]>();
  const note = (node: Node): void => {
    if (!(node instanceof HTMLElement) || !node.matches('[part~="message"]')) return;
    const id = node.dataset.id ?? '';
    const list = statuses.get(id) ?? [];
    const status = node.dataset.status ?? '';
    if (list.at(-1) !== status) list.push(status);
    statuses.set(id, list);
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') note(record.target);
      // A message may arrive inside its list entry (the windowed list wraps each one).
      record.addedNodes.forEach((added) => {
        note(added);
        if (added instanceof HTMLElement) added.querySelectorAll('[part~="message"]').forEach(note);
      });
    }
  });
  observer.observe(el.shadowRoot as ShadowRoot, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
  return { statuses, stop: () => observer.disconnect() };
}

describe('<support-chat> with the relay server', function () {
  this.timeout(20_000);

  afterEach(() => {
    fixtureCleanup();
    disposeClients();
  });

  it('sends with Enter, adds a line with Shift+Enter, and shows sending then sent', async () => {
    const { el, conversationId } = await connectedChat({ inline: true });
    const recorder = recordStatuses(el);
    const events: string[] = [];
    el.addEventListener('support-before-send', (event) => events.push(`before:${(event as CustomEvent<{ body: string }>).detail.body}`));
    el.addEventListener('support-message', (event) => events.push(`message:${(event as CustomEvent<{ conversationId: string }>).detail.conversationId}`));
    part(el, 'input').focus();
    await sendKeys({ type: 'line one' });
    await sendKeys({ press: 'Shift+Enter' });
    await sendKeys({ type: 'line two' });
    expect(parts(el, 'message').length).to.equal(0);
    await sendKeys({ press: 'Enter' });
    const sent = await waitFor(
      () => parts(el, 'message').find((m) => m.dataset.from === 'me' && ['sent', 'delivered', 'read'].includes(m.dataset.status ?? '')),
      'my message to be acknowledged',
    );
    recorder.stop();
    expect(part(el, 'bubble').textContent).to.equal('line one\nline two');
    expect(getComputedStyle(part(el, 'bubble')).whiteSpace).to.equal('pre-wrap');
    expect((recorder.statuses.get(sent.dataset.id ?? '') ?? []).join('>')).to.match(/^sending>sent/);
    expect(events.join(' | ')).to.equal(`before:line one\nline two | message:${conversationId}`);
    expect((part<HTMLTextAreaElement>(el, 'input')).value).to.equal('');
  });

  it('lets a support-before-send listener cancel the send', async () => {
    const { el } = await connectedChat({ inline: true });
    el.addEventListener('support-before-send', (event) => event.preventDefault());
    part(el, 'input').focus();
    await sendKeys({ type: 'not this one' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(parts(el, 'message').length).to.equal(0);
    expect((part<HTMLTextAreaElement>(el, 'input')).value).to.equal('not this one');
  });

  it("shows an agent's reply as theirs and counts it on the badge while closed", async () => {
    const { el, conversationId } = await connectedChat();
    const agent = await connectedAgent('Alex');
    await waitFor(() => el.activeClient?.agentsOnline, 'the agent to be online');
    await el.updateComplete;
    expect(part(el, 'header').textContent?.includes('Online')).to.equal(true);
    const unread: number[] = [];
    el.addEventListener('support-unread', (event) => unread.push((event as CustomEvent<{ unread: number }>).detail.unread));
    agent.send(conversationId, { body: 'Hello, this is Alex from support.' });
    const received = await waitFor(() => parts(el, 'message').find((m) => m.dataset.from === 'them'), "the agent's message");
    expect(received.textContent?.includes('Hello, this is Alex from support.')).to.equal(true);
    await waitFor(() => maybePart(el, 'unread-badge')?.textContent === '1', 'the unread badge to show 1');
    expect(part(el, 'launcher').getAttribute('aria-label')).to.equal('Open support chat, 1 unread message');
    expect(part(el, 'header').textContent?.includes('Alex')).to.equal(true);
    expect(unread.includes(1)).to.equal(true);
    part(el, 'launcher').click();
    await waitFor(() => maybePart(el, 'unread-badge') === null, 'the badge to clear once the panel is open');
    expect(part(el, 'launcher').getAttribute('aria-label')).to.equal('Open support chat');
  });

  it('renders HTML in a message as text and links only http(s) addresses', async () => {
    const { el, conversationId } = await connectedChat({ inline: true });
    const agent = await connectedAgent();
    const body = '<img src=x onerror="window.__pwned=1"><b>bold</b> javascript:alert(1) data:text/html,hi see https://example.com/a?b=1 or www.example.org.';
    agent.send(conversationId, { body });
    const message = await waitFor(() => parts(el, 'message').find((m) => m.dataset.from === 'them'), "the agent's message");
    const bubble = message.querySelector('[part~="bubble"]') as HTMLElement;
    expect(bubble.textContent).to.equal(body);
    expect(bubble.querySelector('img, b, script') === null).to.equal(true);
    const links = [...bubble.querySelectorAll('a')].map((a) => `${a.getAttribute('href')} ${a.target} ${a.rel}`);
    expect(links.join(' | ')).to.equal(
      'https://example.com/a?b=1 _blank noopener noreferrer | https://www.example.org/ _blank noopener noreferrer',
    );
    expect((window as { __pwned?: number }).__pwned === undefined).to.equal(true);
  });

  it('gives the product context to the conversation so the agent sees it', async () => {
    const { el, conversationId } = await connectedChat({ inline: true });
    const agent = await connectedAgent();
    el.context = { sku: 'VX12P-256-GR', name: 'Volta X12 Pro', serial: 'SN-1', orderId: '100234' };
    await el.updateComplete;
    expect(part(el, 'context').textContent?.includes('Volta X12 Pro')).to.equal(true);
    const context = await waitFor(() => agent.conversation(conversationId)?.context, 'the agent to see the context');
    expect(`${context.sku} ${context.orderId} ${context.serial}`).to.equal('VX12P-256-GR 100234 SN-1');
  });

  it('shows a connection banner with retry when the server cannot be reached', async () => {
    const el = await fixture<SupportChat>(html`<support-chat
      inline
      server="http://127.0.0.1:9"
      token-endpoint="/demo/token"
      user-id=${uniqueId('cust')}
      lang="en"
    ></support-chat>`);
    const errors: string[] = [];
    el.addEventListener('support-connection', (event) => errors.push((event as CustomEvent<{ state: string }>).detail.state));
    await waitFor(() => maybePart(el, 'retry-connection-button'), 'the retry button');
    const banner = part(el, 'banner');
    expect(banner.getAttribute('aria-live')).to.equal('polite');
    expect(/Reconnecting|offline/.test(banner.textContent ?? '')).to.equal(true);
    expect(errors.includes('reconnecting') || errors.includes('disconnected')).to.equal(true);
  });

  it('shows Chinese status text with lang="zh-CN"', async () => {
    const { el } = await connectedChat({ inline: true, lang: 'zh-CN' });
    part(el, 'input').focus();
    await sendKeys({ type: '你好' });
    await sendKeys({ press: 'Enter' });
    const mine = await waitFor(
      () => parts(el, 'message').find((m) => m.dataset.from === 'me' && m.dataset.status !== 'sending'),
      'my message to be acknowledged',
    );
    const status = mine.querySelector('[part~="message-status"]')?.textContent ?? '';
    expect(['已发送', '已送达', '已读'].includes(status.trim())).to.equal(true);
    expect(part(el, 'messages').getAttribute('aria-label')).to.equal('消息');
  });

  it('uses a client the page gives it, shows a failed message with retry and delete, and leaves the client open', async () => {
    const client = createClient('customer', uniqueId('cust'), 'Page Client');
    await client.connect();
    const conversationId = client.primaryConversationId as string;
    const el = await fixture<SupportChat>(html`<support-chat inline lang="en" .client=${client}></support-chat>`);
    expect(el.activeClient === client).to.equal(true);
    // The relay refuses system messages from customers: a real, non-retryable send failure.
    client.send(conversationId, { body: 'pretend system notice', kind: 'system' });
    const failed = await waitFor(() => parts(el, 'message').find((m) => m.dataset.status === 'failed'), 'the message to fail');
    expect(failed.textContent?.includes('Not sent')).to.equal(true);
    expect(failed.querySelector('[part~="retry-button"]') !== null).to.equal(true);
    const recorder = recordStatuses(el);
    (failed.querySelector('[part~="retry-button"]') as HTMLElement).click();
    const id = failed.dataset.id ?? '';
    await waitFor(() => recorder.statuses.get(id)?.join('>') === 'sending>failed', 'the retried message to fail again');
    recorder.stop();
    (parts(el, 'message')[0]?.querySelector('[part~="discard-button"]') as HTMLElement).click();
    await waitFor(() => parts(el, 'message').length === 0, 'the failed message to be deleted');
    el.remove();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(client.state).to.equal('connected');
  });

  it('disposes its own client when removed from the page', async () => {
    const { el } = await connectedChat();
    const client = el.activeClient as SupportClient;
    el.remove();
    await waitFor(() => client.state === 'idle' || client.state === 'disconnected', 'the client to close');
    expect(() => client.send('x', { body: 'after dispose' })).to.throw();
  });
});
