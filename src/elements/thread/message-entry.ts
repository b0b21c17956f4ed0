import { html, nothing, type TemplateResult } from 'lit';
import type { ChatMessage } from '../../core/types.js';
import { formatDay } from '../../i18n/date-format.js';
import type { ThreadTermKey } from '../../i18n/en/thread.js';
import type { Terms } from '../../i18n/localize-controller.js';
import { renderMessageItem, type MessageItemActions } from './message-item.js';

export interface EntryOptions {
  terms: Terms<ThreadTermKey>;
  actions: MessageItemActions;
  /** The message's place in the whole conversation, from 1. */
  position: number;
  /** How many messages the conversation holds (loaded or not). */
  setSize: number;
  /** Reached by a jump: shown highlighted for a moment. */
  highlighted: boolean;
}

/**
 * One entry of the windowed list: a `role="article"` (focusable, with its place in the
 * conversation) holding the date separator when the message starts a day, and the message. The
 * entry is what the window measures, so the separator's height goes with its message.
 */
export function renderEntry(message: ChatMessage, previous: ChatMessage | undefined, options: EntryOptions): TemplateResult {
  const { terms } = options;
  const newDay = !previous || dayKey(previous.at) !== dayKey(message.at);
  const showSender = newDay || !previous || previous.from.id !== message.from.id || previous.kind !== message.kind;
  return html`<div
    class=${options.highlighted ? 'entry highlighted' : 'entry'}
    role="article"
    tabindex="-1"
    data-entry=${message.clientMsgId}
    aria-posinset=${options.position}
    aria-setsize=${options.setSize}
  >
    ${newDay
      ? html`<div class="day-separator" part="day-separator" role="separator"><span>${formatDay(terms.lang, message.at)}</span></div>`
      : nothing}${renderMessageItem(message, { terms, showSender, actions: options.actions })}
  </div>`;
}

function dayKey(ms: number): string {
  const date = new Date(ms);
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
}
