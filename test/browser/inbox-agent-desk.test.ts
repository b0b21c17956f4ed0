import { expect } from '@esm-bundle/chai';
import { fixture, fixtureCleanup, html } from '@open-wc/testing-helpers';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/elements/define.js';
import type { SupportInbox } from '../../src/elements/support-inbox/support-inbox.js';
import type { SupportClient } from '../../src/core/support-client.js';
import type { CannedReply } from '../../src/protocol/desk.js';
import { callSummaryMessageId, encodeCallSummary } from '../../src/core/call/call-summary-message.js';
import { deskOf, type DeskApi } from '../../src/elements/support-inbox/desk-port.js';
import { canvasPng, relayUploads } from './attachments-fixtures.js';
import { customerWhoWrites } from './support/desk-fixtures.js';
import { createClient, disposeClients, relayUrl, uniqueId, waitFor } from './support/relay.js';
import { focusedPart, isShown, maybePart, part, parts } from './support/shadow.js';

async function staff(role: 'agent' | 'admin', name: string): Promise<{ client: SupportClient; desk: DeskApi }> {
  const client = createClient(role, uniqueId(role), name);
  await client.connect();
  const desk = deskOf(client);
  if (!desk) throw new Error('the client has no desk');
  return { client, desk };
}

/** The shop's canned replies once `check` holds for them (asked again until then). */
async function repliesUntil(desk: DeskApi, check: (replies: CannedReply[]) => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check(await desk.cannedReplies())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function inboxOn(client: SupportClient, conversationId: string): Promise<SupportInbox> {
  const el = await fixture<SupportInbox>(html`<support-inbox server=${relayUrl()} .client=${client} lang="en"></support-inbox>`);
  await waitFor(() => el.activeClient?.state === 'connected', 'the inbox to connect');
  await el.select(conversationId);
  return el;
}

describe('<support-inbox> canned replies and customer profile', function () {
  this.timeout(30_000);

  afterEach(async () => {
    fixtureCleanup();
    disposeClients();
    await setViewport({ width: 800, height: 600 });
  });

  it('inserts a canned reply found with / by keyboard, placeholders filled and an unknown one left selected for the agent', async () => {
    const tag = uniqueId('zz').replace(/[^a-z0-9]/g, '');
    const { client: admin, desk } = await staff('admin', 'Alex');
    await desk.saveCannedReply({ id: `${tag}-1`, shortcut: `${tag}a`, title: 'Alpha greeting', body: 'Hello!' });
    await desk.saveCannedReply({ id: `${tag}-2`, shortcut: `${tag}b`, title: 'Battery drains fast', body: 'Hi {{customer.name}}, about order {{order.id}} ({{product.sku}}): {{warranty.until}}. {{agent.name}}' });
    const name = `Grace ${tag}`;
    const { customer, conversationId } = await customerWhoWrites(name, 'My battery drains');
    const el = await inboxOn(admin, conversationId);
    const input = part<HTMLTextAreaElement>(el, 'input');
    input.focus();
    await sendKeys({ type: `/${tag}` });
    const list = await waitFor(() => maybePart(el, 'canned-replies'), 'the canned replies list');
    await waitFor(() => parts(el, 'canned-reply').length === 2, 'both replies to match');
    expect(list.getAttribute('role')).to.equal('listbox');
    expect(input.getAttribute('aria-autocomplete')).to.equal('list');
    expect(input.getAttribute('aria-controls')).to.equal(list.id);
    const options = parts(el, 'canned-reply');
    expect(options.map((o) => o.getAttribute('role'))).to.deep.equal(['option', 'option']);
    expect(input.getAttribute('aria-activedescendant')).to.equal(options[0]?.id);
    expect(el.shadowRoot?.querySelector('.thread [role="status"]')?.textContent).to.include('2 canned replies');

    await sendKeys({ type: 'x' }); // nothing matches: the list says so
    await waitFor(() => parts(el, 'canned-reply').length === 0 && maybePart(el, 'canned-replies')?.parentElement?.textContent?.includes('No canned reply matches'), 'the list to say nothing matches');
    await sendKeys({ press: 'Backspace' });
    await waitFor(() => parts(el, 'canned-reply').length === 2, 'both replies again');
    await sendKeys({ press: 'ArrowDown' });
    await waitFor(() => input.getAttribute('aria-activedescendant') === parts(el, 'canned-reply')[1]?.id, 'the second reply to be active');
    expect(parts(el, 'canned-reply')[1]?.getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'Enter' });
    const filled = `Hi ${name}, about order 100234 (VX12P-256-GR): {{warranty.until}}. Alex`;
    await waitFor(() => input.value === filled, 'the reply in the box with its placeholders filled');
    expect(maybePart(el, 'canned-replies')).to.equal(null);
    expect(input.hasAttribute('aria-activedescendant')).to.equal(false);
    expect(input.value.slice(input.selectionStart, input.selectionEnd)).to.equal('{{warranty.until}}');
    expect(focusedPart(el)).to.equal('textarea[part=input]');
    expect(customer.conversation(conversationId)?.messages.some((m) => !m.mine)).to.equal(false); // Enter inserted, it did not send

    await sendKeys({ type: '2 years' });
    await sendKeys({ press: 'Enter' });
    const sent = await waitFor(() => customer.conversation(conversationId)?.messages.find((m) => !m.mine), 'the customer to receive the reply');
    expect(sent.body).to.equal(`Hi ${name}, about order 100234 (VX12P-256-GR): 2 years. Alex`);

    await sendKeys({ type: `/${tag}a` });
    await waitFor(() => parts(el, 'canned-reply').length === 1, 'one reply to match');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !maybePart(el, 'canned-replies'), 'Escape to close the list');
    expect(input.value).to.equal(`/${tag}a`);
    await sendKeys({ type: 'z' });
    expect(maybePart(el, 'canned-replies')).to.equal(null); // closed until the / is gone
  });

  it('lets an admin add, edit and delete canned replies from a dialog; an agent has no such button', async () => {
    const tag = uniqueId('yy').replace(/[^a-z0-9]/g, '');
    const { customer, conversationId } = await customerWhoWrites(`Hal ${tag}`, 'Hi');
    void customer;
    const { client: agent } = await staff('agent', 'Bo');
    const agentInbox = await inboxOn(agent, conversationId);
    expect(maybePart(agentInbox, 'canned-manage-button')).to.equal(null);
    fixtureCleanup();

    const { client: admin, desk } = await staff('admin', 'Alex');
    const el = await inboxOn(admin, conversationId);
    const button = await waitFor(() => maybePart(el, 'canned-manage-button'), 'the manage button for an admin');
    button.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = await waitFor(() => maybePart<HTMLDialogElement>(el, 'canned-dialog'), 'the canned replies dialog');
    expect(dialog.matches(':modal')).to.equal(true);
    const field = (name: string): HTMLInputElement => dialog.querySelector<HTMLInputElement>(`[name="${name}"]`) as HTMLInputElement;
    field('shortcut').focus();
    await sendKeys({ type: tag });
    field('title').focus();
    await sendKeys({ type: 'Warranty' });
    field('body').focus();
    await sendKeys({ type: 'Your {{product.name}} is covered.' });
    part(el, 'canned-save-button').click();
    await repliesUntil(desk, (replies) => replies.some((r) => r.shortcut === tag && r.title === 'Warranty' && r.body === 'Your {{product.name}} is covered.'), 'the reply to be stored');
    const row = await waitFor(() => [...dialog.querySelectorAll('li')].find((li) => li.textContent?.includes(`/${tag}`)), 'the reply in the dialog');
    row.querySelector<HTMLButtonElement>(`button[aria-label="Edit /${tag}"]`)?.click();
    await waitFor(() => field('title').value === 'Warranty', 'the form to hold the reply');
    field('title').select();
    await sendKeys({ type: 'Warranty terms' });
    part(el, 'canned-save-button').click();
    await repliesUntil(desk, (replies) => replies.filter((r) => r.shortcut === tag).map((r) => r.title).join() === 'Warranty terms', 'the edit to replace the reply');
    const edited = await waitFor(() => [...dialog.querySelectorAll('li')].find((li) => li.textContent?.includes('Warranty terms')), 'the edited reply in the dialog');
    edited.querySelector<HTMLButtonElement>(`button[aria-label="Delete /${tag}"]`)?.click();
    await repliesUntil(desk, (replies) => !replies.some((r) => r.shortcut === tag), 'the reply to be deleted');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !maybePart(el, 'canned-dialog'), 'Escape to close the dialog');
    expect(focusedPart(el)).to.equal('button[part=canned-manage-button]');
  });

  it("shows the customer's profile beside the thread: devices, conversations, calls with snapshots that open the lightbox", async () => {
    await setViewport({ width: 1280, height: 800 });
    const name = `Ivy ${uniqueId('i')}`;
    const { customer, conversationId } = await customerWhoWrites(name, 'Can you see the crack?');
    const { client: agent } = await staff('agent', 'Alex');
    const startedAt = Date.now() - 1000;
    const photo = await relayUploads('customer', customer.user?.id ?? '').upload(await canvasPng(320, 200, 'crack.png'), { conversationId, name: 'crack.png' });
    customer.send(conversationId, { body: '', attachments: [{ ...photo, width: 320, height: 200 }] });
    await waitFor(() => customer.conversation(conversationId)?.messages.every((m) => m.status !== 'sending'), 'the snapshot to be stored');
    const callId = uniqueId('call');
    const body = encodeCallSummary({
      v: 1,
      callId,
      caller: { id: customer.user?.id ?? 'ivy', name, role: 'customer' },
      callee: { id: agent.user?.id ?? 'alex', name: 'Alex', role: 'agent' },
      video: true,
      startedAt,
      connectedAt: startedAt + 100,
      endedAt: Date.now(),
      durationMs: 252_000,
      end: 'hangup',
      endedBy: agent.user?.id ?? 'alex',
    });
    agent.send(conversationId, { kind: 'call-summary', body, clientMsgId: callSummaryMessageId(callId) });
    await waitFor(() => agent.conversation(conversationId)?.messages.find((m) => m.kind === 'call-summary' && m.status !== 'sending'), 'the call summary to be stored');

    const el = await inboxOn(agent, conversationId);
    const profile = await waitFor(() => {
      const found = maybePart(el, 'profile');
      return found?.textContent?.includes('Video call · 4:12') ? found : undefined;
    }, 'the profile with the call');
    expect(isShown(profile)).to.equal(true);
    expect(isShown(maybePart(el, 'profile-button'))).to.equal(false); // wide: a column, no toggle
    const text = profile.textContent ?? '';
    for (const words of [name, 'Volta X12 Pro', 'VX12P-256-GR', 'Serial SN-42', 'Order 100234']) expect(text.includes(words), words).to.equal(true);
    const listed = parts(el, 'profile-conversation');
    expect(listed.map((b) => b.dataset.id)).to.include(conversationId);
    expect(listed.find((b) => b.dataset.id === conversationId)?.getAttribute('aria-current')).to.equal('true');

    const thumbnail = await waitFor(() => {
      const button = maybePart<HTMLButtonElement>(el, 'profile-snapshot');
      return button && !button.disabled ? button : undefined;
    }, 'the snapshot thumbnail');
    thumbnail.focus();
    await sendKeys({ press: 'Enter' });
    const lightbox = await waitFor(() => maybePart(el, 'lightbox'), 'the lightbox');
    expect(lightbox.getAttribute('aria-label')).to.equal('crack.png');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !maybePart(el, 'lightbox'), 'the lightbox to close');
    expect(focusedPart(el)).to.equal('button[part=profile-snapshot]');

    const opened = new Promise<string>((resolve) => el.addEventListener('support-conversation-open', (event) => resolve((event as CustomEvent<{ conversationId: string }>).detail.conversationId), { once: true }));
    listed.find((b) => b.dataset.id === conversationId)?.focus();
    await sendKeys({ press: 'Enter' });
    expect(await opened).to.equal(conversationId);
  });

  it('is a sheet on a narrow screen, shown from the thread header and closed with Escape', async () => {
    await setViewport({ width: 600, height: 800 });
    const { conversationId } = await customerWhoWrites(`Jo ${uniqueId('j')}`, 'Hello');
    const { client: agent } = await staff('agent', 'Alex');
    const el = await inboxOn(agent, conversationId);
    const toggle = await waitFor(() => maybePart(el, 'profile-button'), 'the profile button');
    await waitFor(() => maybePart(el, 'profile')?.textContent?.includes('Jo '), 'the profile to load');
    expect(isShown(part(el, 'profile'))).to.equal(false);
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => isShown(part(el, 'profile')), 'the sheet to show');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(focusedPart(el)).to.equal('button[part=profile-close-button]');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !isShown(part(el, 'profile')), 'Escape to close the sheet');
    expect(focusedPart(el)).to.equal('button[part=profile-button]');
  });
});
