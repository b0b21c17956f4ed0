import { html, nothing, type TemplateResult } from 'lit';
import type { UserRef } from '../../protocol/model.js';
import type { LocalizeController } from '../../i18n/localize-controller.js';

/** "Alex is typing…" with animated dots, or nothing when nobody types. */
export function renderTypingIndicator(typing: readonly UserRef[] | undefined, i18n: LocalizeController): TemplateResult | typeof nothing {
  const first = typing?.[0];
  if (!first) return nothing;
  const text =
    typing.length === 1 && first.name ? i18n.term('messages.typing', { name: first.name }) : i18n.term('messages.someoneTyping');
  return html`<div class="typing" part="typing-indicator">
    <span class="typing-dots" aria-hidden="true"><span></span><span></span><span></span></span>
    <span>${text}</span>
  </div>`;
}
