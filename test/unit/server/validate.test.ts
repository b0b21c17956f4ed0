import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LIMITS } from '../../../src/protocol/model.js';
import { parseClientFrame } from '../../../src/protocol/validate.js';

function codeOf(raw: unknown): string {
  const result = parseClientFrame(typeof raw === 'string' ? raw : JSON.stringify(raw));
  return result.ok ? 'ok' : result.code;
}

const send = { type: 'send', clientMsgId: 'm-1', conversationId: 'c-u1', kind: 'text', body: 'hello' };
const attachment = { id: 'a1', kind: 'image', mime: 'image/jpeg', size: 1000, name: 'hinge.jpg', url: '/uploads/ab/cd.jpg' };

describe('parseClientFrame', () => {
  it('accepts every valid frame type', () => {
    const frames = [
      { type: 'hello', token: 't', resume: { 'c-u1': 3 } },
      { type: 'hello', token: 't', mergeFrom: 'visitor-token' },
      send,
      { ...send, attachments: [attachment], context: { sku: 'X1', image: 'https://shop.test/x.png' } },
      { type: 'typing', conversationId: 'c-u1', typing: true },
      { type: 'receipt', conversationId: 'c-u1', kind: 'read', upTo: 4 },
      { type: 'history', requestId: 'r1', conversationId: 'c-u1', beforeSeq: 10, limit: 20 },
      { type: 'context', conversationId: 'c-u1', context: { orderId: 'O-1' } },
      { type: 'signal', conversationId: 'c-u1', callId: 'call-1', action: 'offer', payload: { sdp: 'v=0' } },
      { type: 'ping' },
      { type: 'ping', id: 'p1' },
    ];
    for (const frame of frames) assert.equal(codeOf(frame), 'ok', JSON.stringify(frame));
  });

  it('drops unknown fields from the parsed frame', () => {
    const result = parseClientFrame(JSON.stringify({ ...send, admin: true, attachments: [{ ...attachment, evil: 1 }] }));
    assert.ok(result.ok);
    assert.deepEqual(result.frame, { ...send, attachments: [attachment] });
  });

  it('codes invalid JSON, non-objects and unknown types', () => {
    assert.equal(codeOf('{not json'), 'bad-json');
    assert.equal(parseClientFrame(Buffer.from([0xff, 0xfe, 0x7b])).ok, false);
    assert.equal(codeOf('[1,2]'), 'bad-frame');
    assert.equal(codeOf('null'), 'bad-frame');
    assert.equal(codeOf({ type: 'launch-missiles' }), 'bad-frame');
    assert.equal(codeOf({ type: 'toString' }), 'bad-frame');
    assert.equal(codeOf({ notype: 1 }), 'bad-frame');
  });

  it('codes frames over the size limit', () => {
    assert.equal(codeOf(JSON.stringify({ ...send, body: 'x'.repeat(LIMITS.maxFrameBytes) })), 'frame-too-large');
    assert.equal(parseClientFrame(Buffer.alloc(LIMITS.maxFrameBytes + 1, 0x20)).ok, false);
  });

  it('checks field types', () => {
    const bad = [
      { type: 'hello' },
      { type: 'hello', token: 5 },
      { type: 'hello', token: 't', resume: { 'c-u1': -1 } },
      { type: 'hello', token: 't', resume: { 'bad id': 1 } },
      { type: 'hello', token: 't', resume: [1] },
      { type: 'hello', token: 't', mergeFrom: '' },
      { type: 'hello', token: 't', mergeFrom: 7 },
      { type: 'hello', token: 't', mergeFrom: 'x'.repeat(8193) },
      { ...send, clientMsgId: 42 },
      { ...send, clientMsgId: '' },
      { ...send, clientMsgId: 'has space' },
      { ...send, clientMsgId: 'x'.repeat(LIMITS.maxIdChars + 1) },
      { ...send, conversationId: '../etc' + '/passwd' },
      { ...send, kind: 'html' },
      { ...send, body: 7 },
      { ...send, body: '   ' },
      { type: 'typing', conversationId: 'c-u1', typing: 'yes' },
      { type: 'receipt', conversationId: 'c-u1', kind: 'seen', upTo: 1 },
      { type: 'receipt', conversationId: 'c-u1', kind: 'read', upTo: 1.5 },
      { type: 'receipt', conversationId: 'c-u1', kind: 'read', upTo: -1 },
      { type: 'history', requestId: 'r1', conversationId: 'c-u1', limit: LIMITS.maxHistoryPage + 1 },
      { type: 'history', requestId: 'r1', conversationId: 'c-u1', beforeSeq: 0 },
      { type: 'history', conversationId: 'c-u1' },
      { type: 'context', conversationId: 'c-u1', context: 'phone' },
      { type: 'context', conversationId: 'c-u1', context: { sku: 5 } },
      { type: 'context', conversationId: 'c-u1', context: { image: 'javascript:alert(1)' } },
      { type: 'context', conversationId: 'c-u1', context: { url: '/relative' } },
      { type: 'context', conversationId: 'c-u1', context: { name: 'x'.repeat(LIMITS.maxContextFieldChars + 1) } },
      { type: 'signal', conversationId: 'c-u1', callId: 'k', action: 'explode' },
      { type: 'ping', id: 5 },
    ];
    for (const frame of bad) assert.equal(codeOf(frame), 'bad-frame', JSON.stringify(frame).slice(0, 120));
  });

  it('codes an over-long body as message-too-large with the clientMsgId as ref', () => {
    const result = parseClientFrame(JSON.stringify({ ...send, body: 'x'.repeat(LIMITS.maxBodyChars + 1) }));
    assert.deepEqual(result.ok ? undefined : [result.code, result.ref], ['message-too-large', 'm-1']);
  });

  it('checks attachments: count, shape and URL', () => {
    const many = Array.from({ length: LIMITS.maxAttachments + 1 }, (_, i) => ({ ...attachment, id: `a${i}` }));
    const bad = [
      many,
      'a.jpg',
      [{ ...attachment, url: 'javascript:alert(1)' }],
      [{ ...attachment, url: '/uploads/../secret' }],
      [{ ...attachment, url: '/etc/passwd' }],
      [{ ...attachment, url: 'file:///etc/passwd' }],
      [{ ...attachment, kind: 'exe' }],
      [{ ...attachment, size: -1 }],
      [{ ...attachment, mime: 'not a mime' }],
      [{ ...attachment, width: 'wide' }],
      [{ ...attachment, posterUrl: 'data:image/png;base64,AA' }],
      [{ ...attachment, id: undefined }],
    ];
    for (const attachments of bad) {
      const result = parseClientFrame(JSON.stringify({ ...send, attachments }));
      assert.equal(result.ok ? 'ok' : result.code, 'bad-frame', JSON.stringify(attachments).slice(0, 120));
      assert.equal(result.ok ? undefined : result.ref, 'm-1');
    }
    assert.equal(codeOf({ ...send, body: '', attachments: [{ ...attachment, url: 'https://cdn.test/a.jpg' }] }), 'ok');
  });
});
