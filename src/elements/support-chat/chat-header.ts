import { html, nothing, type TemplateResult } from 'lit';
import type { ChatMessage } from '../../core/types.js';
import type { LocalizeController } from '../../i18n/localize-controller.js';
import { renderCloseButton } from './close-button.js';
import { callTerm } from '../call-slot/call-slot.js';
import { videoIcon } from '../attachments/attachment-icons.js';
import { headsetIcon } from '../panel-icons.js';

/** Name of the agent who wrote last, for the header. */
export function lastAgentName(messages: readonly ChatMessage[]): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message && !message.mine && message.from.role === 'agent' && message.from.name) return message.from.name;
  }
  return undefined;
}

/** The panel header (`part="header"`): agent name or "Support", online/offline, call and close buttons. */
export function renderChatHeader(options: {
  agentName: string | undefined;
  online: boolean;
  closable: boolean;
  i18n: LocalizeController;
  close: () => void;
  /** The call button: shown once there is a conversation to call in, disabled while a call is under way. */
  call?: { start: () => void; busy: boolean } | undefined;
}): TemplateResult {
  const { agentName, online, i18n, call } = options;
  return html`<header part="header" class="header">
    <span class="avatar">${headsetIcon}</span>
    <div class="title">
      <h2 id="title">${agentName ?? i18n.term('header.support')}</h2>
      <p class="presence" ?data-online=${online}>${online ? i18n.term('header.online') : i18n.term('header.offline')}</p>
    </div>
    ${call
      ? html`<button
          part="call-button"
          class="icon-button"
          type="button"
          aria-label=${callTerm(i18n.lang, 'start')}
          title=${callTerm(i18n.lang, 'start')}
          ?disabled=${call.busy}
          @click=${call.start}
        >
          ${videoIcon}
        </button>`
      : nothing}
    ${options.closable
      ? renderCloseButton(i18n, options.close)
      : nothing}
  </header>`;
}
