/** A conversation list's one-line preview of an assistant answer (issue 18): its text, never its JSON. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messagePreview, type PreviewTerms } from '../../../src/elements/thread/message-preview.js';

const terms = { summary: { term: (key: string) => key }, attachments: { term: (key: string) => key } } as unknown as PreviewTerms;

describe('messagePreview of an assistant answer', () => {
  it('shows the answer text folded to one line, and nothing of a handoff body', () => {
    const answer = JSON.stringify({ v: 1, replyTo: 1, text: 'Hold the button\n\nfor 3 seconds.', sources: [{ id: 'a', title: 'Pairing', url: '/help/a' }] });
    assert.equal(messagePreview({ kind: 'assistant', body: answer }, terms), 'Hold the button for 3 seconds.');
    const handoff = JSON.stringify({ v: 1, replyTo: 2, text: '', sources: [], handoff: { to: 'person', reason: 'asked' } });
    assert.equal(messagePreview({ kind: 'assistant', body: handoff }, terms), '');
  });
});
