/**
 * Issue 12, known gaps closed: a customer's `context.image` loaded on the agent's desk from any
 * origin (a tracking pixel on the agent), and the elements had no way to allow a shop's own
 * storage or CDN (`attachmentOrigins`), so listed origins could not be shown at all.
 */
import { expect } from '@esm-bundle/chai';
import { fixture, fixtureCleanup, html } from '@open-wc/testing-helpers';
import type { SupportChat } from '../../src/elements/support-chat/support-chat.js';
import '../../src/elements/define.js';
import { agentInboxOn, connectedCustomer } from './attachments-fixtures.js';
import { disposeClients, relayUrl, waitFor } from './support/relay.js';
import { maybePart, part } from './support/shadow.js';

/** An image the test server really serves, on the test page's origin (not the relay's). */
const shopImage = (): string => new URL('/demo/phone.svg', location.href).href;

describe('attachment origins of the elements', function () {
  this.timeout(30_000);

  afterEach(() => {
    fixtureCleanup();
    disposeClients();
  });

  it("shows a customer's product image on the desk only from the relay or an origin in attachment-origins", async () => {
    expect(new URL(relayUrl()).origin).to.not.equal(location.origin, 'the page and the relay are two origins');
    const { customer, conversationId } = await connectedCustomer();
    customer.setContext(conversationId, { name: 'Volta X12 Pro', sku: 'VX12P', image: shopImage() });
    const inbox = await agentInboxOn(conversationId);
    const card = await waitFor(() => maybePart(inbox, 'context'), 'the product card');
    await waitFor(() => card.textContent?.includes('Volta X12 Pro'), 'the product name');
    expect(maybePart(inbox, 'context-image') === null).to.equal(true, 'a foreign image is not loaded');
    expect(card.querySelector('.context-image.placeholder') !== null).to.equal(true, 'the placeholder instead');

    inbox.setAttribute('attachment-origins', `https://cdn.shop.example ${location.origin}`);
    const image = await waitFor(() => maybePart<HTMLImageElement>(inbox, 'context-image'), 'the image once its origin is allowed');
    expect(image.getAttribute('src')).to.equal(shopImage());
    await waitFor(() => image.complete && image.naturalWidth > 0, 'the image to load');

    inbox.attachmentOrigins = ['https://cdn.shop.example'];
    await inbox.updateComplete;
    expect(maybePart(inbox, 'context-image') === null).to.equal(true, 'taken off the list: not loaded again');
  });

  it('<support-chat> takes attachmentOrigins as a property list, normalised', async () => {
    const el = await fixture<SupportChat>(html`<support-chat inline server="http://127.0.0.1:9"></support-chat>`);
    el.context = { name: 'Volta X12 Pro', image: shopImage() };
    await el.updateComplete;
    await el.loadPanel();
    await waitFor(() => maybePart(el, 'context'), 'the product card');
    expect(maybePart(el, 'context-image') === null).to.equal(true, 'the page origin is not the relay here');
    el.attachmentOrigins = [`${location.origin.toUpperCase()}/`];
    await el.updateComplete;
    expect(part<HTMLImageElement>(el, 'context-image').getAttribute('src')).to.equal(shopImage());
  });
});
