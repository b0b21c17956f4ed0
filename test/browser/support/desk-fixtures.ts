/**
 * The elements of a browser test, signed in through the relay's demo tokens: an agent's
 * `<support-inbox>` (connected), a customer's inline `<support-chat>`, a customer who has written,
 * and a conversation filled with the agent's messages.
 */
import { fixture, html } from '@open-wc/testing-helpers';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../../src/elements/define.js';
import type { SupportClient } from '../../../src/core/support-client.js';
import type { SupportChat } from '../../../src/elements/support-chat/support-chat.js';
import type { SupportInbox } from '../../../src/elements/support-inbox/support-inbox.js';
import { createClient, relayUrl, uniqueId, waitFor } from './relay.js';

/** An agent's inbox (a new agent unless `userId`), connected to the relay. */
export async function agentInbox(options: { userId?: string; name?: string; style?: string } = {}): Promise<SupportInbox> {
  const el = await fixture<SupportInbox>(html`<support-inbox
    server=${relayUrl()}
    token-endpoint="/demo/token"
    user-id=${options.userId ?? uniqueId('agent')}
    user-name=${options.name ?? 'Alex'}
    lang="en"
    style=${ifDefined(options.style)}
  ></support-inbox>`);
  await waitFor(() => el.activeClient?.state === 'connected', 'the inbox to connect');
  return el;
}

/** A customer's chat panel, inline and 360 px high, signed in as `userId`. */
export function inlineChat(userId: string, name = 'Ken'): Promise<SupportChat> {
  return fixture<SupportChat>(html`<support-chat
    inline
    style="--support-panel-height: 360px"
    server=${relayUrl()}
    token-endpoint="/demo/token"
    user-id=${userId}
    user-name=${name}
    lang="en"
  ></support-chat>`);
}

/** `agent` sends `message <from>` … `message <to>` into the conversation and waits until the relay stored `stored` of its messages there. */
export async function sendNumbered(agent: SupportClient, conversationId: string, from: number, to: number, stored = to, timeoutMs = 15_000): Promise<string[]> {
  const ids: string[] = [];
  for (let i = from; i <= to; i++) ids.push(agent.send(conversationId, { body: `message ${i}` }).clientMsgId);
  await waitFor(
    () => agent.conversation(conversationId)?.messages.filter((m) => m.status !== 'sending' && m.kind !== 'event').length === stored,
    `${stored} messages to be stored`,
    timeoutMs,
  );
  return ids;
}

/** A customer (a real client) who has written `body`, with the product and order they look at (`VX12P-256-GR`, order `100234`). */
export async function customerWhoWrites(name: string, body: string): Promise<{ customer: SupportClient; conversationId: string }> {
  const customer = createClient('customer', uniqueId('cust'), name);
  await customer.connect();
  const conversationId = customer.primaryConversationId;
  if (!conversationId) throw new Error('the customer has no conversation');
  customer.setContext(conversationId, { sku: 'VX12P-256-GR', name: 'Volta X12 Pro', orderId: '100234', serial: 'SN-42' });
  customer.send(conversationId, { body });
  await waitFor(() => customer.conversation(conversationId)?.messages.every((m) => m.status !== 'sending'), 'the customer message to be stored');
  return { customer, conversationId };
}
