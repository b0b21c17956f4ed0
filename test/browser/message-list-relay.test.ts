import { expect } from '@esm-bundle/chai';
import { fixture, fixtureCleanup, html } from '@open-wc/testing-helpers';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/define.js';
import type { SupportChat } from '../../src/elements/support-chat/support-chat.js';
import { inlineChat, sendNumbered } from './support/desk-fixtures.js';
import { createClient, disposeClients, relayUrl, uniqueId, waitFor } from './support/relay.js';
import { maybePart, part, parts } from './support/shadow.js';

const HISTORY = 60;

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

function distanceFromBottom(list: HTMLElement): number {
  return list.scrollHeight - list.scrollTop - list.clientHeight;
}

describe('message list with a long history', function () {
  this.timeout(30_000);

  afterEach(() => {
    fixtureCleanup();
    disposeClients();
  });

  it('opens at the newest message, keeps the place when scrolled up, and loads older messages at the top', async () => {
    const userId = uniqueId('cust');
    const customer = createClient('customer', userId, 'Ken');
    await customer.connect();
    const conversationId = customer.primaryConversationId as string;
    const agent = createClient('agent', uniqueId('agent'), 'Alex');
    await agent.connect();
    await sendNumbered(agent, conversationId, 1, HISTORY);
    customer.dispose();

    const el = await inlineChat(userId);
    const list = part(el, 'messages');
    await waitFor(() => parts(el, 'message').length >= 50, 'the latest page of history', 10_000);
    await nextFrame();
    expect(parts(el, 'message').at(-1)?.textContent?.includes(`message ${HISTORY}`)).to.equal(true);
    expect(list.scrollHeight > list.clientHeight + 200, 'the list scrolls, the panel does not grow').to.equal(true);
    expect(distanceFromBottom(list) <= 2).to.equal(true);
    expect(parts(el, 'message').length < HISTORY).to.equal(true);

    // Scrolled up: a new message from the agent does not move the list, it offers a jump.
    list.scrollTop = list.scrollHeight / 2;
    await nextFrame();
    const kept = list.scrollTop;
    agent.send(conversationId, { body: 'one more thing' });
    await waitFor(() => parts(el, 'message').some((m) => m.textContent?.includes('one more thing')), 'the new message');
    await waitFor(() => maybePart(el, 'jump-button'), 'the new messages button');
    await nextFrame();
    expect(Math.abs(list.scrollTop - kept) <= 2).to.equal(true);
    part(el, 'jump-button').click();
    await nextFrame();
    expect(distanceFromBottom(list) <= 2).to.equal(true);
    await waitFor(() => maybePart(el, 'jump-button') === null, 'the jump button to go');

    // My own message always scrolls into view.
    list.scrollTop = 0;
    await waitFor(() => parts(el, 'message').length === HISTORY + 1, 'older messages to load', 10_000);
    await nextFrame();
    expect(parts(el, 'message')[0]?.textContent?.includes('message 1')).to.equal(true);
    expect(list.scrollTop > 0).to.equal(true);
    part(el, 'input').focus();
    await sendKeys({ type: 'thanks' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => parts(el, 'message').at(-1)?.dataset.from === 'me', 'my message');
    await nextFrame();
    expect(distanceFromBottom(list) <= 2).to.equal(true);
  });

  it('puts a date separator before the first message of each day', async () => {
    const el = await fixture<SupportChat>(html`<support-chat
      inline
      server=${relayUrl()}
      token-endpoint="/demo/token"
      user-id=${uniqueId('cust')}
      lang="en"
    ></support-chat>`);
    await waitFor(() => el.activeClient?.state === 'connected' && el.conversationId, 'the chat to connect');
    el.activeClient?.send(el.conversationId as string, { body: 'first' });
    el.activeClient?.send(el.conversationId as string, { body: 'second' });
    await waitFor(() => parts(el, 'message').length === 2, 'two messages');
    const separators = parts(el, 'day-separator');
    expect(separators.length).to.equal(1);
    expect(separators[0]?.textContent?.trim()).to.equal('Today');
  });
});
