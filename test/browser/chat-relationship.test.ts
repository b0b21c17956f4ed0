import { expect } from '@esm-bundle/chai';
import { fixtureCleanup } from '@open-wc/testing-helpers';
import { sendKeys } from '@web/test-runner-commands';
import { loadStrings, termsFor } from '../../src/i18n/catalog.js';
import { chatRelationshipCatalog } from '../../src/i18n/en/chat-relationship.js';
import { formatBackAt } from '../../src/elements/support-chat/office-hours-text.js';
import type { IsoWeekday } from '../../src/protocol/relationship.js';
import { canvasPng } from './attachments-fixtures.js';
import { uniqueId, waitFor } from './support/relay.js';
import { disposeRelationshipClients, relationshipAgent, relationshipChat, setOfficeHours } from './support/relationship-relay.js';
import { maybePart, part, parts } from './support/shadow.js';

const text = (el: Element | null): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<support-chat> and the long-term relationship (issue 17)', function () {
  this.timeout(30_000);

  afterEach(async () => {
    fixtureCleanup();
    disposeRelationshipClients();
    await setOfficeHours(null);
  });

  describe('"We\'re back …" in the customer\'s language and time zone', () => {
    // Saturday 5 December 2026, 12:00 UTC; the shop opens Monday 7 December at 09:00 UTC.
    const now = Date.parse('2026-12-05T12:00:00Z');
    const monday = Date.parse('2026-12-07T09:00:00Z');

    it('names the weekday within a week, today and tomorrow, else the date', async () => {
      const en = termsFor(chatRelationshipCatalog, 'en-GB');
      expect(formatBackAt(en, monday, now, 'Europe/London')).to.equal("We're back Monday at 9:00");
      expect(formatBackAt(termsFor(chatRelationshipCatalog, 'en-US'), monday, now, 'UTC')).to.equal("We're back Monday at 9:00 AM");
      expect(formatBackAt(en, Date.parse('2026-12-05T15:00:00Z'), now, 'UTC')).to.equal("We're back today at 15:00");
      expect(formatBackAt(en, Date.parse('2026-12-06T09:30:00Z'), now, 'UTC')).to.equal("We're back tomorrow at 9:30");
      expect(formatBackAt(en, Date.parse('2026-12-28T09:00:00Z'), now, 'UTC')).to.equal("We're back on 28 Dec at 9:00");
      await loadStrings(chatRelationshipCatalog, 'zh-CN');
      expect(formatBackAt(termsFor(chatRelationshipCatalog, 'zh-CN'), monday, now, 'UTC')).to.equal('周一 9:00 回来');
    });

    it('speaks of the customer\'s own day and hour, not the shop\'s', () => {
      const en = termsFor(chatRelationshipCatalog, 'en-GB');
      // Monday 09:00 UTC is Monday 17:00 in Shanghai; Sunday 23:00 UTC is already Monday there.
      expect(formatBackAt(en, monday, now, 'Asia/Shanghai')).to.equal("We're back Monday at 17:00");
      expect(formatBackAt(en, Date.parse('2026-12-06T23:00:00Z'), now, 'Asia/Shanghai')).to.equal("We're back Monday at 7:00");
      expect(formatBackAt(en, Date.parse('2026-12-06T23:00:00Z'), now, 'America/New_York')).to.equal("We're back tomorrow at 18:00");
    });
  });

  it('outside office hours says when a person will answer, live, and the composer still sends', async () => {
    // Open only two days from now, 09:00–10:00 UTC.
    const day = (((new Date().getUTCDay() + 2) % 7) || 7) as IsoWeekday;
    await setOfficeHours({ timeZone: 'UTC', weekly: [{ day, from: '09:00', to: '10:00' }], holidays: [] });
    const { el, conversationId } = await relationshipChat(uniqueId('hours'));
    await el.loadPanel();
    const nextOpen = await waitFor(() => el.activeClient?.relationship.hours?.nextOpen, 'the next opening');
    const time = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' }).format(nextOpen);
    const presence = part(el, 'presence');
    await waitFor(() => text(presence).startsWith("We're back") && text(presence).includes(time), `"We're back … ${time}" in the header, got "${text(presence)}"`);
    expect(presence.hasAttribute('data-closed')).to.equal(true);
    const input = part<HTMLTextAreaElement>(el, 'input');
    expect(input.disabled).to.equal(false);
    input.focus();
    await sendKeys({ type: 'Are you open on Monday?' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.activeClient?.conversation(conversationId)?.messages.some((m) => m.body === 'Are you open on Monday?' && m.status !== 'sending'), 'the message stored');
    // The shop drops its hours: the header goes back to online/offline at once (an `hours` frame).
    await setOfficeHours(null);
    await waitFor(() => !text(part(el, 'presence')).startsWith("We're back"), 'the header without hours');
    expect(text(part(el, 'presence'))).to.equal('Offline, we reply by message');
  });

  it('says it in Chinese on a zh-CN page', async () => {
    const day = (((new Date().getUTCDay() + 2) % 7) || 7) as IsoWeekday;
    await setOfficeHours({ timeZone: 'UTC', weekly: [{ day, from: '09:00', to: '10:00' }], holidays: [] });
    const { el } = await relationshipChat(uniqueId('hours-zh'), { lang: 'zh-CN' });
    await el.loadPanel();
    await waitFor(() => /^周. \d{1,2}:\d{2} 回来$/.test(text(maybePart(el, 'presence'))), `"周… 9:00 回来", got "${text(maybePart(el, 'presence'))}"`);
  });

  it('asks once for an email when nobody is online, refuses a bad one, keeps it with its consent, and never asks again', async () => {
    const userId = uniqueId('mail');
    const { el, conversationId } = await relationshipChat(userId);
    await el.loadPanel();
    const form = await waitFor(() => maybePart(el, 'contact-email'), 'the email prompt');
    expect(text(form.querySelector('h3'))).to.equal('Want the reply by email too?');
    const input = part<HTMLInputElement>(el, 'contact-email-input');
    expect(text(el.shadowRoot?.querySelector(`label[for="${input.id}"]`) ?? null)).to.equal('Email (optional)');
    expect(input.getAttribute('aria-describedby')).to.contain('contact-email-consent');
    input.focus();
    await sendKeys({ type: 'mia at example' });
    part(el, 'contact-email-save-button').click();
    const error = await waitFor(() => maybePart(el, 'contact-email-error'), 'the refusal');
    expect(error.getAttribute('role')).to.equal('alert');
    expect(text(error)).to.equal('Enter an email address like name@example.com.');
    expect(part<HTMLInputElement>(el, 'contact-email-input').value).to.equal('mia at example', 'what was typed stays');
    expect(part(el, 'contact-email-input').getAttribute('aria-invalid')).to.equal('true');
    const field = part<HTMLInputElement>(el, 'contact-email-input');
    field.select();
    await sendKeys({ type: 'mia@example.com' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => maybePart(el, 'contact-email-answer'), 'the answer line');
    expect(text(part(el, 'contact-email-answer'))).to.contain("Thanks! We'll email replies to mia@example.com.");
    expect(el.activeClient?.conversation(conversationId)?.contact?.email).to.equal('mia@example.com');
    // The same customer in this browser later: no question, only the email and a way to change it.
    fixtureCleanup();
    const again = await relationshipChat(userId);
    await again.el.loadPanel();
    await waitFor(() => maybePart(again.el, 'contact-email-answer'), 'the answer line after a reload');
    expect(maybePart(again.el, 'contact-email')).to.equal(null);
    part(again.el, 'contact-email-change-button').click();
    await again.el.updateComplete;
    expect(part<HTMLInputElement>(again.el, 'contact-email-input').value).to.equal('mia@example.com');
  });

  it('takes "No thanks" as an answer for this browser', async () => {
    const userId = uniqueId('skip');
    const { el } = await relationshipChat(userId);
    await el.loadPanel();
    (await waitFor(() => maybePart(el, 'contact-email-skip-button'), 'the skip button')).click();
    await el.updateComplete;
    expect(text(part(el, 'contact-email-answer'))).to.contain('No email');
    fixtureCleanup();
    const again = await relationshipChat(userId);
    await again.el.loadPanel();
    expect(maybePart(again.el, 'contact-email')).to.equal(null);
    expect(maybePart(again.el, 'contact-email-answer')).to.equal(null);
  });

  it('does not ask while an agent is online', async () => {
    await relationshipAgent(uniqueId('agent'));
    const { el } = await relationshipChat(uniqueId('online'));
    await el.loadPanel();
    await waitFor(() => (el.activeClient?.agentsOnline ?? 0) > 0, 'the agent online');
    await el.updateComplete;
    expect(maybePart(el, 'contact-email')).to.equal(null);
  });

  it('asks "How did we do?" once the conversation is resolved: a 1–5 radio group, a failure that keeps the answer, thanks once', async () => {
    const { el, conversationId } = await relationshipChat(uniqueId('csat'));
    await el.loadPanel();
    const client = el.activeClient ?? expect.fail('no client');
    client.send(conversationId, { body: 'The battery drains fast' });
    const agent = await relationshipAgent(uniqueId('agent'));
    await waitFor(() => agent.conversation(conversationId), 'the agent to see it');
    await agent.desk.take(conversationId);
    agent.send(conversationId, { body: 'A firmware update fixes it' });
    await waitFor(() => client.conversation(conversationId)?.messages.some((m) => m.body === 'A firmware update fixes it'), 'the reply');
    await agent.desk.setStatus(conversationId, 'resolved');
    const csat = await waitFor(() => maybePart(el, 'csat'), 'the CSAT question');
    expect(csat.closest('[part~="message"]')?.getAttribute('data-kind')).to.equal('csat');
    expect(text(csat.querySelector('legend'))).to.equal('How did we do?');
    const radios = [...csat.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios.map((r) => r.getAttribute('aria-label'))).to.deep.equal(['1 of 5: Very bad', '2 of 5: Bad', '3 of 5: OK', '4 of 5: Good', '5 of 5: Very good']);
    part(el, 'csat-submit-button').click();
    await waitFor(() => text(maybePart(el, 'csat-error')) === 'Choose a score from 1 to 5.', 'asked for a score');
    // Keyboard: the arrow keys move within the group and choose.
    radios[2]?.focus();
    await sendKeys({ press: 'ArrowRight' });
    await waitFor(() => maybePart(el, 'csat-score')?.parentElement?.querySelector('[data-checked]'), 'a score chosen');
    expect(part(el, 'csat').querySelector('[data-checked] input')?.getAttribute('aria-label')).to.equal('4 of 5: Good');
    part(el, 'csat-comment').focus();
    await sendKeys({ type: 'Clear and quick' });
    // Offline: the answer fails, says why, and keeps the score and the comment.
    client.disconnect();
    part(el, 'csat-submit-button').click();
    const failure = await waitFor(() => maybePart(el, 'csat-error'), 'the failure');
    expect(text(failure)).to.match(/^Your feedback could not be sent: /);
    expect(part<HTMLTextAreaElement>(el, 'csat-comment').value).to.equal('Clear and quick');
    expect(part(el, 'csat').querySelector('[data-checked] input')?.getAttribute('aria-label')).to.equal('4 of 5: Good');
    void client.connect();
    await waitFor(() => client.state === 'connected', 'connected again');
    part(el, 'csat-submit-button').click();
    await waitFor(() => maybePart(el, 'csat-thanks'), 'the thanks');
    expect(text(part(el, 'csat-thanks'))).to.equal('Thank you for your feedback!');
    expect(maybePart(el, 'csat')).to.equal(null, 'cannot be answered twice');
    expect(client.conversation(conversationId)?.csat?.state).to.equal('answered');
  });

  it('lists a signed-in customer\'s conversations newest first with their cards, continues one and starts another', async () => {
    const { el, conversationId: first } = await relationshipChat(uniqueId('own'));
    el.context = { sku: 'LT-14', name: 'Laptop 14' };
    await el.loadPanel();
    const client = el.activeClient ?? expect.fail('no client');
    await waitFor(() => client.conversation(first)?.context?.name === 'Laptop 14', 'the page\'s product on the conversation');
    client.send(first, { body: 'About my laptop' });
    await waitFor(() => client.conversation(first)?.messages.some((m) => m.body === 'About my laptop' && m.status !== 'sending'), 'the message stored');
    const phone = await client.relationship.startConversation({ sku: 'PH-9', name: 'Phone 9' });
    client.send(phone.id, { body: '', files: [{ blob: await canvasPng(8, 8, 'crack.png'), name: 'crack.png' }] });
    await waitFor(() => client.conversation(phone.id)?.messages.some((m) => m.attachments?.length && m.status === 'sent'), 'the photo sent');
    part(el, 'history-button').click();
    await waitFor(() => parts(el, 'my-conversation').length === 2, 'two conversations listed');
    const rows = parts(el, 'my-conversation');
    expect(rows.map((row) => row.dataset.id)).to.deep.equal([phone.id, first], 'newest first');
    const last = (row: HTMLElement | undefined): string => text(row?.querySelector('.my-conversation-last') ?? null);
    expect(last(rows[0])).to.equal('Photo', 'a photo alone is named, not blank');
    expect(last(rows[1])).to.equal('About my laptop');
    expect(text(rows[0]?.querySelector('[part~="context"]') ?? null)).to.contain('Phone 9');
    expect(text(rows[1]?.querySelector('[part~="context"]') ?? null)).to.contain('Laptop 14');
    expect(rows[1]?.getAttribute('aria-current')).to.equal('true');
    rows[0]?.click();
    await waitFor(() => el.conversationId === phone.id, 'the phone conversation shown');
    await el.updateComplete;
    expect(maybePart(el, 'my-conversations')).to.equal(null);
    expect(text(part(el, 'context'))).to.contain('Phone 9', 'a picked conversation keeps its card');
    // A new one about the page's product.
    part(el, 'history-button').click();
    (await waitFor(() => maybePart(el, 'new-conversation-button'), 'the new-conversation button')).click();
    await waitFor(() => el.conversationId !== phone.id && el.conversationId !== first, 'a new conversation shown');
    const started = el.conversationId ?? '';
    await waitFor(() => client.conversation(started)?.context?.name === 'Laptop 14', 'the new one carries the page\'s product');
    expect(client.conversation(phone.id)?.context?.name).to.equal('Phone 9', 'the phone keeps its own card');
  });

  it('opens the conversation a reply email links to (?support-conversation=…)', async () => {
    const userId = uniqueId('link');
    const first = await relationshipChat(userId);
    const client = first.el.activeClient ?? expect.fail('no client');
    const other = await client.relationship.startConversation({ name: 'Phone 9' });
    fixtureCleanup();
    const address = location.href;
    history.replaceState(null, '', `?support-conversation=${encodeURIComponent(other.id)}`);
    try {
      const { el } = await relationshipChat(userId, { inline: false });
      await el.loadPanel();
      await waitFor(() => el.open && el.conversationId === other.id, 'the linked conversation open');
      expect(el.conversationId).to.not.equal(first.conversationId);
    } finally {
      history.replaceState(null, '', address);
    }
  });

  describe('unread agent replies', () => {
    let visibility: DocumentVisibilityState = 'visible';
    const setVisibility = (state: DocumentVisibilityState): void => {
      visibility = state;
      document.dispatchEvent(new Event('visibilitychange'));
    };
    let title = '';

    beforeEach(() => {
      title = document.title;
      document.title = 'Volta X12 Pro';
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
    });

    afterEach(() => {
      delete (document as { visibilityState?: unknown }).visibilityState;
      visibility = 'visible';
      document.title = title;
    });

    it('count on the launcher across page loads and show "(n) …" in the title while the page is in the background', async () => {
      const userId = uniqueId('unread');
      const { el, conversationId } = await relationshipChat(userId, { inline: false });
      await el.loadPanel();
      const agent = await relationshipAgent(uniqueId('agent'));
      el.activeClient?.send(conversationId, { body: 'Hello?' });
      await waitFor(() => agent.conversation(conversationId), 'the agent to see it');
      setVisibility('hidden');
      agent.send(conversationId, { body: 'Hi! How can I help?' });
      await waitFor(() => document.title === '(1) Volta X12 Pro', `"(1) Volta X12 Pro", got "${document.title}"`);
      expect(text(part(el, 'unread-badge'))).to.equal('1');
      agent.send(conversationId, { body: 'Is it the charger?' });
      await waitFor(() => document.title === '(2) Volta X12 Pro', `"(2) Volta X12 Pro", got "${document.title}"`);
      setVisibility('visible');
      expect(document.title).to.equal('Volta X12 Pro', 'restored when seen');
      // Another page load of the same customer: the relay's read marks still say 2 unread.
      fixtureCleanup();
      const again = await relationshipChat(userId, { inline: false });
      await waitFor(() => text(maybePart(again.el, 'unread-badge')) === '2', 'the badge after a reload');
      expect(part(again.el, 'launcher').getAttribute('aria-label')).to.equal('Open support chat, 2 unread messages');
    });

    it('leave the title alone with no-title-badge', async () => {
      const { el, conversationId } = await relationshipChat(uniqueId('quiet'), { inline: false, noTitleBadge: true });
      await el.loadPanel();
      const agent = await relationshipAgent(uniqueId('agent'));
      el.activeClient?.send(conversationId, { body: 'Hello?' });
      await waitFor(() => agent.conversation(conversationId), 'the agent to see it');
      setVisibility('hidden');
      agent.send(conversationId, { body: 'Hi!' });
      await waitFor(() => text(maybePart(el, 'unread-badge')) === '1', 'the badge');
      expect(document.title).to.equal('Volta X12 Pro');
    });
  });
});
