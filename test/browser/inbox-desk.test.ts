import { expect } from '@esm-bundle/chai';
import { fixture, fixtureCleanup, html } from '@open-wc/testing-helpers';
import '../../src/elements/define.js';
import type { SupportClient } from '../../src/core/support-client.js';
import type { SupportInbox } from '../../src/elements/support-inbox/support-inbox.js';
import { agentInbox } from './support/desk-fixtures.js';
import { createClient, disposeClients, relayUrl, uniqueId, waitFor } from './support/relay.js';
import { maybePart, part, parts } from './support/shadow.js';

/** A customer who wrote `body`: their client and conversation id. */
async function customerWrote(name: string, body: string): Promise<{ customer: SupportClient; id: string }> {
  const customer = createClient('customer', uniqueId('desk-customer'), name);
  await customer.connect();
  const id = customer.primaryConversationId;
  if (id === undefined) throw new Error('no conversation');
  customer.send(id, { body });
  await waitFor(() => customer.conversation(id)?.messages.every((m) => m.status !== 'sending'), 'the message stored');
  return { customer, id };
}

/** Another agent, online: in everyone's roster. */
async function otherAgent(name: string): Promise<SupportClient> {
  const agent = createClient('agent', uniqueId(name.toLowerCase()), name);
  await agent.connect();
  return agent;
}

const rowOf = (el: SupportInbox, id: string): HTMLElement | undefined => parts(el, 'conversation').find((row) => row.dataset['id'] === id);
const eventTexts = (el: SupportInbox): string[] => parts(el, 'desk-event').map((e) => e.querySelector('.desk-event-text')?.textContent?.trim() ?? '');

/** The desk bar is not busy with an action (its buttons and menus take the next one). */
const idle = (el: SupportInbox): Promise<unknown> => waitFor(() => part(el, 'desk-bar').getAttribute('aria-busy') === 'false', 'the desk bar to be idle');

async function openInInbox(el: SupportInbox, id: string): Promise<void> {
  await waitFor(() => el.activeClient?.conversation(id), 'the inbox to know the conversation', 10_000);
  await el.select(id);
  await el.updateComplete;
}

