/**
 * What an integrator can reach from the shop's stylesheet and markup: the call a chat rings is styled
 * through the chat's exported `call-*` parts (the chat's shadow root would otherwise hide it), and
 * a `slot="launcher-icon"` child replaces the launcher's icon. Calls run on the real relay.
 */
import { expect } from '@esm-bundle/chai';
import { fixture, fixtureCleanup, html } from '@open-wc/testing-helpers';
import '../../src/elements/define.js';
import type { SupportChat } from '../../src/elements/support-chat/support-chat.js';
import { createClient, disposeClients, uniqueId, waitFor } from './support/relay.js';
import { part } from './support/shadow.js';

describe('theming hooks: exported call parts and the launcher icon', function () {
  this.timeout(20_000);
  let style: HTMLStyleElement | undefined;

  afterEach(() => {
    style?.remove();
    fixtureCleanup();
    disposeClients();
  });

  it("styles the ringing call's buttons through support-chat::part(call-...)", async () => {
    style = document.createElement('style');
    style.textContent = `
      support-chat::part(call-accept-button) { background-color: rgb(1, 2, 3); }
      support-chat::part(call-region) { outline: 3px solid rgb(4, 5, 6); }`;
    document.head.append(style);
    const agent = createClient('agent', uniqueId('agent'), 'Bo');
    await agent.connect();
    const customer = createClient('customer', uniqueId('cust'), 'Ada');
    await customer.connect();
    const conversationId = await waitFor(() => customer.primaryConversationId, 'the customer conversation');
    const el = await fixture<SupportChat>(html`<support-chat .client=${customer} open></support-chat>`);
    await el.loadPanel();

    await agent.calls.start(conversationId, { video: true });
    const call = await waitFor(() => el.shadowRoot?.querySelector('support-call')?.shadowRoot, 'the call to render');
    const accept = await waitFor(() => call.querySelector<HTMLElement>('[part~="accept-button"]'), 'the accept button');
    const region = await waitFor(() => call.querySelector<HTMLElement>('[part~="call"]'), 'the call region');
    expect(getComputedStyle(accept).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(region).outlineColor).to.equal('rgb(4, 5, 6)');
    await agent.calls.hangup();
  });

  it('shows the page\'s launcher icon, keeps the launcher\'s name, and the close icon while open', async () => {
    const el = await fixture<SupportChat>(
      html`<support-chat><img slot="launcher-icon" alt="" src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='28' height='28'/%3E" /></support-chat>`,
    );
    const slot = part(el, 'launcher').querySelector<HTMLSlotElement>('slot[name="launcher-icon"]');
    expect(slot, 'a launcher-icon slot').to.not.equal(null);
    expect(slot?.assignedElements().map((e) => e.tagName)).to.deep.equal(['IMG']);
    expect(part(el, 'launcher').getAttribute('aria-label')).to.not.equal('');
    el.open = true;
    await el.updateComplete;
    expect(part(el, 'launcher').querySelector('slot[name="launcher-icon"]'), 'the close icon while open').to.equal(null);
  });
});
