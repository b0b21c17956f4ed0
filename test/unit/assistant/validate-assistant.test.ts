/**
 * The assistant's protocol (issue 18): the customer's action as the relay accepts it (inside a
 * `customer` frame) and an answer's body as the widget reads it back (unsafe links dropped, never
 * raw JSON on screen).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAssistantReply, parseClientFrame } from '../../../src/protocol/index.js';

function action(value: Record<string, unknown>) {
  return parseClientFrame(JSON.stringify({ type: 'customer', requestId: 'r1', action: { kind: 'assistant', conversationId: 'c1', ...value } }));
}

describe('assistant protocol', () => {
  it('accepts feedback on an answer, "Talk to a person" and off, and rebuilds them from known fields', () => {
    const helped = action({ feedback: 'helped', seq: 4, extra: 'dropped' });
    assert.ok(helped.ok);
    assert.deepEqual(helped.frame, { type: 'customer', requestId: 'r1', action: { kind: 'assistant', conversationId: 'c1', feedback: 'helped', seq: 4 } });
    assert.ok(action({ feedback: 'person' }).ok);
    assert.ok(action({ feedback: 'off' }).ok);
  });

  it('refuses feedback without the answer it is about, an unknown feedback and a bad seq', () => {
    for (const bad of [{ feedback: 'not-helped' }, { feedback: 'meh', seq: 2 }, { feedback: 'helped', seq: 0 }, { feedback: 'helped', seq: '2' }]) {
      const result = action(bad);
      assert.equal(result.ok, false, JSON.stringify(bad));
      assert.equal(!result.ok && result.ref, 'r1');
    }
  });

  it('reads an answer body, dropping sources with unsafe links and unknown handoffs', () => {
    const body = JSON.stringify({
      v: 1,
      replyTo: 3,
      text: 'Hold the button [1].',
      sources: [
        { id: 'a', title: 'Pairing', url: '/help/a' },
        { id: 'b', title: 'Evil', url: 'javascript:alert(1)' },
        { id: 'c', title: 'Other site', url: '//evil.example/x' },
        { id: 'd', title: 'Vendor', url: 'https://vendor.example/manual' },
      ],
      handoff: { to: 'moon', reason: 'asked' },
    });
    assert.deepEqual(parseAssistantReply(body), {
      v: 1,
      replyTo: 3,
      text: 'Hold the button [1].',
      sources: [
        { id: 'a', title: 'Pairing', url: '/help/a' },
        { id: 'd', title: 'Vendor', url: 'https://vendor.example/manual' },
      ],
    });
    assert.equal(parseAssistantReply('not json'), undefined);
    assert.equal(parseAssistantReply('{"v":2}'), undefined);
    assert.deepEqual(parseAssistantReply(JSON.stringify({ v: 1, replyTo: 1, text: '', sources: [], handoff: { to: 'leave-message', reason: 'button' } }))?.handoff, { to: 'leave-message', reason: 'button' });
  });
});