describe('<support-inbox> desk with the relay server', function () {
  this.timeout(60_000);

  afterEach(() => {
    fixtureCleanup();
    disposeClients();
  });

  it('takes, transfers to an agent of the roster with a note, resolves and labels, with the views and rows following and each change in words', async () => {
    const sam = await otherAgent('Sam');
    const el = await agentInbox({ name: 'Alex' });
    const me = el.activeClient?.user?.id ?? '';
    const { id } = await customerWrote('Kim', 'The screen flickers');
    await openInInbox(el, id);
    // Routing may have given it to anyone online: take it (Take shows unless it is mine already).
    if (maybePart(el, 'take-button')) part(el, 'take-button').click();
    const barAssignee = (): string | undefined => part(el, 'desk-bar').querySelector('[part~="assignee"]')?.textContent?.trim();
    await waitFor(() => barAssignee() === 'Assigned to You', 'the conversation to be mine');
    part(el, 'queue-view').parentElement?.querySelector<HTMLElement>('[data-view="mine"]')?.click();
    await waitFor(() => rowOf(el, id), 'the row in Mine');
    const tab = el.shadowRoot?.querySelector('[part~="queue-view"][aria-selected="true"]');
    expect(tab?.getAttribute('data-view')).to.equal('mine');
    expect(rowOf(el, id)?.querySelector('[part~="assignee"]')?.textContent?.trim()).to.equal('You');
    expect(rowOf(el, id)?.querySelector('[part~="status-badge"]')?.getAttribute('data-status')).to.equal('open');

    part(el, 'transfer-button').click();
    await el.updateComplete;
    const form = part<HTMLFormElement>(el, 'transfer-form');
    const select = form.querySelector<HTMLSelectElement>('select');
    await waitFor(() => [...(select?.options ?? [])].some((o) => o.value === sam.user?.id), 'Sam in the roster');
    if (select) select.value = sam.user?.id ?? '';
    const note = form.querySelector<HTMLTextAreaElement>('textarea');
    if (note) note.value = 'Battery question: Sam knows these';
    form.requestSubmit();
    await waitFor(() => el.activeClient?.conversation(id)?.assignee?.id === sam.user?.id, 'the transfer');
    await waitFor(() => eventTexts(el).includes('You assigned this to Sam: Battery question: Sam knows these'), 'the transfer in words');
    await el.updateComplete;
    expect(rowOf(el, id), 'no longer in Mine').to.equal(undefined);
    await waitFor(() => sam.conversation(id)?.assignee?.id === sam.user?.id, "Sam's desk to know");

    await idle(el);
    const status = part<HTMLSelectElement>(el, 'status-select');
    status.value = 'resolved';
    status.dispatchEvent(new Event('change'));
    await waitFor(() => el.activeClient?.conversation(id)?.status === 'resolved', 'resolved');
    await waitFor(() => eventTexts(el).includes('You resolved the conversation'), 'the resolve in words');

    await idle(el);
    const input = part<HTMLInputElement>(el, 'label-input');
    input.value = 'Screen Flicker';
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await waitFor(() => parts(el, 'label').some((chip) => chip.textContent?.includes('screen-flicker')), 'the label chip');
    await waitFor(() => eventTexts(el).includes('You added the labels screen-flicker'), 'the labels in words');

    // Another agent's change reads with their name.
    await sam.desk.unassign(id);
    await waitFor(() => eventTexts(el).includes('Sam unassigned the conversation'), "Sam's change in words");
    part(el, 'queue-view').parentElement?.querySelector<HTMLElement>('[data-view="all"]')?.click();
    await waitFor(() => rowOf(el, id)?.querySelector('[part~="assignee"]')?.textContent?.trim() === 'Unassigned', 'the row says nobody has it');
    expect(rowOf(el, id)?.querySelector('[part~="label"]')?.textContent?.trim()).to.equal('screen-flicker');
    expect(rowOf(el, id)?.querySelector('.conversation-preview')?.textContent?.trim()).to.equal('The screen flickers', 'a desk event is no preview');
    expect(me).to.not.equal('');
  });

  it('moves between the views with the arrow keys (one tab stop) and shows the unassigned queue', async () => {
    const el = await agentInbox({ name: 'Alex' });
    const { id } = await customerWrote('Lee', 'Where is my repair?');
    await openInInbox(el, id);
    const client = el.activeClient;
    if (!client) throw new Error('no client');
    if (client.conversation(id)?.assignee === undefined) await client.desk.take(id);
    await client.desk.unassign(id);
    const tabs = parts(el, 'queue-view');
    expect(tabs.map((t) => t.getAttribute('tabindex'))).to.deep.equal(['-1', '-1', '0'], 'All is shown at first, one tab stop');
    tabs[2]?.focus();
    tabs[2]?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    await el.updateComplete;
    await waitFor(() => el.shadowRoot?.activeElement?.getAttribute('data-view') === 'unassigned', 'focus on Unassigned');
    expect(el.shadowRoot?.querySelector('[part~="queue-view"][aria-selected="true"]')?.getAttribute('data-view')).to.equal('unassigned');
    await waitFor(() => rowOf(el, id), 'the conversation in Unassigned');
    expect(rowOf(el, id)?.querySelector('[part~="assignee"]')?.textContent?.trim()).to.equal('Unassigned');
  });

  it('writes a private note that looks like no reply and never reaches the customer', async () => {
    const el = await agentInbox({ name: 'Alex' });
    const { customer, id } = await customerWrote('Ann', 'My order is late');
    await openInInbox(el, id);
    const client = el.activeClient;
    if (!client) throw new Error('no client');
    client.send(id, { body: 'Let me check' });
    el.shadowRoot?.querySelector<HTMLInputElement>('[part~="compose-mode"] input[value="note"]')?.click();
    await el.updateComplete;
    expect(part(el, 'note-hint').textContent).to.include('only agents see it');
    expect(part(el, 'thread').getAttribute('data-compose')).to.equal('note');
    const input = part<HTMLTextAreaElement>(el, 'input');
    input.value = 'Courier says Tuesday';
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    const noteEl = await waitFor(() => parts(el, 'message').find((m) => m.dataset['kind'] === 'note' && m.textContent?.includes('Courier says Tuesday')), 'the note in the thread');
    await waitFor(() => client.conversation(id)?.messages.some((m) => m.kind === 'note' && m.status === 'sent'), 'the note stored');
    expect(noteEl.querySelector('[part~="note-label"]')?.textContent?.trim()).to.equal('Private note');
    const reply = parts(el, 'message').find((m) => m.dataset['kind'] === 'text' && m.dataset['from'] === 'me');
    const noteBubble = getComputedStyle(noteEl.querySelector('.bubble') as Element);
    const replyBubble = getComputedStyle(reply?.querySelector('.bubble') as Element);
    expect(noteBubble.backgroundColor).to.not.equal(replyBubble.backgroundColor, 'a note never has the reply colour');
    expect(noteBubble.borderTopStyle).to.equal('dashed');
    await waitFor(() => customer.conversation(id)?.messages.some((m) => m.body === 'Let me check'), 'the reply at the customer');
    await customer.openConversation(id);
    expect(customer.conversation(id)?.messages.some((m) => m.kind === 'note' || m.body.includes('Courier'))).to.equal(false);
  });

  it('says desk changes in Chinese (zh-CN)', async () => {
    const sam = await otherAgent('Sam');
    const el = await fixture<SupportInbox>(html`<support-inbox server=${relayUrl()} token-endpoint="/demo/token" user-id=${uniqueId('agent')} user-name="Li" lang="zh-CN"></support-inbox>`);
    await waitFor(() => el.activeClient?.state === 'connected', 'the inbox to connect');
    const { id } = await customerWrote('Wang', '屏幕闪烁');
    await openInInbox(el, id);
    const client = el.activeClient;
    if (!client) throw new Error('no client');
    await client.desk.take(id);
    await client.desk.setStatus(id, 'resolved');
    await waitFor(() => eventTexts(el).includes('你解决了会话'), 'the resolve in Chinese');
    await sam.desk.take(id);
    await waitFor(() => eventTexts(el).includes('Sam接手了会话'), "Sam's take in Chinese");
    expect(parts(el, 'queue-view').map((t) => t.querySelector('span')?.textContent?.trim())).to.deep.equal(['我的', '未分配', '全部']);
    const take = await waitFor(() => maybePart(el, 'take-button'), 'Take, now that Sam has it');
    expect(take.textContent?.trim()).to.equal('接手');
  });
});
