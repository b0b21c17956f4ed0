import { html, nothing, type TemplateResult } from 'lit';
import type { ChatMessage } from '../../core/types.js';
import type { LocalizeController } from '../../i18n/localize-controller.js';
import { closeIcon } from '../icons.js';
import { headsetIcon } from '../shared/panel-icons.js';

/** Name of the agent who wrote last, for the header. */
export function lastAgentName(messages: readonly ChatMessage[]): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message && !message.mine && message.from.role === 'agent' && message.from.name) return message.from.name;
  }
  return undefined;
}

/** The panel header (`part="header"`): agent name or "Support", online/offline, close button. */
export function renderChatHeader(options: {
  agentName: string | undefined;
  online: boolean;
  closable: boolean;
  i18n: LocalizeController;
  close: () => void;
}): TemplateResult {
  const { agentName, online, i18n } = options;
  return html`<header part="header" class="header">
    <span class="avatar">${headsetIcon}</span>
    <div class="title">
      <h2 id="title">${agentName ?? i18n.term('header.support')}</h2>
      <p class="presence" ?data-online=${online}>${online ? i18n.term('header.online') : i18n.term('header.offline')}</p>
    </div>
    ${options.closable
      ? html`<button
          part="close-button"
          class="icon-button"
          type="button"
          aria-label=${i18n.term('panel.close')}
          title=${i18n.term('panel.close')}
          @click=${options.close}
        >
          ${closeIcon}
        </button>`
      : nothing}
  </header>`;
}
