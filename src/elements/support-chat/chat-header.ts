import { html, nothing, type TemplateResult } from 'lit';
import type { ChatMessage } from '../../core/types.js';
import type { ChatTermKey } from '../../i18n/en/chat.js';
import type { Terms } from '../../i18n/localize-controller.js';
import { renderCloseButton } from './close-button.js';
import { headsetIcon } from '../panel-icons.js';
import { isStaff } from '../../protocol/desk.js';

/** Name of the agent who wrote last, for the header. */
export function lastAgentName(messages: readonly ChatMessage[]): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message && !message.mine && isStaff(message.from.role) && message.from.name) return message.from.name;
  }
  return undefined;
}

/** The panel header (`part="header"`): agent name or "Support", online/offline, call and close buttons. */
export function renderChatHeader(options: {
  agentName: string | undefined;
  online: boolean;
  closable: boolean;
  terms: Terms<ChatTermKey>;
  close: () => void;
  /** The call button (`renderCallButton()`): shown once there is a conversation to call in. */
  callButton: TemplateResult | typeof nothing;
  /** Outside office hours: when a person will answer ("We're back Monday at 9:00"), instead of online/offline. */
  backAt?: string | undefined;
  /** The button to the customer's own conversations (signed-in customers). */
  historyButton?: TemplateResult | typeof nothing;
}): TemplateResult {
  const { agentName, online, terms, backAt } = options;
  // A div, not <header>: axe and screen readers took it for a second banner landmark on the shop's page.
  return html`<div part="header" class="header">
    <span class="avatar">${headsetIcon}</span>
    <div class="title">
      <h2 id="title">${agentName ?? terms.term('header.support')}</h2>
      <p part="presence" class="presence" ?data-online=${online && !backAt} ?data-closed=${!!backAt}>
        ${backAt ?? (online ? terms.term('header.online') : terms.term('header.offline'))}
      </p>
    </div>
    ${options.historyButton ?? nothing}
    ${options.callButton}
    ${options.closable
      ? renderCloseButton(terms, options.close)
      : nothing}
  </div>`;
}
