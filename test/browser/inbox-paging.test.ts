import { expect } from '@esm-bundle/chai';
import { fixture, fixtureCleanup, html } from '@open-wc/testing-helpers';
import '../../src/elements/define.js';
import type { SupportInbox } from '../../src/elements/support-inbox/support-inbox.js';
import { agentInbox } from './support/desk-fixtures.js';
import { createClient, disposeClients, relayUrl, uniqueId, waitFor } from './support/relay.js';
import { maybePart, part, parts } from './support/shadow.js';

/** More customers than one page of the queue (50), each with a message. */
const CUSTOMERS = 56;

describe('<support-inbox> queue paging with the relay server', function () {
  this.timeout(60_000);

  afterEach(() => {
    fixtureCleanup();
    disposeClients();
  });

  it('shows the first page, then loads the rest with "Load more conversations" until there is no more', async () => {
    const ids: string[] = [];
    for (let i = 0; i < CUSTOMERS; i += 1) {
      const customer = createClient('customer', uniqueId(`page${i}`), `Paged ${i}`);
      await customer.connect();
      const id = customer.primaryConversationId;
      if (id === undefined) throw new Error('no conversation');
      customer.send(id, { body: `hello ${i}` });
      await waitFor(() => customer.conversation(id)?.messages.some((m) => m.status !== 'sending'), `message ${i} stored`);
      customer.dispose();
      ids.push(id);
    }
    const el = await agentInbox({ name: 'Pat' });
    // One page (other test files may add a few live ones meanwhile); the list holds only the rows near its viewport.
    const client = el.activeClient;
    if (!client) throw new Error('no client');
    await waitFor(() => client.conversations().length >= 50 && parts(el, 'conversation').length > 0, 'the first page (50) in the queue');
    expect(parts(el, 'conversation')[0]?.getAttribute('aria-setsize')).to.equal('-1', 'the size is unknown while the relay has more');
    const button = part(el, 'load-more');
    expect(button.tagName).to.equal('BUTTON');
    expect(button.textContent?.trim()).to.equal('Load more conversations');
    expect(part(el, 'conversation-list').contains(button)).to.equal(false, 'the button is not inside the listbox');
    // Load until the button goes away: the shop's whole queue is then listed, the newest customers included.
    for (let page = 0; maybePart(el, 'load-more') !== null && page < 200; page += 1) {
      const known = client.conversations().length;
      part(el, 'load-more').click();
      await waitFor(() => client.conversations().length > known || maybePart(el, 'load-more') === null, 'the next page');
    }
    expect(maybePart(el, 'load-more')).to.equal(null);
    const listed = client.conversations().map((c) => c.id);
    expect(ids.filter((id) => !listed.includes(id)).length).to.equal(0);
    expect(new Set(listed).size).to.equal(listed.length, 'each conversation once');
    await el.updateComplete;
    expect(parts(el, 'conversation')[0]?.getAttribute('aria-setsize')).to.equal(String(listed.length), 'the whole queue is known');
  });

  it('localises the button (zh-CN)', async () => {
    for (let i = 0; i < 51; i += 1) {
      const customer = createClient('customer', uniqueId(`zh${i}`), `Zh ${i}`);
      await customer.connect();
      customer.dispose();
    }
    const el = await fixture<SupportInbox>(html`<support-inbox
      server=${relayUrl()}
      token-endpoint="/demo/token"
      user-id=${uniqueId('agent')}
      user-name="Li"
      lang="zh-CN"
    ></support-inbox>`);
    await waitFor(() => maybePart(el, 'load-more'), 'the load-more button');
    expect(part(el, 'load-more').textContent?.trim()).to.equal('加载更多会话');
  });
});
