import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { SupportClient } from '../../core/support-client.js';
import type { AssistantDelta } from '../../protocol/assistant.js';
import type { AssistantTermKey } from '../../i18n/en/assistant.js';
import type { Terms } from '../../i18n/localize-controller.js';
import { renderMessageText } from '../text/message-text.js';

/**
 * The assistant's answer while a model writes it (issue 18): the relay's `assistant-delta` frames
 * (the client's `assistantDelta` event) drawn as a bot message being written, `aria-busy` so a
 * screen reader waits for the stored answer, which replaces it when it arrives.
 */
export class AssistantDrafts implements ReactiveController {
  private readonly drafts = new Map<string, AssistantDelta>();
  private client: SupportClient | undefined;
  private offs: Array<() => void> = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: { terms: Terms<AssistantTermKey>; client(): SupportClient | undefined },
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const client = this.options.client();
    if (client === this.client) return;
    this.stop();
    this.client = client;
    if (!client) return;
    this.offs = [
      client.on('assistantDelta', (delta) => {
        this.drafts.set(delta.conversationId, delta);
        this.host.requestUpdate();
      }),
      client.on('message', ({ conversationId, message }) => {
        // The stored answer (or handoff) replaces what was being written.
        if (message.kind === 'assistant' && this.drafts.delete(conversationId)) this.host.requestUpdate();
      }),
    ];
  }

  hostDisconnected(): void {
    this.stop();
    this.client = undefined;
  }

  render(conversationId: string | undefined): TemplateResult | typeof nothing {
    const draft = conversationId === undefined ? undefined : this.drafts.get(conversationId);
    if (!draft) return nothing;
    return html`<div part="message assistant-draft" class="message" data-from="bot" data-status="sending" data-kind="assistant" aria-busy="true">
      <span class="sender" part="assistant-label">${this.options.terms.term('assistant.label')}</span>
      <div class="bubble" part="bubble">${renderMessageText(draft.text)}</div>
    </div>`;
  }

  private stop(): void {
    for (const off of this.offs) off();
    this.offs = [];
    this.drafts.clear();
  }
}
