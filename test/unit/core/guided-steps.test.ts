/**
 * Guided steps through the headless client (`client.steps`, issue 20) against a real relay: an
 * agent sends a checklist, the customer ticks, both clients show the stored states; a tick made
 * while the relay is down waits visibly and is stored after the reconnect; the states survive a
 * relay restart and show on another device; a customer of another conversation is refused.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatMessage } from '../../../src/core/types.js';
import type { SupportClient } from '../../../src/core/support-client.js';
import { SupportError } from '../../../src/protocol/errors.js';
import { readGuidedSteps } from '../../../src/protocol/validate-steps.js';
import { agentToken, customerToken, relayHarness, until } from './relay-harness.js';

const PAIRING = { title: 'Pair your earbuds', steps: [{ text: 'Open the case' }, { text: 'Hold the button for 3 s' }, { text: 'Pick “Buds” in Bluetooth settings' }] };

async function connected(client: SupportClient): Promise<SupportClient> {
  await client.connect();
  return client;
}

function checklistOf(client: SupportClient, conversationId: string): ChatMessage | undefined {
  return client.conversation(conversationId)?.messages.find((m) => m.kind === 'steps' && m.seq !== undefined);
}

function doneOf(client: SupportClient, conversationId: string): boolean[] | undefined {
  const message = checklistOf(client, conversationId);
  return message && readGuidedSteps(message.body)?.done;
}

describe('client.steps on the relay', () => {
  it('shows the customer’s ticks to the agent, keeps a tick made offline until the relay stores it, and keeps the states across a restart', async (t) => {
    const relay = await relayHarness(t);
    const customer = await connected(relay.client(customerToken('steps-ana')));
    const conversationId = customer.primaryConversationId ?? assert.fail('no conversation');
    const agent = await connected(relay.client(agentToken('steps-alex')));
    agent.steps.send(conversationId, PAIRING);
    const list = await until(() => checklistOf(customer, conversationId), 'the checklist at the customer');
    const seq = list.seq ?? assert.fail('no seq');
    assert.deepEqual(readGuidedSteps(list.body)?.steps, PAIRING.steps);
    assert.deepEqual(doneOf(customer, conversationId), [false, false, false]);

    await customer.steps.tick(conversationId, seq, 0, true);
    assert.deepEqual(doneOf(customer, conversationId), [true, false, false], 'the stored state, at the ticker');
    await until(() => doneOf(agent, conversationId)?.[0], 'the tick at the agent');
    assert.equal(customer.steps.waiting(conversationId, seq).size, 0);

    // The relay goes away: the tick waits, visibly, and goes out after the reconnect.
    await relay.stop();
    await until(() => customer.state !== 'connected' && customer.state, 'the customer offline');
    await customer.steps.tick(conversationId, seq, 2, true);
    assert.deepEqual([...customer.steps.waiting(conversationId, seq)], [[2, true]]);
    assert.deepEqual(doneOf(customer, conversationId), [true, false, false], 'not stored yet');
    await relay.restart();
    await until(() => doneOf(customer, conversationId)?.[2], 'the offline tick stored');
    assert.equal(customer.steps.waiting(conversationId, seq).size, 0);
    await until(() => doneOf(agent, conversationId)?.[2], 'the offline tick at the agent');

    // Another device of the same customer, after the restart: the history holds the states.
    const phone = await connected(relay.client(customerToken('steps-ana')));
    await phone.openConversation(conversationId);
    assert.deepEqual(doneOf(phone, conversationId), [true, false, true]);
    const summary = agent.conversation(conversationId);
    assert.equal(summary?.messages.filter((m) => m.kind === 'steps').length, 1, 'a tick is no message of its own');
  });

  it('lets the agent untick, and refuses a customer of another conversation with forbidden', async (t) => {
    const relay = await relayHarness(t);
    const customer = await connected(relay.client(customerToken('steps-bo')));
    const conversationId = customer.primaryConversationId ?? assert.fail('no conversation');
    await customer.openConversation(conversationId); // shown, as the chat does: resumed after a reconnect
    const agent = await connected(relay.client(agentToken('steps-bea')));
    agent.steps.send(conversationId, PAIRING);
    const seq = (await until(() => checklistOf(customer, conversationId), 'the checklist')).seq ?? 0;
    await customer.steps.tick(conversationId, seq, 1, true);
    await until(() => doneOf(agent, conversationId)?.[1], 'the tick at the agent');
    // The customer is away while the agent unticks: the relay repeats the states when they resume.
    customer.disconnect();
    await agent.steps.tick(conversationId, seq, 1, false);
    assert.equal(doneOf(customer, conversationId)?.[1], true, 'not heard while away');
    await customer.connect();
    await until(() => doneOf(customer, conversationId)?.[1] === false, 'the untick at the customer');

    const stranger = await connected(relay.client(customerToken('steps-cy')));
    const refused = await stranger.steps.tick(conversationId, seq, 0, true).then(
      () => assert.fail('a stranger ticked'),
      (error: unknown) => error,
    );
    assert.ok(refused instanceof SupportError);
    assert.equal(refused.code, 'forbidden');
    assert.equal(stranger.steps.waiting(conversationId, seq).size, 0, 'a refused tick does not wait');
    assert.deepEqual(doneOf(customer, conversationId), [false, false, false]);
  });
});
