/**
 * Guided steps on the Agora backend (issue 20), against the fake RTM written to the SDK's types:
 * a checklist is an ordinary stored message; a tick publishes the checklist's new states, kept in
 * RTM history like a message, heard live by the other members (as a receipt is), refused for a
 * customer of another conversation, and folded into the checklist by a later history page (another
 * device, a reload).
 */
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SupportError } from '../../../src/protocol/errors.js';
import { readGuidedSteps } from '../../../src/protocol/validate-steps.js';
import { RtmWorld, waitFor } from './rtm-world.js';

const CHECKLIST = JSON.stringify({ v: 1, title: 'Pair your earbuds', steps: [{ text: 'Open the case' }, { text: 'Hold the button' }] });

describe('Agora RTM transport: guided steps', () => {
  let world: RtmWorld;
  afterEach(() => world.close());

  it('carries a checklist and its ticks between the members, keeps the states in history, and refuses strangers', async () => {
    world = new RtmWorld();
    const agent = await world.connected('alex', 'agent');
    const customer = await world.connected('cu', 'customer', { conversations: ['c-cu'], presencePollMs: 0 });
    const announced = waitFor(agent.transport, 'message', (m) => m.clientMsgId === 'hello');
    await customer.transport.send({ clientMsgId: 'hello', conversationId: 'c-cu', kind: 'text', body: 'My earbuds do not pair' });
    await announced;

    const arrived = waitFor(customer.transport, 'message', (m) => m.kind === 'steps');
    const { seq } = await agent.transport.send({ clientMsgId: 'list', conversationId: 'c-cu', kind: 'steps', body: CHECKLIST });
    assert.equal((await arrived).seq, seq);

    const heard = waitFor(agent.transport, 'steps');
    const progress = await customer.transport.publishSteps('c-cu', seq, [true, false]);
    assert.deepEqual([progress.seq, progress.done, progress.by?.id], [seq, [true, false], 'cu']);
    const told = await heard;
    assert.deepEqual([told.conversationId, told.seq, told.done, told.by?.id], ['c-cu', seq, [true, false], 'cu']);

    const back = waitFor(customer.transport, 'steps');
    await agent.transport.publishSteps('c-cu', seq, [true, true]);
    assert.deepEqual((await back).done, [true, true], 'staff tick too');

    const stranger = await world.connected('st', 'customer', { conversations: ['c-st'], presencePollMs: 0 });
    await assert.rejects(stranger.transport.publishSteps('c-cu', seq, [false, false]), (error: unknown) => error instanceof SupportError && error.code === 'forbidden');

    // Another device (or a reload) reads the history: the checklist holds its newest states.
    const other = await world.connected('alex-2', 'agent');
    const page = await other.transport.history('c-cu', { limit: 10 });
    const list = page.messages.find((m) => m.seq === seq);
    assert.deepEqual(readGuidedSteps(list?.body ?? '')?.done, [true, true]);
    assert.equal(page.messages.filter((m) => m.kind === 'steps').length, 1, 'a tick is no message of its own');
  });
});
