/**
 * Issue 17 in the desk: the "Follow-ups due" view (live on `followup-due`, Send with a canned
 * text's placeholders filled, Dismiss), scheduling from the open conversation (the relay's
 * `in-the-past` shown), and the Satisfaction panel's tables, in English and Chinese, by keyboard
 * and on a phone-sized screen. Real relays, real clients.
 */
import { expect } from '@esm-bundle/chai';
import { fixture, fixtureCleanup, html } from '@open-wc/testing-helpers';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/elements/define.js';
import type { SupportClient } from '../../src/core/support-client.js';
import type { SupportInbox } from '../../src/elements/support-inbox/support-inbox.js';
import { customerWhoWrites } from './support/desk-fixtures.js';
import { disposeRelationshipClients, relationshipAgent, relationshipChat, relationshipRelayUrl } from './support/relationship-relay.js';
import { createClient, disposeClients, relayUrl, uniqueId, waitFor } from './support/relay.js';
import { focusedPart, maybePart, part, parts } from './support/shadow.js';

const text = (element: Element | null | undefined): string => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function agentNamed(name: string): Promise<SupportClient> {
  const client = createClient('agent', uniqueId('agent'), name);
  await client.connect();
  return client;
}

async function inboxOf(client: SupportClient, server: string, lang = 'en'): Promise<SupportInbox> {
  const el = await fixture<SupportInbox>(html`<support-inbox server=${server} .client=${client} lang=${lang}></support-inbox>`);
  await waitFor(() => el.activeClient?.state === 'connected' && maybePart(el, 'followups-button'), 'the inbox with its follow-ups button');
  await el.updateComplete;
  return el;
}

/** The due follow-up's row in the open view. */
function row(el: SupportInbox, id: string): HTMLElement | undefined {
  return parts(el, 'followup').find((item) => item.dataset.id === id);
}

