import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeEnvelope, encodeEnvelope, type MessageEnvelope } from '../../../src/transports/agora/rtm-envelope.js';

const ana = { id: 'cust-1', name: 'Ana', role: 'customer' as const };
const message: MessageEnvelope = {
  v: 1,
  t: 'msg',
  from: ana,
  clientMsgId: 'm-1',
  seq: 1_700_000_000_000 * 1024,
  kind: 'text',
  body: 'hello',
  at: 1_700_000_000_000,
  context: { sku: 'PHONE-1', url: 'https://shop.example/p/1' },
};

describe('RTM envelopes', () => {
  it('round-trips a message envelope', () => {
    assert.deepEqual(decodeEnvelope(encodeEnvelope(message), 'cust-1', 'conv-1'), message);
  });

  it('decodes UTF-8 bytes like strings', () => {
    const bytes = new TextEncoder().encode(encodeEnvelope(message));
    assert.deepEqual(decodeEnvelope(bytes, 'cust-1', 'conv-1'), message);
  });

  it('ignores an envelope whose from.id is not the RTM publisher (spoofing)', () => {
    assert.equal(decodeEnvelope(encodeEnvelope(message), 'someone-else', 'conv-1'), undefined);
  });

  it('ignores foreign payloads, other versions and unknown types', () => {
    assert.equal(decodeEnvelope('plain text from another app', 'cust-1', 'conv-1'), undefined);
    assert.equal(decodeEnvelope('{not json', 'cust-1', 'conv-1'), undefined);
    assert.equal(decodeEnvelope(JSON.stringify({ ...message, v: 2 }), 'cust-1', 'conv-1'), undefined);
    assert.equal(decodeEnvelope(JSON.stringify({ ...message, t: 'boom' }), 'cust-1', 'conv-1'), undefined);
  });

  it('validates fields with the relay validators (unsafe URLs, long bodies, bad roles)', () => {
    const unsafe = { ...message, attachments: [{ id: 'a1', kind: 'image', mime: 'image/png', size: 1, name: 'x', url: 'javascript:alert(1)' }] };
    assert.equal(decodeEnvelope(JSON.stringify(unsafe), 'cust-1', 'conv-1'), undefined);
    assert.equal(decodeEnvelope(JSON.stringify({ ...message, body: 'x'.repeat(4001) }), 'cust-1', 'conv-1'), undefined);
    assert.equal(decodeEnvelope(JSON.stringify({ ...message, from: { ...ana, role: 'admin' } }), 'cust-1', 'conv-1'), undefined);
    assert.equal(decodeEnvelope(JSON.stringify({ ...message, seq: -1 }), 'cust-1', 'conv-1'), undefined);
  });

  it('drops unknown fields', () => {
    const decoded = decodeEnvelope(JSON.stringify({ ...message, html: '<b>x</b>' }), 'cust-1', 'conv-1');
    assert.ok(decoded && !('html' in decoded));
  });

  it('decodes typing, receipt, signal and context envelopes', () => {
    const cases = [
      { v: 1, t: 'typing', from: ana, typing: true },
      { v: 1, t: 'receipt', from: ana, kind: 'read', upTo: 5 },
      { v: 1, t: 'signal', from: ana, callId: 'call-1', action: 'offer', payload: { sdp: 'v=0' } },
      { v: 1, t: 'context', from: ana, context: { orderId: 'O-1' } },
    ];
    for (const envelope of cases) assert.deepEqual(decodeEnvelope(JSON.stringify(envelope), 'cust-1', 'conv-1'), envelope);
    assert.equal(decodeEnvelope(JSON.stringify({ v: 1, t: 'signal', from: ana, callId: 'c', action: 'explode' }), 'cust-1', 'c1'), undefined);
  });
});
