import { expect } from '@esm-bundle/chai';
import { fixture, fixtureCleanup, html } from '@open-wc/testing-helpers';
import '../../src/elements/define.js';
import type { SupportInbox } from '../../src/elements/support-inbox/support-inbox.js';
import { agentInbox } from './support/desk-fixtures.js';
import { createClient, disposeClients, relayUrl, uniqueId, waitFor } from './support/relay.js';
import { maybePart, part, parts } from './support/shadow.js';

/** Conversations in the shop's queue, at least (other test files add theirs to the same relay). */
const CONVERSATIONS = 3_000;
/** Rows the windowed queue may hold in the DOM at once. */
const MAX_ROWS = 60;

/** Conversations written straight into the relay's database by the test server (see relay-server-plugin.mjs). */
async function seed(count: number): Promise<void> {
  const response = await fetch(`/test/seed-conversations?count=${count}&prefix=${uniqueId('bulk')}`, { method: 'POST' });
  if (!response.ok) throw new Error(`seeding failed: ${response.status}`);
}

const rows = (el: SupportInbox): HTMLElement[] => parts(el, 'conversation');
const position = (row: HTMLElement | undefined): number => Number(row?.getAttribute('aria-posinset'));

function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

function key(target: HTMLElement, name: string): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, composed: true, cancelable: true }));
}

describe('<support-inbox> with thousands of conversations', function () {
  this.timeout(180_000);

  afterEach(() => {
    fixtureCleanup();
    disposeClients();
  });

  it('keeps a bounded number of rows in the DOM while the whole queue scrolls and is reachable by keyboard', async () => {
    await seed(CONVERSATIONS);
    const el = await agentInbox({ name: 'Pat', style: '--support-inbox-height: 600px' });
    const client = el.activeClient;
    if (!client) throw new Error('no client');
    for (let page = 0; client.hasMoreConversations() && page < 200; page += 1) await client.loadMoreConversations();
    const total = client.conversations().length;
    expect(total).to.be.at.least(CONVERSATIONS);
    await el.updateComplete;
    await waitFor(() => Number(rows(el)[0]?.getAttribute('aria-setsize')) === client.conversations().length, 'the set size of the whole queue');
    expect(rows(el).length).to.be.within(1, MAX_ROWS);
    expect(position(rows(el)[0])).to.equal(1);

    const list = part(el, 'conversation-list');
    expect(list.scrollHeight).to.be.greaterThan(total * 30, 'the scrollbar stands for every conversation');
    list.scrollTop = list.scrollHeight;
    list.dispatchEvent(new Event('scroll'));
    await waitFor(() => position(rows(el).at(-1)) >= client.conversations().length - 1, 'the last rows after scrolling to the end');
    expect(rows(el).length).to.be.within(1, MAX_ROWS);

    // Keyboard: Home goes back to the top (rendering it), End to the last conversation, each focused.
    const last = rows(el).at(-1);
    if (!last) throw new Error('no row');
    last.focus();
    key(last, 'Home');
    await waitFor(() => position(el.shadowRoot?.activeElement as HTMLElement) === 1, 'the first conversation focused');
    key(el.shadowRoot?.activeElement as HTMLElement, 'ArrowDown');
    await waitFor(() => position(el.shadowRoot?.activeElement as HTMLElement) === 2, 'the second conversation focused');
    key(el.shadowRoot?.activeElement as HTMLElement, 'End');
    // The last one: its place is the set's size (other test files may add conversations meanwhile).
    const isLast = (row: HTMLElement | undefined): boolean => row !== undefined && position(row) > 1 && position(row) === Number(row.getAttribute('aria-setsize'));
    await waitFor(() => isLast(el.shadowRoot?.activeElement as HTMLElement), 'the last conversation focused').catch((error: unknown) => {
      const active = el.shadowRoot?.activeElement as HTMLElement | null;
      throw new Error(`${String(error)}: focused ${active?.getAttribute('aria-posinset') ?? 'none'} of ${active?.getAttribute('aria-setsize') ?? '?'}, rows ${position(rows(el)[0])}-${position(rows(el).at(-1))}, known ${client.conversations().length}`);
    });
    expect(rows(el).length).to.be.within(1, MAX_ROWS);
    const focused = el.shadowRoot?.activeElement as HTMLElement;
    expect(focused.getAttribute('role')).to.equal('option');
    expect(focused.tabIndex).to.equal(0);
  });

  it('searches message text on the relay, shows the snippet as text, opens the hit, and Escape brings the queue back', async () => {
    const word = `flux${Math.random().toString(36).slice(2, 8)}`;
    const customer = createClient('customer', uniqueId('searched'), 'Searched Customer');
    await customer.connect();
    const id = customer.primaryConversationId;
    if (id === undefined) throw new Error('no conversation');
    customer.send(id, { body: `the ${word} capacitor <img src=x onerror="window.__xss=1"> broke` });
    await waitFor(() => customer.conversation(id)?.messages.some((m) => m.status !== 'sending'), 'the message stored');

    const el = await fixture<SupportInbox>(html`<support-inbox server=${relayUrl()} token-endpoint="/demo/token" user-id=${uniqueId('agent')} user-name="Pat" lang="en"></support-inbox>`);
    await waitFor(() => el.activeClient?.state === 'connected', 'the inbox to connect');
    const input = part<HTMLInputElement>(el, 'search');
    expect(input.getAttribute('aria-label')).to.equal('Search conversations');
    type(input, word);
    const hit = await waitFor(() => maybePart(el, 'search-hit'), 'a search hit', 10_000);
    expect(maybePart(el, 'conversation-list')).to.equal(null, 'the results stand in for the queue');
    expect(hit.dataset.id).to.equal(id);
    expect(hit.querySelector('mark')?.textContent).to.equal(word);
    expect(hit.querySelector('img')).to.equal(null, 'message text is never HTML');
    expect(hit.textContent).to.contain('<img src=x');
    expect((window as { __xss?: number }).__xss).to.equal(undefined);

    hit.click();
    await waitFor(() => el.selectedId === id, 'the hit opened');
    await waitFor(() => parts(el, 'message').some((m) => m.textContent?.includes(word)), 'the message in the thread');

    key(input, 'Escape');
    await el.updateComplete;
    expect(input.value).to.equal('');
    expect(maybePart(el, 'search-hit')).to.equal(null);
    await waitFor(() => maybePart(el, 'conversation-list'), 'the queue back');
  });

  it('labels the search box and says when nothing matches, in Chinese', async () => {
    const el = await fixture<SupportInbox>(html`<support-inbox server=${relayUrl()} token-endpoint="/demo/token" user-id=${uniqueId('agent')} user-name="Li" lang="zh-CN"></support-inbox>`);
    await waitFor(() => el.activeClient?.state === 'connected', 'the inbox to connect');
    const input = part<HTMLInputElement>(el, 'search');
    await waitFor(() => input.getAttribute('aria-label') === '搜索会话', 'the Chinese label');
    type(input, `没有这个词${Math.random().toString(36).slice(2, 8)}`);
    const status = (): string => el.shadowRoot?.querySelector('.search-status')?.textContent?.trim() ?? '';
    await waitFor(() => status().includes('没有匹配的会话'), 'the Chinese "nothing matches"', 10_000).catch((error: unknown) => {
      throw new Error(`${String(error)}; status: ${status()}`);
    });
  });
});