describe('<support-inbox> follow-ups and satisfaction (issue 17)', function () {
  this.timeout(30_000);

  afterEach(async () => {
    fixtureCleanup();
    disposeClients();
    disposeRelationshipClients();
    await setViewport({ width: 800, height: 600 });
  });

  it('lists a follow-up the moment it falls due and sends it with one click: the built-in text, placeholders filled, then completed', async () => {
    const name = `Grace ${uniqueId('g')}`;
    const { customer, conversationId } = await customerWhoWrites(name, 'The battery drains');
    const agent = await agentNamed('Alex');
    const el = await inboxOf(agent, relayUrl());
    part(el, 'followups-button').click();
    const dialog = await waitFor(() => maybePart(el, 'followups-dialog'), 'the follow-ups view');
    expect(dialog.getAttribute('aria-labelledby')).to.equal('followups-title');
    expect(text(el.shadowRoot?.getElementById('followups-title'))).to.equal('Follow-ups due');
    const followUp = await agent.desk.scheduleFollowUp(conversationId, Date.now() + 1200, 'Ask how the battery is');
    const item = await waitFor(() => row(el, followUp.id), 'the follow-up to show when it falls due');
    expect(text(item)).to.contain(name).and.to.contain('Ask how the battery is').and.to.contain('Due ').and.to.contain('Scheduled by Alex');
    expect(text(part(el, 'followups-button'))).to.match(/^Follow-ups due \(\d+\)$/);
    const send = item.querySelector<HTMLButtonElement>('[part~="followup-send-button"]') ?? expect.fail('no send button');
    expect(send.getAttribute('aria-label')).to.equal(`Send the follow-up to ${name}`);
    send.click();
    const sent = `Hi ${name}, this is Alex from support. We wanted to check in: is everything working well since we last spoke?`;
    await waitFor(() => customer.conversation(conversationId)?.messages.some((m) => m.body === sent), 'the customer to receive the follow-up');
    await waitFor(() => !row(el, followUp.id), 'the follow-up to leave the list');
    expect(text(dialog.querySelector('[role="status"]'))).to.equal(`Follow-up sent to ${name}.`);
    expect((await agent.desk.followUps('due', conversationId)).map((f) => f.id)).to.not.include(followUp.id);
  });

  it('sends the chosen canned reply, dismisses another, and counts follow-ups that fall due while the view is closed', async () => {
    const tag = uniqueId('fu').replace(/[^a-z0-9]/g, '');
    const admin = createClient('admin', uniqueId('admin'), 'Sam');
    await admin.connect();
    await admin.desk.saveCannedReply({ id: tag, shortcut: tag, title: 'Battery check', body: 'Hello {{customer.name}}, how is your {{product.name}} now? {{agent.name}}' });
    const first = await customerWhoWrites(`Ana ${tag}`, 'Screen flickers');
    const second = await customerWhoWrites(`Ben ${tag}`, 'Pairing fails');
    const el = await inboxOf(admin, relayUrl());
    const before = text(part(el, 'followups-button'));
    const a = await admin.desk.scheduleFollowUp(first.conversationId, Date.now() + 800, 'Screen after the update?');
    const b = await admin.desk.scheduleFollowUp(second.conversationId, Date.now() + 800, 'Pairing ok?');
    await waitFor(() => text(part(el, 'followups-button')) !== before && /\(\d+\)/.test(text(part(el, 'followups-button'))), 'the count to rise live');
    await waitFor(async () => (await admin.desk.followUps('due')).filter((f) => f.id === a.id || f.id === b.id).length === 2, 'both due');
    part(el, 'followups-button').click();
    await waitFor(() => row(el, a.id) && row(el, b.id), 'both in the view');
    const select = part<HTMLSelectElement>(el, 'followup-template');
    select.value = tag;
    select.dispatchEvent(new Event('change'));
    row(el, a.id)?.querySelector<HTMLButtonElement>('[part~="followup-send-button"]')?.click();
    await waitFor(() => first.customer.conversation(first.conversationId)?.messages.some((m) => m.body === `Hello Ana ${tag}, how is your Volta X12 Pro now? Sam`), 'the canned reply, filled');
    row(el, b.id)?.querySelector<HTMLButtonElement>('[part~="followup-dismiss-button"]')?.click();
    await waitFor(() => !row(el, b.id), 'the dismissed one to go');
    expect(text(part(el, 'followups-dialog').querySelector('[role="status"]'))).to.equal(`Follow-up for Ben ${tag} dismissed.`);
    expect(second.customer.conversation(second.conversationId)?.messages.filter((m) => !m.mine)).to.have.length(0, 'nothing sent on dismiss');
    expect((await admin.desk.followUps('due')).map((f) => f.id)).to.not.include.members([a.id, b.id]);
  });

  it('schedules from the open conversation by keyboard: a past date shows the relay\'s in-the-past, N days is stored; Escape gives focus back', async () => {
    const { conversationId } = await customerWhoWrites(`Kim ${uniqueId('k')}`, 'Where is my repair?');
    const agent = await agentNamed('Alex');
    const el = await inboxOf(agent, relayUrl());
    await el.select(conversationId);
    await el.updateComplete;
    const button = part<HTMLButtonElement>(el, 'followup-button');
    expect(text(button)).to.equal('Follow up…');
    button.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = await waitFor(() => maybePart(el, 'followup-dialog'), 'the schedule dialog');
    expect(focusedPart(el)).to.equal('input[part=]', 'focus starts on the first choice');
    dialog.querySelector<HTMLInputElement>('input[value="date"]')?.click();
    await el.updateComplete;
    part<HTMLInputElement>(el, 'followup-date').value = '2020-01-02T09:00';
    part<HTMLTextAreaElement>(el, 'followup-note').value = 'Ask about the repair';
    part(el, 'followup-submit-button').click();
    const error = await waitFor(() => maybePart(el, 'followup-error'), 'the refusal');
    expect(error.dataset.code).to.equal('in-the-past');
    expect(error.getAttribute('role')).to.equal('alert');
    expect(text(error)).to.equal('That time has already passed. Choose a time in the future.');
    expect(await agent.desk.followUps('upcoming', conversationId)).to.have.length(0, 'nothing stored');
    dialog.querySelector<HTMLInputElement>('input[value="days"]')?.click();
    await el.updateComplete;
    part<HTMLInputElement>(el, 'followup-days').value = '3';
    part(el, 'followup-submit-button').click();
    await waitFor(() => !maybePart(el, 'followup-dialog'), 'the dialog to close');
    const [stored] = await agent.desk.followUps('upcoming', conversationId);
    expect(stored?.note).to.equal('Ask about the repair');
    expect(Math.round(((stored?.dueAt ?? 0) - Date.now()) / 86_400_000)).to.equal(3);
    expect(focusedPart(el)).to.equal('button[part=followup-button]');
    button.click();
    await waitFor(() => maybePart(el, 'followup-dialog'), 'the dialog again');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !maybePart(el, 'followup-dialog'), 'Escape to close it');
    expect(focusedPart(el)).to.equal('button[part=followup-button]');
  });

  it('shows a CSAT answer in the Satisfaction panel: per agent and per week in tables with headers, in Chinese, on a phone', async () => {
    await setViewport({ width: 375, height: 700 });
    const { el: chat, conversationId } = await relationshipChat(uniqueId('csat'));
    await chat.loadPanel();
    const customer = chat.activeClient ?? expect.fail('no client');
    customer.send(conversationId, { body: 'My phone does not charge' });
    const agentName = `Lin ${uniqueId('n')}`;
    const agent = await relationshipAgent(uniqueId('agent'), agentName);
    await waitFor(() => agent.conversation(conversationId), 'the agent to see it');
    await agent.desk.take(conversationId);
    agent.send(conversationId, { body: 'Try another cable' });
    await waitFor(() => customer.conversation(conversationId)?.messages.some((m) => m.body === 'Try another cable'), 'the reply');
    await agent.desk.setStatus(conversationId, 'resolved');
    await waitFor(() => maybePart(chat, 'csat'), 'the question');
    await customer.relationship.answerCsat(conversationId, 4, 'Quick');
    const el = await inboxOf(agent, relationshipRelayUrl(), 'zh-CN');
    const button = part<HTMLButtonElement>(el, 'csat-button');
    expect(text(button)).to.equal('满意度');
    button.click();
    const table = await waitFor(() => maybePart<HTMLTableElement>(el, 'csat-by-agent'), 'the per-agent table');
    await el.updateComplete;
    expect(text(table.caption)).to.equal('按客服统计的满意度');
    expect([...table.querySelectorAll('thead th')].every((th) => th.getAttribute('scope') === 'col')).to.equal(true);
    const mine = [...table.querySelectorAll('tbody tr')].find((tr) => text(tr.querySelector('th[scope="row"]')) === agentName) ?? expect.fail('no row for the agent');
    expect([...mine.querySelectorAll('td')].map((td) => text(td))).to.deep.equal(['1', '4', '0', '0', '0', '1', '0']);
    const weeks = part<HTMLTableElement>(el, 'csat-by-week');
    expect(text(weeks.caption)).to.equal('按周统计的满意度');
    expect(text(weeks.querySelector('tbody th[scope="row"]'))).to.match(/^\d{4}-W\d{2}$/);
    const dialog = part(el, 'csat-dialog');
    expect(dialog.getBoundingClientRect().width).to.be.at.most(375);
    // The thread says it in words too.
    await el.select(conversationId);
    await waitFor(() => parts(el, 'desk-event').some((event) => text(event).includes('4/5')), 'the answer in the thread');
  });
});
