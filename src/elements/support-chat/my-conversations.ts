import { html, nothing, type TemplateResult } from 'lit';
import type { ChatRelationshipTermKey } from '../../i18n/en/chat-relationship.js';
import type { ThreadTermKey } from '../../i18n/en/thread.js';
import { formatRelativeTime } from '../../i18n/date-format.js';
import type { Terms } from '../../i18n/localize-controller.js';
import type { ConversationSummary } from '../../protocol/model.js';
import { renderContextCard } from '../thread/context-card.js';
import { messagePreview, type PreviewTerms } from '../thread/message-preview.js';

/** What the list of the customer's conversations shows and does. */
export interface MyConversationsView {
  /** Newest first. */
  conversations: readonly ConversationSummary[];
  /** The conversation open in the thread. */
  currentId: string | undefined;
  /** Why the list could not be loaded, if it could not. */
  error?: string | undefined;
  loading: boolean;
  open(conversationId: string): void;
  startNew(): void;
  retry(): void;
  back(): void;
  /** Product images' loadable addresses (the thread's resolver). */
  mediaSrc(url: string | undefined): string | undefined;
}

/**
 * The customer's earlier conversations (`part="my-conversations"`), newest first, each a button
 * with its product card, last message and when: continue one, or start a new one about another
 * device. Replaces the thread in the panel while shown.
 */
export function renderMyConversations(
  view: MyConversationsView,
  terms: Terms<ChatRelationshipTermKey>,
  threadTerms: Terms<ThreadTermKey>,
  previewTerms: PreviewTerms,
): TemplateResult {
  const now = Date.now();
  return html`<section part="my-conversations" class="my-conversations" aria-labelledby="my-conversations-title" aria-busy=${view.loading ? 'true' : 'false'}>
    <div class="my-conversations-bar">
      <h3 id="my-conversations-title">${terms.term('history.title')}</h3>
      <button part="my-conversations-back-button" class="text-button" type="button" @click=${view.back}>${terms.term('history.back')}</button>
    </div>
    ${view.error
      ? html`<p part="my-conversations-error" class="error" role="alert">
          ${terms.term('history.failed', { reason: view.error })}
          <button class="text-button" type="button" @click=${view.retry}>${terms.term('history.retry')}</button>
        </p>`
      : nothing}
    ${view.conversations.length === 0 && !view.loading && !view.error ? html`<p class="hint">${terms.term('history.empty')}</p>` : nothing}
    <ul class="my-conversations-list" role="list">
      ${view.conversations.map((summary) => {
        const current = summary.id === view.currentId;
        return html`<li>
          <button
            part="my-conversation"
            class="my-conversation"
            type="button"
            data-id=${summary.id}
            aria-current=${current ? 'true' : nothing}
            @click=${() => view.open(summary.id)}
          >
            ${summary.context ? renderContextCard(summary.context, threadTerms, view.mediaSrc) : html`<span class="hint">${terms.term('history.noDevice')}</span>`}
            <span class="my-conversation-meta">
              <span class="my-conversation-last">${summary.lastMessage ? messagePreview(summary.lastMessage, previewTerms) : ''}</span>
              <time datetime=${new Date(summary.updatedAt).toISOString()}>${formatRelativeTime(threadTerms.lang, summary.updatedAt, now)}</time>
              ${current ? html`<span class="badge">${terms.term('history.current')}</span>` : nothing}
            </span>
          </button>
        </li>`;
      })}
    </ul>
    <button part="new-conversation-button" class="primary-button" type="button" @click=${view.startNew}>${terms.term('history.new')}</button>
  </section>`;
}
