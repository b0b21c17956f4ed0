import { html } from 'lit';
import type { ChatMessage } from '../../core/types.js';
import { formatTime } from '../../i18n/date-format.js';
import type { DeskTermKey } from '../../i18n/en/desk.js';
import type { Terms } from '../../i18n/localize-controller.js';
import { deskEventText } from './desk-event-text.js';
import type { DeskMessages } from './message-item.js';

/** A lock, drawn: a private note's mark (beside its words, never alone). */
const lockIcon = html`<svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true" focusable="false"><path fill="currentColor" d="M12 2a5 5 0 0 0-5 5v3H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-8a2 2 0 0 0-2-2h-1V7a5 5 0 0 0-5-5Zm-3 8V7a3 3 0 0 1 6 0v3H9Z"/></svg>`;

/**
 * How the agent's thread shows staff-only messages: a desk event as one centred line of words
 * (`part="desk-event"`: "Alex resolved the conversation"), a private note with a lock and "Private
 * note" atop its bubble (`part="note-label"`; the inbox's styles make the bubble unlike any the
 * customer sees), and both in words for announcements and the queue's previews.
 */
export function deskMessages(terms: Terms<DeskTermKey>, selfId: () => string | undefined): DeskMessages {
  const eventWords = (message: ChatMessage): string => (message.kind === 'csat' ? terms.term('desk.csatAsked') : deskEventText(message.body, terms, selfId()));
  return {
    renderEvent: (message) =>
      html`<div part="message desk-event" class="message desk-event" data-from="system" data-kind=${message.kind} data-id=${message.clientMsgId}>
        <span class="desk-event-text">${eventWords(message)}</span>
        <time datetime=${new Date(message.at).toISOString()}>${formatTime(terms.lang, message.at)}</time>
      </div>`,
    renderNoteLabel: () => html`<span part="note-label" class="note-label">${lockIcon}<span>${terms.term('desk.note')}</span></span>`,
    words: (message) => {
      if (message.kind === 'event' || message.kind === 'csat') return eventWords(message);
      return message.kind === 'note' ? terms.term('desk.notePreview', { text: message.body.replace(/\s+/g, ' ').trim() }) : undefined;
    },
  };
}
