import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ChatMessage } from '../../core/types.js';
import type { AssistantFeedback, AssistantReply } from '../../protocol/assistant.js';
import { parseAssistantReply } from '../../protocol/validate-assistant.js';
import { formatTime } from '../../i18n/date-format.js';
import type { AssistantTermKey } from '../../i18n/en/assistant.js';
import type { Terms } from '../../i18n/localize-controller.js';
import { renderMessageText } from '../text/message-text.js';
import type { MessageKinds } from './message-item.js';

/** Where one answer's feedback stands in this page. */
type FeedbackState = { step: 'sending' | 'sent'; feedback: AssistantFeedback } | { step: 'failed'; reason: string };

export interface AssistantRepliesOptions {
  terms: Terms<AssistantTermKey>;
  /** Sends the customer's tap (the chat); without it the answers show no buttons (the inbox). */
  feedback?: (message: ChatMessage, feedback: AssistantFeedback) => Promise<unknown>;
  /** A failure in the reader's words. */
  errorText(error: unknown): string;
}

/**
 * The assistant's messages in a thread (issue 18): `data-from="bot"` with the "Assistant" label,
 * the answer's text (links safe, never HTML), its sources as links, and in the chat the
 * "That helped" / "That didn't help" / "Talk to a person" buttons; a handoff says in the reader's
 * language that a person will reply (or, outside office hours, to leave a message).
 */
export class AssistantReplies {
  private readonly states = new Map<string, FeedbackState>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: AssistantRepliesOptions,
  ) {}

  /** The thread's own kinds plus the assistant's. */
  kinds(own: MessageKinds | undefined): MessageKinds {
    return {
      render: (message) => (message.kind === 'assistant' ? this.render(message) : own?.render(message)),
      words: (message) => (message.kind === 'assistant' ? this.words(message) : own?.words(message)),
    };
  }

  /** The answer's words for announcements and previews. */
  words(message: ChatMessage): string {
    const reply = parseAssistantReply(message.body);
    return `${this.options.terms.term('assistant.label')}: ${reply ? this.text(reply) : ''}`;
  }

  private text(reply: AssistantReply): string {
    const { terms } = this.options;
    if (reply.handoff) return terms.term(reply.handoff.to === 'leave-message' ? 'assistant.handoffMessage' : 'assistant.handoffPerson');
    return reply.text;
  }

  private render(message: ChatMessage): TemplateResult {
    const { terms } = this.options;
    const reply = parseAssistantReply(message.body);
    return html`<div part="message" class="message" data-from="bot" data-status=${message.status} data-kind="assistant" data-id=${message.clientMsgId}>
      <span class="sender" part="assistant-label">${terms.term('assistant.label')}</span>
      <div class="bubble" part="bubble">${reply ? renderMessageText(this.text(reply)) : nothing}</div>
      ${reply && reply.sources.length > 0
        ? html`<ul class="sources" part="assistant-sources" aria-label=${terms.term('assistant.sources')}>
            ${reply.sources.map((source) => html`<li><a href=${source.url} target="_blank" rel="noopener noreferrer">${source.title}</a></li>`)}
          </ul>`
        : nothing}
      ${reply && !reply.handoff && this.options.feedback ? this.renderFeedback(message) : nothing}
      <div class="meta"><time datetime=${new Date(message.at).toISOString()}>${formatTime(terms.lang, message.at)}</time></div>
    </div>`;
  }

  private renderFeedback(message: ChatMessage): TemplateResult {
    const { terms } = this.options;
    const state = this.states.get(message.clientMsgId);
    const busy = state?.step === 'sending';
    const chosen = state !== undefined && state.step !== 'failed' ? state.feedback : undefined;
    const button = (feedback: AssistantFeedback, key: AssistantTermKey, part: string) =>
      html`<button type="button" class="text-button" part=${part} aria-pressed=${chosen === feedback ? 'true' : 'false'} ?disabled=${busy || chosen !== undefined}
        @click=${() => void this.send(message, feedback)}>${terms.term(key)}</button>`;
    const said = chosen === 'helped' ? terms.term('assistant.thanks') : chosen === 'not-helped' ? terms.term('assistant.sorry') : undefined;
    return html`<div class="assistant-feedback" part="assistant-feedback" role="group" aria-label=${terms.term('assistant.feedback')}>
      ${button('helped', 'assistant.helped', 'helped-button')} ${button('not-helped', 'assistant.notHelped', 'not-helped-button')}
      ${button('person', 'assistant.person', 'person-button')}
      <span class="assistant-said" role="status">${said ?? (state?.step === 'failed' ? terms.term('assistant.failed', { reason: state.reason }) : '')}</span>
    </div>`;
  }

  private async send(message: ChatMessage, feedback: AssistantFeedback): Promise<void> {
    const send = this.options.feedback;
    if (!send) return;
    this.states.set(message.clientMsgId, { step: 'sending', feedback });
    this.host.requestUpdate();
    try {
      await send(message, feedback);
      this.states.set(message.clientMsgId, { step: 'sent', feedback });
    } catch (error) {
      this.states.set(message.clientMsgId, { step: 'failed', reason: this.options.errorText(error) });
    }
    this.host.requestUpdate();
  }
}
