/** A conversation list's one-line preview of an assistant answer (issue 18): its text, never its JSON. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messagePreview, type PreviewTerms } from '../../../src/elements/thread/message-preview.js';
import { termsFor } from '../../../src/i18n/catalog.js';
import { assistantCatalog } from '../../../src/i18n/en/assistant.js';

const terms = { summary: { term: (key: string) => key }, attachments: { term: (key: string) => key } } as unknown as PreviewTerms;

describe('messagePreview of an assistant answer', () => {
  it('shows the answer text folded to one line, and nothing of a handoff body', () => {
    const answer = JSON.stringify({ v: 1, replyTo: 1, text: 'Hold the button\n\nfor 3 seconds.', sources: [{ id: 'a', title: 'Pairing', url: '/help/a' }] });
    assert.equal(messagePreview({ kind: 'assistant', body: answer }, terms), 'Hold the button for 3 seconds.');
    const handoff = JSON.stringify({ v: 1, replyTo: 2, text: '', sources: [], handoff: { to: 'person', reason: 'asked' } });
    assert.equal(messagePreview({ kind: 'assistant', body: handoff }, terms), '');
  });

  it('says what a handoff said when given the assistant\'s words (the customer\'s own list, where no note follows)', () => {
    const withAssistant: PreviewTerms = { ...terms, assistant: termsFor(assistantCatalog, 'en') };
    const handoff = (to: string): string => JSON.stringify({ v: 1, replyTo: 2, text: '', sources: [], handoff: { to, reason: 'asked' } });
    assert.equal(messagePreview({ kind: 'assistant', body: handoff('person') }, withAssistant), "I've asked a person to help you. They'll reply here.");
    assert.match(messagePreview({ kind: 'assistant', body: handoff('leave-message') }, withAssistant), /^Our team is away right now/);
  });
});
