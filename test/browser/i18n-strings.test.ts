/**
 * An integrator's own words (`strings`, key -> text, any language) win over the built-in catalogs
 * in <support-chat>, <support-inbox> and the <support-call> they hold, whatever the element's
 * language; the keys not overridden keep the element's language. Calls run on the real relay.
 */
import { expect } from '@esm-bundle/chai';
import { fixture, fixtureCleanup, html } from '@open-wc/testing-helpers';
import '../../src/elements/define.js';
import type { SupportChat } from '../../src/elements/support-chat/support-chat.js';
import type { SupportInbox } from '../../src/elements/support-inbox/support-inbox.js';
import { createClient, disposeClients, uniqueId, waitFor } from './support/relay.js';
import { part } from './support/shadow.js';

/** Text of an element, whitespace collapsed (a string: printing a node can hang the runner). */
function text(element: Element | null | undefined): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

describe('strings: integrators override any string, in any language', function () {
  this.timeout(20_000);

  afterEach(() => {
    fixtureCleanup();
    disposeClients();
  });

  it('retitles the chat header and rewords the launcher and composer, in a Chinese chat too', async () => {
    const strings = { 'header.support': 'Acme Care', 'composer.placeholder': 'Describe the fault…', 'launcher.open': 'Ask Acme' };
    const el = await fixture<SupportChat>(html`<support-chat lang="zh-CN" open .strings=${strings}></support-chat>`);
    await el.loadPanel();
    const title = el.shadowRoot?.querySelector('#title');
    expect(text(title)).to.equal('Acme Care');
    expect(part(el, 'input').getAttribute('placeholder')).to.equal('Describe the fault…');
    expect(part(el, 'close-button').getAttribute('aria-label'), 'a key not overridden stays Chinese').to.equal('关闭聊天');
    expect(part(el, 'send-button').getAttribute('aria-label')).to.equal('发送');
    el.open = false;
    await el.updateComplete;
    expect(part(el, 'launcher').getAttribute('aria-label')).to.equal('Ask Acme');

    el.strings = { 'header.support': 'Acme 客服' };
    el.open = true;
    await el.updateComplete;
    expect(text(el.shadowRoot?.querySelector('#title')), 'a new object re-renders').to.equal('Acme 客服');
    expect(part(el, 'input').getAttribute('placeholder'), 'a dropped override falls back to the catalog').to.equal('输入消息…');
  });

  it('rewords the inbox', async () => {
    const strings = { 'inbox.label': 'Tickets', 'inbox.select': 'Pick a ticket.' };
    const el = await fixture<SupportInbox>(html`<support-inbox lang="en" .strings=${strings}></support-inbox>`);
    await el.updateComplete;
    expect(text(el.shadowRoot?.querySelector('.queue-header'))).to.equal('Tickets');
    expect(el.shadowRoot?.querySelector('nav')?.getAttribute('aria-label')).to.equal('Tickets');
    expect(text(el.shadowRoot?.querySelector('.thread-empty'))).to.equal('Pick a ticket.');
  });

  it("passes the chat's strings on to the call it rings and shows", async () => {
    const agent = createClient('agent', uniqueId('agent'), 'Bo');
    await agent.connect();
    const customer = createClient('customer', uniqueId('cust'), 'Ada');
    await customer.connect();
    const conversationId = await waitFor(() => customer.primaryConversationId, 'the customer conversation');
    const strings = { 'call.incoming': 'Acme is calling', 'call.accept': 'Pick up' };
    const el = await fixture<SupportChat>(html`<support-chat lang="en" .client=${customer} .strings=${strings}></support-chat>`);
    await el.updateComplete;

    await agent.calls.start(conversationId, { video: true });
    await waitFor(() => part(el, 'launcher').getAttribute('aria-label') === 'Acme is calling', 'the launcher to ring in our words');
    el.open = true;
    await el.loadPanel();
    const accept = await waitFor(
      () => el.shadowRoot?.querySelector('support-call')?.shadowRoot?.querySelector('[part~="accept-button"]'),
      'the call to show its accept button',
    );
    expect(text(accept)).to.equal('Pick up');
    expect(text(el.shadowRoot?.querySelector('support-call')?.shadowRoot?.querySelector('[part~="decline-button"]'))).to.equal('Decline');
    await agent.calls.hangup();
  });

  it('shows a call in a Chinese chat in Chinese from its first render', async () => {
    const agent = createClient('agent', uniqueId('agent'), 'Bo');
    await agent.connect();
    const customer = createClient('customer', uniqueId('cust'), 'Ada');
    await customer.connect();
    const conversationId = await waitFor(() => customer.primaryConversationId, 'the customer conversation');
    const el = await fixture<SupportChat>(html`<support-chat lang="zh-CN" open .client=${customer}></support-chat>`);
    await el.loadPanel();

    await agent.calls.start(conversationId, { video: true });
    const accept = await waitFor(
      () => el.shadowRoot?.querySelector('support-call')?.shadowRoot?.querySelector('[part~="accept-button"]'),
      'the call to show its accept button',
    );
    expect(text(accept), 'the first render is already Chinese').to.equal('接听');
    expect(part(el, 'launcher').getAttribute('aria-label')).to.equal('视频来电');
    await agent.calls.hangup();
  });
});
