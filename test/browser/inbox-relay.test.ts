import { expect } from '@esm-bundle/chai';
import { fixtureCleanup } from '@open-wc/testing-helpers';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/define.js';
import type { SupportInbox } from '../../src/elements/support-inbox/support-inbox.js';
import { callSummaryMessageId, encodeCallSummary } from '../../src/core/call/call-summary-message.js';
import { agentInbox, customerWhoWrites } from './support/desk-fixtures.js';
import { createClient, disposeClients, uniqueId, waitFor } from './support/relay.js';
import { focusedPart, maybePart, part, parts } from './support/shadow.js';

function item(el: SupportInbox, conversationId: string): HTMLElement | undefined {
  return parts(el, 'conversation').find((option) => option.dataset.id === conversationId);
}

describe('<support-inbox> with the relay server', function () {
  this.timeout(20_000);

  afterEach(() => {
    fixtureCleanup();
    disposeClients();
  });

  it('lists the conversation, opens it with its context, and replies to the customer', async () => {
    const name = `Grace ${uniqueId('g')}`;
    const { customer, conversationId } = await customerWhoWrites(name, 'My screen flickers after the update');
    const el = await agentInbox();
    const option = await waitFor(() => item(el, conversationId), 'the conversation in the queue');
    expect(part(el, 'conversation-list').getAttribute('role')).to.equal('listbox');
    expect(option.getAttribute('role')).to.equal('option');
    expect(option.textContent?.includes(name)).to.equal(true);
    expect(option.textContent?.includes('My screen flickers after the update')).to.equal(true);
    await waitFor(() => item(el, conversationId)?.querySelector('[part~="unread-badge"]'), 'an unread badge on the conversation');

    option.click();
    const thread = part(el, 'thread');
    await waitFor(() => parts(el, 'message').some((m) => m.dataset.from === 'them'), 'the customer message in the thread');
    expect(thread.textContent?.includes('My screen flickers after the update')).to.equal(true);
    await waitFor(() => maybePart(el, 'context')?.textContent?.includes('VX12P-256-GR'), 'the customer context card');
    expect(part(el, 'context').textContent?.includes('100234')).to.equal(true);
    await waitFor(() => item(el, conversationId)?.getAttribute('aria-selected') === 'true', 'the option to be selected');
    await waitFor(() => !item(el, conversationId)?.querySelector('[part~="unread-badge"]'), 'the unread badge to clear');

    part(el, 'input').focus();
    await sendKeys({ type: 'Please try safe mode: https://help.example.com/safe-mode' });
    await sendKeys({ press: 'Enter' });
    await waitFor(
      () => parts(el, 'message').find((m) => m.dataset.from === 'me' && m.dataset.status !== 'sending'),
      'the reply to be acknowledged',
    );
    const reply = await waitFor(
      () => customer.conversation(conversationId)?.messages.find((m) => !m.mine && m.body.startsWith('Please try safe mode')),
      'the customer to receive the reply',
    );
    expect(`${reply.from.name} ${reply.from.role}`).to.equal('Alex agent');
  });

  it('shows new customer messages in the open thread', async () => {
    const { customer, conversationId } = await customerWhoWrites(`Lin ${uniqueId('l')}`, 'First question');
    const el = await agentInbox();
    (await waitFor(() => item(el, conversationId), 'the conversation in the queue')).click();
    await waitFor(() => parts(el, 'message').length > 0, 'the thread');
    customer.send(conversationId, { body: 'Second question <script>alert(1)</script>' });
    const second = await waitFor(
      () => parts(el, 'message').find((m) => m.textContent?.includes('Second question')),
      'the second message',
    );
    expect(second.dataset.from).to.equal('them');
    expect(second.querySelector('script') === null).to.equal(true);
  });

  it('moves through the queue with the arrow keys and opens with Enter', async () => {
    const first = await customerWhoWrites(`Ana ${uniqueId('a')}`, 'one');
    const second = await customerWhoWrites(`Bo ${uniqueId('b')}`, 'two');
    const el = await agentInbox();
    await waitFor(() => item(el, first.conversationId) && item(el, second.conversationId), 'both conversations');
    const options = parts(el, 'conversation');
    expect(options.filter((option) => option.tabIndex === 0).length).to.equal(1);
    options[0]?.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(focusedPart(el)).to.equal('li[part=conversation]');
    const focusedId = (el.shadowRoot?.activeElement as HTMLElement | null)?.dataset.id;
    expect(focusedId).to.equal(options[1]?.dataset.id);
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.selectedId === focusedId, 'Enter to open the focused conversation');
    await sendKeys({ press: 'Home' });
    expect((el.shadowRoot?.activeElement as HTMLElement | null)?.dataset.id).to.equal(options[0]?.dataset.id);
  });
  it('previews a call summary as words, never as its JSON', async () => {
    const { customer, conversationId } = await customerWhoWrites(`Ivy ${uniqueId('i')}`, 'Can you see the crack?');
    const callId = uniqueId('call');
    const startedAt = Date.now() - 300_000;
    const body = encodeCallSummary({
      v: 1,
      callId,
      caller: { id: customer.user?.id ?? 'ivy', name: 'Ivy', role: 'customer' },
      callee: { id: 'alex', name: 'Alex', role: 'agent' },
      video: true,
      startedAt,
      connectedAt: startedAt + 5_000,
      endedAt: startedAt + 257_000,
      durationMs: 252_000,
      end: 'hangup',
      endedBy: 'alex',
    });
    // Summaries are posted by the agent's side (customers may send text only).
    const colleague = createClient('agent', 'alex', 'Alex');
    await colleague.connect();
    colleague.send(conversationId, { kind: 'call-summary', body, clientMsgId: callSummaryMessageId(callId) });
    await waitFor(
      () => colleague.conversation(conversationId)?.messages.find((m) => m.kind === 'call-summary' && m.status === 'sent'),
      'the call summary to be stored',
    );
    const el = await agentInbox();
    const option = await waitFor(() => {
      const found = item(el, conversationId);
      return found && !found.textContent?.includes('Can you see the crack?') ? found : undefined;
    }, 'the call summary to be the queue preview');
    const preview = option.querySelector('.conversation-preview')?.textContent ?? '';
    expect(preview).to.include('Video call · 4:12');
    expect(preview).not.to.include('{');
    expect(preview).not.to.include('callId');
  });
});
