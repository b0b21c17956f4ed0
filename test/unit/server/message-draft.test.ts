import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { draftOf, draftProblem } from '../../../src/protocol/message-draft.js';
import type { MessageDraft } from '../../../src/protocol/message-draft.js';
import { LIMITS } from '../../../src/protocol/model.js';
import { parseClientFrame } from '../../../src/protocol/validate.js';

const attachment = { id: 'a1', kind: 'image' as const, mime: 'image/jpeg', size: 1000, name: 'hinge.jpg', url: '/uploads/ab/cd.jpg' };

/** What the relay answers a send of this body with this many attachments: 'ok' or the code. */
function relayCode(body: string, attachments: number): string {
  const frame = { type: 'send', clientMsgId: 'm-1', conversationId: 'c-1', kind: 'text', body, attachments: Array.from({ length: attachments }, () => attachment) };
  const result = parseClientFrame(JSON.stringify(frame));
  return result.ok ? 'ok' : result.code;
}

describe('the message draft', () => {
  it('keeps only the draft’s fields of any shape that extends it, and no empty attachment list', () => {
    const entry = { clientMsgId: 'm-1', conversationId: 'c-1', kind: 'text' as const, body: 'hi', attachments: [], at: 5, files: [], rev: 2, type: 'send' };
    assert.deepEqual(draftOf(entry), { clientMsgId: 'm-1', conversationId: 'c-1', kind: 'text', body: 'hi' });
    const full: MessageDraft = { clientMsgId: 'm-2', conversationId: 'c-1', kind: 'text', body: '', attachments: [attachment], context: { sku: 'X1' } };
    const stored = { ...full, seq: 3, from: { id: 'u', name: 'U', role: 'customer' as const }, at: 9 };
    assert.deepEqual(draftOf(stored), full);
  });

  it('refuses with the same code on the client and the relay: too long, control characters, too many attachments, blank', () => {
    const cases: Array<[string, string, number, string]> = [
      ['plain text', 'The screen flickers', 0, 'ok'],
      ['tab, line feed and carriage return are text', 'line one\r\n\tline two', 0, 'ok'],
      ['the longest body', 'x'.repeat(LIMITS.maxBodyChars), 0, 'ok'],
      ['one character too long', 'x'.repeat(LIMITS.maxBodyChars + 1), 0, 'message-too-large'],
      ['a NUL', 'bad\u0000body', 0, 'bad-frame'],
      ['an escape sequence', 'colour \u001b[31mred', 0, 'bad-frame'],
      ['a DEL', 'del\u007f', 0, 'bad-frame'],
      ['blank without attachments', '  \n ', 0, 'bad-frame'],
      ['blank with a photo', '', 1, 'ok'],
      ['the most attachments', 'photos', LIMITS.maxAttachments, 'ok'],
      ['one attachment too many', 'photos', LIMITS.maxAttachments + 1, 'bad-frame'],
    ];
    for (const [what, body, attachments, code] of cases) {
      assert.equal(draftProblem(body, attachments)?.code ?? 'ok', code, `client: ${what}`);
      assert.equal(relayCode(body, attachments), code, `relay: ${what}`);
    }
  });
});
