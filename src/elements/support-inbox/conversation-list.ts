import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatMessage, ConversationView } from '../../core/types.js';
import { formatRelativeTime } from '../../i18n/date-format.js';
import type { AttachmentTermKey } from '../../i18n/en/attachments.js';
import type { CallSummaryTermKey } from '../../i18n/en/call-summary.js';
import type { InboxTermKey } from '../../i18n/en/inbox.js';
import type { Terms } from '../../i18n/localize-controller.js';
import type { StepsTermKey } from '../../i18n/en/steps.js';
import { messagePreview } from '../thread/message-preview.js';
import type { WindowRange } from './conversation-window.js';
import type { QueuePager } from './queue-pager.js';

export { QueuePager } from './queue-pager.js';

/** Relative times in the queue are refreshed this often. */
export const CLOCK_MS = 60_000;

export interface ConversationListState {
  conversations: readonly ConversationView[];
  /** The open conversation. */
  selectedId: string | undefined;
  /** The option that takes Tab focus (roving tabindex); the first rendered one when it is scrolled away. */
  activeId: string | undefined;
  /** The rows in the DOM (`ConversationWindow`); all of them when omitted. */
  window?: WindowRange;
  /** The list scrolled (moves the window, loads the next page near the end). */
  onScroll?(event: Event): void;
  i18n: Terms<InboxTermKey>;
  /** For previews of messages with attachments ("Photo", "Voice message"...). */
  strings: Terms<AttachmentTermKey>;
  /** For a call summary as the last message ("Video call · 4:12"). */
  summaryTerms: Terms<CallSummaryTermKey>;
  /** For a checklist as the last message ("Steps: Pair your earbuds (2 of 5 done)"). */
  stepsTerms?: Terms<StepsTermKey>;
  /** The conversation whose customer is calling (ringing now), if any. */
  ringingId?: string | undefined;
  /** Its marker: "Incoming video call" or "Incoming voice call". */
  ringingLabel?: string | undefined;
  onSelect(id: string): void;
  onKeydown(event: KeyboardEvent): void;
  /** The desk's line of a row (status, assignee, labels) and the words of notes and events in previews. */
  desk?: {
    row(conversation: ConversationView): TemplateResult | typeof nothing;
    words(message: ChatMessage): string | undefined;
  };
  /** The empty list's words (default "No conversations yet."). */
  empty?: string;
  /** More of the queue: loaded near the list's end and by the "Load more" button. */
  pager?: Pick<QueuePager, 'hasMore' | 'loading' | 'load' | 'onScroll'>;
}

/** The room rows out of the window would take (a presentational item: the listbox has options only). */
function spacer(px: number): TemplateResult | typeof nothing {
  return px > 0 ? html`<li class="spacer" role="presentation" aria-hidden="true" style=${`block-size: ${px}px`}></li>` : nothing;
}

/** "Load more conversations" under the list (`part="load-more"`), while the queue has more. */
function renderLoadMore(state: ConversationListState): TemplateResult | typeof nothing {
  const pager = state.pager;
  if (pager === undefined || !pager.hasMore) return nothing;
  return html`<button part="load-more" class="load-more" type="button" aria-busy=${pager.loading ? 'true' : 'false'} ?disabled=${pager.loading} @click=${pager.load}>
    ${state.i18n.term(pager.loading ? 'inbox.loadingMore' : 'inbox.loadMore')}
  </button>`;
}

/**
 * Last message as a one-line preview ("Photo", "Voice message"... for attachments, "Video call · 4:12"
 * for a call summary, never its JSON), "You: …" for the agent's own.
 */
function preview(conversation: ConversationView, state: ConversationListState): string {
  const { i18n, strings } = state;
  // As the relay's summaries do, a desk event ("Alex took the conversation") is no preview.
  const last = conversation.messages.findLast((message) => message.kind !== 'event');
  if (!last) return i18n.term('inbox.noMessages');
  const text = messagePreview(last, { summary: state.summaryTerms, attachments: strings, ...(state.stepsTerms ? { steps: state.stepsTerms } : {}) }, () => state.desk?.words(last));
  return last.mine ? `${i18n.term('inbox.you')}: ${text}` : text;
}

/**
 * The agent's queue as a keyboard-navigable listbox: customer name, last message preview,
 * time and unread badge per conversation, and "Incoming video call" or "Incoming voice call" (`part="ringing"`, the item
 * carries `data-ringing`) on the one whose customer is calling. Only the rows of `window` are in
 * the DOM, each with its place in the queue (`aria-posinset`, `aria-setsize`: -1 while the relay
 * has more), spacers standing in for the rest.
 */
export function renderConversationList(state: ConversationListState): TemplateResult {
  const { conversations, selectedId, i18n } = state;
  const { start, end, before, after } = state.window ?? { start: 0, end: conversations.length, before: 0, after: 0 };
  const rows = conversations.slice(start, end);
  const activeId = rows.some((c) => c.id === state.activeId) ? state.activeId : rows[0]?.id;
  const setSize = state.pager?.hasMore ? -1 : conversations.length;
  if (conversations.length === 0) {
    return html`<div part="conversation-list" class="conversation-list empty">${state.empty ?? i18n.term('inbox.empty')}</div>${renderLoadMore(state)}`;
  }
  return html`<ul
    part="conversation-list"
    class="conversation-list"
    role="listbox"
    aria-label=${i18n.term('inbox.label')}
    @keydown=${state.onKeydown}
    @scroll=${state.onScroll ?? state.pager?.onScroll ?? nothing}
  >
    ${spacer(before)}${repeat(
      rows,
      (conversation) => conversation.id,
      (conversation, i) => {
        const selected = conversation.id === selectedId;
        const ringing = conversation.id === state.ringingId;
        const name = conversation.customer.name || i18n.term('inbox.customer');
        return html`<li
          part="conversation"
          class="conversation"
          id=${`conversation-${conversation.id}`}
          role="option"
          data-id=${conversation.id}
          aria-selected=${selected ? 'true' : 'false'}
          aria-posinset=${start + i + 1}
          aria-setsize=${setSize}
          ?data-ringing=${ringing}
          tabindex=${conversation.id === activeId ? '0' : '-1'}
          @click=${() => state.onSelect(conversation.id)}
        >
          <span class="conversation-name">${name}</span>
          <time class="conversation-time" datetime=${new Date(conversation.updatedAt).toISOString()}
            >${formatRelativeTime(i18n.lang, conversation.updatedAt)}</time
          >
          <span class="conversation-preview">${preview(conversation, state)}</span>
          ${state.desk?.row(conversation) ?? nothing}
          ${ringing ? html`<span part="ringing" class="ringing">${state.ringingLabel ?? ''}</span>` : nothing}
          ${conversation.unread > 0
            ? html`<span part="unread-badge" class="unread-badge"
                ><span aria-hidden="true">${conversation.unread}</span
                ><span class="visually-hidden">${i18n.term('inbox.unread', { count: conversation.unread })}</span></span
              >`
            : nothing}
        </li>`;
      },
    )}${spacer(after)}
  </ul>${renderLoadMore(state)}`;
}
