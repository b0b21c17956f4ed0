/** Validation of the relationship's frames (issue 17): the customer frame and the follow-up and CSAT desk actions. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseClientFrame } from '../../../src/protocol/validate.js';

const parse = (frame: object) => parseClientFrame(JSON.stringify(frame));
const customer = (action: object) => parse({ type: 'customer', requestId: 'r1', action });
const desk = (action: object) => parse({ type: 'desk', requestId: 'd1', action });

function codeOf(result: ReturnType<typeof parse>): string {
  return result.ok ? 'ok' : `${result.code}:${result.ref ?? ''}`;
}

describe('customer frame validation', () => {
  it('refuses an invalid email with invalid-email and the request id', () => {
    for (const email of ['', 'ana', 'ana@', '@shop.example', 'ana@shop', 'a b@shop.example', 'ana@shop.example\r\nBcc: x@y.z', `${'a'.repeat(250)}@shop.example`, 42]) {
      assert.equal(codeOf(customer({ kind: 'contact', conversationId: 'c1', email })), 'invalid-email:r1', String(email));
    }
  });

  it('keeps a valid email trimmed with the consent wording, and accepts null to withdraw it', () => {
    const ok = customer({ kind: 'contact', conversationId: 'c1', email: ' ana@shop.example ', consent: 'Email me when support replies.', extra: true });
    assert.deepEqual(ok.ok && ok.frame, { type: 'customer', requestId: 'r1', action: { kind: 'contact', conversationId: 'c1', email: 'ana@shop.example', consent: 'Email me when support replies.' } });
    const withdrawn = customer({ kind: 'contact', conversationId: 'c1', email: null });
    assert.deepEqual(withdrawn.ok && withdrawn.frame, { type: 'customer', requestId: 'r1', action: { kind: 'contact', conversationId: 'c1', email: null } });
  });

  it('refuses a CSAT score outside 1-5 or not whole, and a comment over 1000 characters, with invalid-score', () => {
    for (const score of [0, 6, 2.5, '5', null]) assert.equal(codeOf(customer({ kind: 'csat', conversationId: 'c1', score })), 'invalid-score:r1', String(score));
    assert.equal(codeOf(customer({ kind: 'csat', conversationId: 'c1', score: 4, comment: 'x'.repeat(1001) })), 'invalid-score:r1');
    const ok = customer({ kind: 'csat', conversationId: 'c1', score: 5, comment: '  quick and kind  ' });
    assert.deepEqual(ok.ok && ok.frame.type === 'customer' && ok.frame.action, { kind: 'csat', conversationId: 'c1', score: 5, comment: 'quick and kind' });
  });

  it('checks a new conversation’s card like any context', () => {
    assert.equal(codeOf(customer({ kind: 'start', context: { sku: 'X1', url: 'javascript:alert(1)' } })), 'bad-frame:r1');
    const ok = customer({ kind: 'start', context: { sku: 'X1', serial: 'SN9' } });
    assert.deepEqual(ok.ok && ok.frame.type === 'customer' && ok.frame.action, { kind: 'start', context: { sku: 'X1', serial: 'SN9' } });
    assert.equal(codeOf(customer({ kind: 'conversations' })), 'ok');
    assert.equal(codeOf(customer({ kind: 'steal' })), 'bad-frame:r1');
  });
});

describe('follow-up and CSAT desk action validation', () => {
  it('needs a note and an integer due time', () => {
    assert.equal(codeOf(desk({ kind: 'followup-schedule', conversationId: 'c1', dueAt: 5, note: '   ' })), 'bad-frame:d1');
    assert.equal(codeOf(desk({ kind: 'followup-schedule', conversationId: 'c1', dueAt: 'soon', note: 'battery?' })), 'bad-frame:d1');
    assert.equal(codeOf(desk({ kind: 'followup-schedule', conversationId: 'c1', dueAt: 5, note: 'x'.repeat(1001) })), 'bad-frame:d1');
    assert.equal(codeOf(desk({ kind: 'followup-schedule', conversationId: 'c1', dueAt: 5, note: 'ask how the battery is' })), 'ok');
  });

  it('lists due or upcoming only, completes and cancels by id, and reports a span from before to', () => {
    assert.equal(codeOf(desk({ kind: 'followup-list', list: 'late' })), 'bad-frame:d1');
    assert.equal(codeOf(desk({ kind: 'followup-list', list: 'upcoming', conversationId: 'c1' })), 'ok');
    assert.equal(codeOf(desk({ kind: 'followup-complete', id: 'fu_1' })), 'ok');
    assert.equal(codeOf(desk({ kind: 'followup-cancel' })), 'bad-frame:d1');
    assert.equal(codeOf(desk({ kind: 'csat-report', from: 10, to: 5 })), 'bad-frame:d1');
    assert.equal(codeOf(desk({ kind: 'csat-report', from: 5, to: 10 })), 'ok');
  });
});
