/**
 * The customer's own conversations on a real relay (issue 17): a signed-in customer lists theirs
 * newest first and starts another with its card (the same `requestId` finds the same one); the new
 * one is theirs on every socket and after a reconnect, and never another customer's; an anonymous
 * visitor may do neither.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { relayPerTest, sendFrame } from './relay-harness.js';
import { askCustomer, clockOptions, TestClock, tokenAt } from './relationship-harness.js';
import { postUpload } from '../uploads/upload-harness.js';

describe('the customer’s own conversations', () => {
  const clock = new TestClock();
  const world = relayPerTest({ ...clockOptions(clock), autoAssign: false });

  it('starts a conversation about another device, keeps its card, and lists it first', async () => {
    const { client: ana } = await world.connect(tokenAt(clock, 'ana', 'customer'));
    const { client: otherTab } = await world.connect(tokenAt(clock, 'ana', 'customer'));
    const { client: alex } = await world.connect(tokenAt(clock, 'alex', 'agent'));
    clock.advance(1000);
    const started = await askCustomer(ana, { kind: 'start', context: { sku: 'LAP-14', name: 'Laptop 14', serial: 'SN-2' } }, 'start-1');
    assert.ok('kind' in started && started.kind === 'conversation');
    const id = started.conversation.id;
    assert.match(id, /^n:[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(started.conversation.context, { sku: 'LAP-14', name: 'Laptop 14', serial: 'SN-2' });
    assert.equal((await alex.next('conversation', (f) => f.conversation.id === id)).conversation.customer.id, 'ana');
    const again = await askCustomer(ana, { kind: 'start' }, 'start-1');
    assert.equal('kind' in again && again.kind === 'conversation' && again.conversation.id, id, 'a retried start finds the same conversation');

    otherTab.send(sendFrame(id, 'm1', 'the laptop fan is loud'));
    assert.equal((await otherTab.next('ack')).conversationId, id, 'the customer’s other socket reaches it at once');
    await ana.next('message', (m) => m.conversationId === id);

    const listed = await askCustomer(ana, { kind: 'conversations' });
    assert.ok('kind' in listed && listed.kind === 'conversations');
    assert.deepEqual(listed.conversations.map((c) => c.id), [id, 'c-ana'], 'newest first');

    const { welcome } = await world.connect(tokenAt(clock, 'ana', 'customer'));
    assert.deepEqual(new Set(welcome.conversations.map((c) => c.id)), new Set([id, 'c-ana']), 'after a reconnect too');
  });

  it('never lets another customer reach it', async () => {
    const { client: ana } = await world.connect(tokenAt(clock, 'ana', 'customer'));
    const started = await askCustomer(ana, { kind: 'start' }, 'mine');
    const id = 'kind' in started && started.kind === 'conversation' ? started.conversation.id : '';
    const { client: bo, welcome } = await world.connect(tokenAt(clock, 'bo', 'customer'));
    assert.deepEqual(welcome.conversations.map((c) => c.id), ['c-bo']);
    bo.send(sendFrame(id, 'x1', 'hello?'));
    assert.equal((await bo.next('error', (e) => e.ref === 'x1')).code, 'forbidden');
    bo.send({ type: 'history', requestId: 'h1', conversationId: id });
    assert.equal((await bo.next('error', (e) => e.ref === 'h1')).code, 'forbidden');
    const contact = await askCustomer(bo, { kind: 'contact', conversationId: id, email: 'bo@shop.example' });
    assert.equal('code' in contact && contact.code, 'forbidden');
    const sameRequest = await askCustomer(bo, { kind: 'start' }, 'mine');
    assert.notEqual('kind' in sameRequest && sameRequest.kind === 'conversation' && sameRequest.conversation.id, id, 'the same requestId from another customer is another conversation');
    const list = await askCustomer(bo, { kind: 'conversations' });
    assert.ok('kind' in list && list.kind === 'conversations' && !list.conversations.some((c) => c.id === id));
  });

  it('takes a file for it over HTTP from its customer, whose token was signed before it existed, and from nobody else', async () => {
    const { client: ana } = await world.connect(tokenAt(clock, 'ana', 'customer'));
    const started = await askCustomer(ana, { kind: 'start' }, 'files');
    const id = 'kind' in started && started.kind === 'conversation' ? started.conversation.id : '';
    const upload = (token: string): Promise<Response> =>
      postUpload(world.relay, { token, conversationId: id, name: 'notes.txt', body: 'the fan rattles', contentType: 'text/plain' });
    const stored = await upload(tokenAt(clock, 'ana', 'customer'));
    assert.equal(stored.status, 201, 'the conversation is not in the token\'s conv claim, but it is ana\'s');
    const { id: fileId } = (await stored.json()) as { id: string };
    assert.equal((await upload(tokenAt(clock, 'bo', 'customer'))).status, 403, 'another customer');
    assert.equal((await upload(tokenAt(clock, 'ana', 'customer', { shop: 'other-shop' }))).status, 403, 'ana of another shop: not hers there');
    const served = await fetch(new URL(`/uploads/${fileId}`, world.relay.url), { headers: { authorization: `Bearer ${tokenAt(clock, 'bo', 'customer')}` } });
    assert.equal(served.status, 403, 'nor served to another customer');
  });

  it('refuses an anonymous visitor, and staff', async () => {
    const { client: visitor } = await world.connect(tokenAt(clock, 'visitor:abc', 'customer', { conv: ['v-abc'] }));
    for (const action of [{ kind: 'conversations' }, { kind: 'start' }]) {
      const refused = await askCustomer(visitor, action);
      assert.equal('code' in refused && refused.code, 'forbidden');
    }
    const { client: alex } = await world.connect(tokenAt(clock, 'alex', 'agent'));
    const staff = await askCustomer(alex, { kind: 'conversations' });
    assert.equal('code' in staff && staff.code, 'forbidden');
  });
});
