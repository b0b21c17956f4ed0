/**
 * The customer profile a desk asks for (issue 16): name and email, the devices and orders of their
 * context cards (newest first, once each), their conversations, their calls with the photos posted
 * while each lasted. Staff of the customer's shop only.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TokenClaims } from '../../../src/protocol/frames.js';
import { signToken } from '../../../server/tokens.js';
import { agentToken, relayPerTest, SECRET } from './relay-harness.js';
import type { TestClient } from './relay-harness.js';
import { adminToken, ask, result } from './desk-harness.js';

const CDN = 'https://cdn.shop.example';

function customer(userId: string, conv: string[], email?: string): string {
  const claims: TokenClaims = { sub: userId, name: 'Ana Lima', role: 'customer', shop: 'demo', conv, exp: Math.floor(Date.now() / 1000) + 3600, ...(email === undefined ? {} : { email }) };
  return signToken(claims, SECRET);
}

function photo(id: string): object {
  return { id, kind: 'image', mime: 'image/jpeg', size: 1000, name: `${id}.jpg`, url: `${CDN}/${id}.jpg` };
}

describe('customer profile', () => {
  const world = relayPerTest({ attachmentOrigins: [CDN], autoAssign: false });

  async function send(client: TestClient, frame: Record<string, unknown>): Promise<number> {
    client.send({ type: 'send', kind: 'text', body: '', ...frame });
    return (await client.next('ack', (f) => f.clientMsgId === frame['clientMsgId'])).seq;
  }

  it('shows name, email, devices and orders, conversations and calls with their snapshots', async () => {
    const ana = (await world.connect(customer('ana', ['c-ana-1', 'c-ana-2'], 'ana@example.com'))).client;
    const alex = (await world.connect(agentToken('alex'))).client;
    await send(ana, { clientMsgId: 'a1', conversationId: 'c-ana-1', body: 'my phone', context: { sku: 'PX-9', name: 'Phone X', serial: 'SN1' } });
    await send(ana, { clientMsgId: 'a2', conversationId: 'c-ana-1', body: 'same phone', context: { sku: 'PX-9', name: 'Phone X', serial: 'SN1' } });
    await send(ana, { clientMsgId: 'a3', conversationId: 'c-ana-2', body: 'my order', context: { orderId: 'O-7', name: 'Laptop' } });

    const startedAt = Date.now();
    await send(alex, { clientMsgId: 'snap-1', conversationId: 'c-ana-1', body: '', attachments: [photo('snap-1')] });
    const record = { v: 1, callId: 'call-1', caller: { id: 'alex', name: 'Agent alex', role: 'agent' }, video: true, startedAt, endedAt: Date.now(), durationMs: 1000, end: 'hangup' };
    await send(alex, { clientMsgId: 'call-summary:call-1', conversationId: 'c-ana-1', kind: 'call-summary', body: JSON.stringify(record) });
    await send(alex, { clientMsgId: 'later', conversationId: 'c-ana-1', body: 'after the call', attachments: [photo('later')] });

    const { profile } = await result(alex, { kind: 'profile', customerId: 'ana' }, 'profile');
    assert.deepEqual([profile.id, profile.name, profile.email], ['ana', 'Ana Lima', 'ana@example.com']);
    assert.deepEqual(profile.products, [{ orderId: 'O-7', name: 'Laptop' }, { sku: 'PX-9', name: 'Phone X', serial: 'SN1' }]);
    assert.deepEqual(profile.conversations.map((c) => c.id), ['c-ana-1', 'c-ana-2']);
    assert.equal(profile.calls.length, 1);
    assert.deepEqual(
      [profile.calls[0]?.conversationId, profile.calls[0]?.summary.clientMsgId, profile.calls[0]?.snapshots.map((m) => m.clientMsgId)],
      ['c-ana-1', 'call-summary:call-1', ['snap-1']],
      'the photo posted after the call is not its snapshot',
    );
  });

  it('answers not-found for a customer of no conversation here, and never for another shop', async () => {
    await world.connect(customer('ana', ['c-ana']));
    const alex = (await world.connect(agentToken('alex'))).client;
    const nobody = await ask(alex, { kind: 'profile', customerId: 'ghost' });
    assert.equal('code' in nobody ? nobody.code : nobody, 'not-found');
    const elsewhere = (await world.connect(adminToken('kim', 'other-shop'))).client;
    const other = await ask(elsewhere, { kind: 'profile', customerId: 'ana' });
    assert.equal('code' in other ? other.code : other, 'not-found', 'a shop sees its own customers only');
  });
});
