import { expect } from '@esm-bundle/chai';
import { fixture, fixtureCleanup, html } from '@open-wc/testing-helpers';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/define.js';
import type { SupportInbox } from '../../src/elements/support-inbox/support-inbox.js';
import type { SupportClient } from '../../src/core/support-client.js';
import { customerWhoWrites } from './support/desk-fixtures.js';
import { createClient, disposeClients, relayUrl, uniqueId, waitFor } from './support/relay.js';
import { focusedPart, maybePart, part, parts } from './support/shadow.js';

/** `<support-inbox>` on a page-owned agent client (so the test can read the desk through it). */
async function inboxOf(agent: SupportClient): Promise<SupportInbox> {
  await agent.connect();
  const el = await fixture<SupportInbox>(html`<support-inbox server=${relayUrl()} .client=${agent} lang="en"></support-inbox>`);
  await waitFor(() => el.activeClient?.state === 'connected', 'the inbox to connect');
  return el;
}

function rowId(el: SupportInbox): string | undefined {
  return (el.shadowRoot?.activeElement as HTMLElement | null)?.dataset.id;
}

function blur(): void {
  (document.activeElement as HTMLElement | null)?.blur();
}

describe('<support-inbox> keyboard shortcuts and notifications', function () {
  this.timeout(20_000);
  let pageTitle = '';

  beforeEach(() => {
    pageTitle = document.title;
    document.title = 'Desk';
  });

  afterEach(() => {
    fixtureCleanup();
    disposeClients();
    document.title = pageTitle;
  });

  it('opens the shortcuts with ?, keeps focus inside, closes on Escape and gives focus back; ? in the reply box is text', async () => {
    const { conversationId } = await customerWhoWrites(`Ada ${uniqueId('a')}`, 'Hello');
    const el = await inboxOf(createClient('agent', uniqueId('agent'), 'Alex'));
    const row = await waitFor(() => parts(el, 'conversation').find((option) => option.dataset.id === conversationId), 'the conversation in the queue');
    row.focus();
    await sendKeys({ press: '?' });
    const dialog = await waitFor(() => maybePart<HTMLDialogElement>(el, 'shortcuts-dialog'), 'the shortcuts dialog');
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(focusedPart(el)).to.equal('button[part=shortcuts-close-button]');
    const text = dialog.textContent ?? '';
    for (const words of ['Next conversation', 'Previous conversation', 'Open the conversation', 'Reply', 'Resolve the conversation', 'Show these shortcuts', 'canned replies']) {
      expect(text.includes(words), words).to.equal(true);
    }
    expect([...dialog.querySelectorAll('kbd')].map((kbd) => kbd.textContent)).to.include.members(['j', 'k', '↓', '↑', 'Enter', 'r', 'e', '?', '/', 'Esc']);
    await sendKeys({ press: 'Tab' });
    expect(focusedPart(el)).to.equal('button[part=shortcuts-close-button]');
    await sendKeys({ press: 'j' }); // a shortcut does nothing behind the dialog
    expect(dialog.open).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !maybePart(el, 'shortcuts-dialog'), 'the dialog to close');
    expect(rowId(el)).to.equal(conversationId);

    part(el, 'shortcuts-button').focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => maybePart(el, 'shortcuts-dialog'), 'the dialog from its button');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !maybePart(el, 'shortcuts-dialog'), 'the dialog to close again');
    expect(focusedPart(el)).to.equal('button[part=shortcuts-button]');

    await el.select(conversationId);
    part(el, 'input').focus();
    await sendKeys({ type: 'Is it on? j k e r' });
    expect(part<HTMLTextAreaElement>(el, 'input').value).to.equal('Is it on? j k e r');
    expect(maybePart(el, 'shortcuts-dialog')).to.equal(null);
    expect(focusedPart(el)).to.equal('textarea[part=input]');
  });

  it('moves through the queue with j/k and the arrows, opens with Enter, focuses the reply with r and resolves with e', async () => {
    const first = await customerWhoWrites(`Bo ${uniqueId('b')}`, 'First');
    const second = await customerWhoWrites(`Cy ${uniqueId('c')}`, 'Second');
    const agent = createClient('agent', uniqueId('agent'), 'Alex');
    const el = await inboxOf(agent);
    await waitFor(() => parts(el, 'conversation').some((option) => option.dataset.id === first.conversationId), 'both conversations in the queue');
    const order = parts(el, 'conversation').map((option) => option.dataset.id); // the queue as shown
    blur();
    await sendKeys({ press: 'j' });
    expect(rowId(el)).to.equal(order[0]);
    await sendKeys({ press: 'j' });
    expect(rowId(el)).to.equal(order[1]);
    await sendKeys({ press: 'k' });
    expect(rowId(el)).to.equal(order[0]);
    blur();
    await sendKeys({ press: 'ArrowDown' }); // from the page: the current row's next
    expect(rowId(el)).to.equal(order[1]);
    const target = order.indexOf(first.conversationId) >= 0 ? first.conversationId : second.conversationId;
    while (rowId(el) !== target) await sendKeys({ press: order.indexOf(target) > order.indexOf(rowId(el) ?? '') ? 'j' : 'k' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.selectedId === target, 'Enter to open the conversation');
    await sendKeys({ press: 'r' });
    expect(focusedPart(el)).to.equal('textarea[part=input]');
    expect(part<HTMLTextAreaElement>(el, 'input').value).to.equal('');

    blur();
    await sendKeys({ press: 'e' });
    await waitFor(() => el.shadowRoot?.querySelector('[part~="desk-tools"] [role="status"]')?.textContent?.includes('Conversation resolved.'), 'the resolve to be announced');
    const summary = await waitFor(
      () => (agent.conversation(target) as { status?: string } | undefined)?.status === 'resolved' || agent.conversations().some((c) => c.id === target && (c as { status?: string }).status === 'resolved'),
      'the conversation to be resolved on the relay',
    );
    expect(summary).to.equal(true);
  });

  it('shows the unread count in the tab title, puts the title back when all is read, and leaves it alone with nothing unread', async () => {
    const agent = createClient('agent', uniqueId('agent'), 'Alex');
    const el = await inboxOf(agent);
    const total = (): number => agent.conversations().reduce((sum, c) => sum + c.unread, 0);
    await waitFor(() => total() === 0 || document.title === `(${total()}) Desk`, 'the title to count what is unread');
    for (const conversation of agent.conversations()) if (conversation.unread > 0) agent.markRead(conversation.id);
    await waitFor(() => total() === 0, 'everything to be read');
    await waitFor(() => document.title === 'Desk', 'the title to be put back');

    const { customer, conversationId } = await customerWhoWrites(`Di ${uniqueId('d')}`, 'Anyone there?');
    // The title counts the client's unread messages (desk events of routing may count along).
    await waitFor(() => total() > 0 && document.title === `(${total()}) Desk`, 'the title to count the new message');
    customer.send(conversationId, { body: 'Hello?' });
    const arrived = (): boolean => agent.conversation(conversationId)?.messages.some((m) => m.body === 'Hello?') === true;
    await waitFor(() => arrived() && document.title === `(${total()}) Desk`, 'the title to count the second message');
    expect(total()).to.be.at.least(2);
    await el.select(conversationId);
    await waitFor(() => document.title === 'Desk', 'the title back once the conversation is read');
    document.title = 'Renamed';
    el.requestUpdate();
    await el.updateComplete;
    expect(document.title).to.equal('Renamed');
  });

  it('shows a browser notification for a customer message while the desk is hidden; clicking it opens the conversation', async () => {
    // The browser's Notification API as a granted one that records what it shows (the headless browser shows none).
    const shown: Array<{ title: string; options: NotificationOptions; onclick: (() => void) | null; closed: boolean }> = [];
    class RecordingNotification {
      static readonly permission = 'granted';
      onclick: (() => void) | null = null;
      closed = false;
      constructor(
        readonly title: string,
        readonly options: NotificationOptions,
      ) {
        shown.push(this);
      }
      close(): void {
        this.closed = true;
      }
    }
    const realNotification = window.Notification;
    Object.defineProperty(window, 'Notification', { configurable: true, writable: true, value: RecordingNotification });
    try {
      const el = await inboxOf(createClient('agent', uniqueId('agent'), 'Alex'));
      expect(maybePart(el, 'notifications-button')).to.equal(null);
      expect(part(el, 'notifications-state').textContent?.trim()).to.equal('Desktop notifications on');
      const name = `Eve ${uniqueId('e')}`;
      const visible = await customerWhoWrites(name, 'Seen while the desk shows');
      await waitFor(() => el.activeClient?.conversation(visible.conversationId), 'the first conversation at the desk');
      expect(shown.length).to.equal(0); // the desk is visible: no notification
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      visible.customer.send(visible.conversationId, { body: 'Are you there?' });
      const notification = await waitFor(() => shown.find((n) => n.options.body === 'Are you there?'), 'a notification for the message');
      expect(notification.title).to.equal(`New message from ${name}`);
      expect(notification.options.tag).to.equal(visible.conversationId);
      notification.onclick?.();
      await waitFor(() => el.selectedId === visible.conversationId, 'the click to open the conversation');
      expect(notification.closed).to.equal(true);
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
      Object.defineProperty(window, 'Notification', { configurable: true, writable: true, value: realNotification });
    }
  });

  it('speaks Chinese with lang="zh-CN": the tools and the shortcuts dialog', async () => {
    const agent = createClient('agent', uniqueId('agent'), 'Alex');
    await agent.connect();
    const el = await fixture<SupportInbox>(html`<support-inbox server=${relayUrl()} .client=${agent} lang="zh-CN"></support-inbox>`);
    await waitFor(() => part(el, 'shortcuts-button').textContent?.trim() === '键盘快捷键', 'the shortcuts button in Chinese');
    expect(part(el, 'sound-button').textContent?.trim()).to.equal('新消息提示音');
    part(el, 'shortcuts-button').click();
    const dialog = await waitFor(() => maybePart(el, 'shortcuts-dialog'), 'the shortcuts dialog');
    await waitFor(() => dialog.textContent?.includes('下一个会话') && dialog.textContent.includes('将会话标记为已解决'), 'the shortcuts in Chinese');
  });

  it('asks for notification permission only from its button and keeps the sound off until turned on', async () => {
    const el = await inboxOf(createClient('agent', uniqueId('agent'), 'Alex'));
    const sound = part(el, 'sound-button');
    expect(sound.getAttribute('aria-pressed')).to.equal('false');
    // Permission is the browser's; the inbox never asked on load (a 'default' permission stays so until the button).
    if (Notification.permission === 'default') expect(maybePart(el, 'notifications-button')).to.not.equal(null);
    else expect(part(el, 'notifications-state').textContent?.trim()).to.match(/Desktop notifications on|blocked/);
    sound.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => part(el, 'sound-button').getAttribute('aria-pressed') === 'true', 'the sound to be on');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => part(el, 'sound-button').getAttribute('aria-pressed') === 'false', 'the sound to be off again');
  });
});
