import { html, nothing, type TemplateResult } from 'lit';
import type { UserRef } from '../../protocol/model.js';
import type { ThreadTermKey } from '../../i18n/en/thread.js';
import type { Terms } from '../../i18n/localize-controller.js';

/** "Alex is typing…" with animated dots, or nothing when nobody types. */
export function renderTypingIndicator(typing: readonly UserRef[] | undefined, terms: Terms<ThreadTermKey>): TemplateResult | typeof nothing {
  const first = typing?.[0];
  if (!first) return nothing;
  const text =
    typing.length === 1 && first.name ? terms.term('messages.typing', { name: first.name }) : terms.term('messages.someoneTyping');
  return html`<div class="typing" part="typing-indicator">
    <span class="typing-dots" aria-hidden="true"><span></span><span></span><span></span></span>
    <span>${text}</span>
  </div>`;
}
