/** Validation of the `conversations` frame (an agent's next page of the queue). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LIMITS } from '../../../src/protocol/model.js';
import { parseClientFrame } from '../../../src/protocol/validate.js';

describe('conversations frame', () => {
  it('accepts a request id, a base64url cursor and a limit up to one page, and drops unknown fields', () => {
    const parsed = parseClientFrame(JSON.stringify({ type: 'conversations', requestId: 'p1', cursor: 'MTcwMAppZA', limit: 20, extra: 'x' }));
    assert.deepEqual(parsed, { ok: true, frame: { type: 'conversations', requestId: 'p1', cursor: 'MTcwMAppZA', limit: 20 } });
  });

  it('accepts a first page without a cursor, and a queue view', () => {
    const parsed = parseClientFrame(JSON.stringify({ type: 'conversations', requestId: 'p1', view: 'mine' }));
    assert.deepEqual(parsed, { ok: true, frame: { type: 'conversations', requestId: 'p1', view: 'mine' } });
  });

  it('refuses a foreign cursor or view, a limit over a page, and names the request in the error', () => {
    const cases = [
      { type: 'conversations', requestId: 'p2', view: 'theirs' },
      { type: 'conversations', requestId: 'p2', cursor: 7 },
      { type: 'conversations', requestId: 'p2', cursor: 'has spaces/and+slashes=' },
      { type: 'conversations', requestId: 'p2', cursor: 'a'.repeat(LIMITS.maxCursorChars + 1) },
      { type: 'conversations', requestId: 'p2', cursor: 'abc', limit: LIMITS.maxConversationPage + 1 },
      { type: 'conversations', requestId: 'p2', cursor: 'abc', limit: 0 },
    ];
    for (const frame of cases) {
      const parsed = parseClientFrame(JSON.stringify(frame));
      assert.equal(parsed.ok, false, JSON.stringify(frame));
      if (!parsed.ok) assert.deepEqual([parsed.code, parsed.ref], ['bad-frame', 'p2']);
    }
  });
});
