import { html, nothing, type TemplateResult } from 'lit';
import type { ChatMessage, ConversationView } from '../../core/types.js';
import { chatRelationshipCatalog, type ChatRelationshipTermKey } from '../../i18n/en/chat-relationship.js';
import { errorTerm, threadCatalog, type ThreadTermKey } from '../../i18n/en/thread.js';
import type { LocalizeController, Terms } from '../../i18n/localize-controller.js';
import { toSupportError } from '../../protocol/errors.js';
import type { SupportElement } from '../base.js';
import type { SupportClientController } from '../client-controller.js';
import type { MessageKinds } from '../thread/message-item.js';
import { renderContactEmailForm, type ContactEmailState } from './contact-email-form.js';
import { renderCsatPrompt, type CsatPromptState } from './csat-prompt.js';
import { formatBackAt } from './office-hours-text.js';
import { totalUnread } from './launcher.js';
import { PageTitleBadge } from './page-title-badge.js';

/**
 * The customer's long-term relationship in the chat panel (issue 17): when a person will answer
 * (office hours), the "leave your email" prompt, the satisfaction question in the thread, and the
 * page title's unread count. State only the panel needs; the client holds the rest.
 */
export class ChatRelationship {
  readonly terms: Terms<ChatRelationshipTermKey>;
  private readonly threadTerms: Terms<ThreadTermKey>;
  /** The email prompt of this page (undefined: not shown yet, or never asked). */
  private email: ContactEmailState | undefined;
  /** Satisfaction answers being written, by conversation. */
  private readonly csat = new Map<string, CsatPromptState>();

  constructor(
    private readonly host: SupportElement,
    private readonly options: {
      i18n: LocalizeController;
      connection: SupportClientController;
      conversationId(): string | undefined;
    },
  ) {
    this.terms = options.i18n.use(chatRelationshipCatalog);
    this.threadTerms = options.i18n.use(threadCatalog);
    new PageTitleBadge(host, {
      terms: this.terms,
      enabled: () => !host.hasAttribute('no-title-badge'), // the attribute of <support-chat>'s `noTitleBadge`
      unread: () => totalUnread(options.connection.client),
    });
  }

  /** The header's line under the name: when we are back (closed), else undefined (online/offline as before). */
  statusLine(): string | undefined {
    const hours = this.options.connection.client?.relationship.hours;
    if (!hours || hours.open) return undefined;
    return hours.nextOpen === undefined ? this.terms.term('hours.closed') : formatBackAt(this.terms, hours.nextOpen, Date.now());
  }

  /** The thread draws the satisfaction question itself. */
  readonly kinds: MessageKinds = {
    render: (message) => (message.kind === 'csat' ? this.renderCsat(message) : undefined),
    words: (message) => (message.kind === 'csat' ? this.terms.term('csat.title') : undefined),
  };

  /** Above the composer: the email prompt, when the relay offers email and nobody is there to answer. */
  renderAboveComposer(conversation: ConversationView | undefined): TemplateResult | typeof nothing {
    const client = this.options.connection.client;
    if (!client || !conversation || !client.relationship.emailOffered) return nothing;
    const state = this.email ?? this.initialEmail(conversation);
    if (!state) return nothing;
    this.email = state;
    return renderContactEmailForm(state, this.terms, {
      input: (draft) => this.setEmail({ step: 'asking', draft }),
      save: () => void this.saveEmail(conversation.id),
      skip: () => {
        client.relationship.rememberContactPrompt('skipped');
        this.setEmail({ step: 'skipped' });
      },
      change: () => this.setEmail({ step: 'asking', draft: conversation.contact?.email ?? '' }),
    });
  }

  /** First look this page: ask when nobody can answer and this browser never answered; show a given email. */
  private initialEmail(conversation: ConversationView): ContactEmailState | undefined {
    const client = this.options.connection.client;
    if (!client) return undefined;
    if (conversation.contact) return { step: 'saved', email: conversation.contact.email };
    if (client.relationship.contactPromptAnswer() !== undefined) return undefined;
    const hours = client.relationship.hours;
    const away = client.agentsOnline === 0 || (hours !== undefined && !hours.open);
    return away ? { step: 'asking', draft: '' } : undefined;
  }

  private setEmail(state: ContactEmailState): void {
    this.email = state;
    this.host.requestUpdate();
  }

  private async saveEmail(conversationId: string): Promise<void> {
    const client = this.options.connection.client;
    const state = this.email;
    if (!client || state?.step !== 'asking' || state.saving) return;
    const draft = state.draft.trim();
    this.setEmail({ step: 'asking', draft: state.draft, saving: true });
    try {
      await client.relationship.setContactEmail(conversationId, draft, this.terms.term('email.consent'));
      this.setEmail({ step: 'saved', email: draft });
    } catch (thrown) {
      const error = toSupportError(thrown);
      const reason = error.code === 'invalid-email' ? this.terms.term('email.invalid') : this.terms.term('email.failed', { reason: this.reason(thrown) });
      this.setEmail({ step: 'asking', draft: state.draft, error: reason });
      if (error.code !== 'invalid-email') this.options.connection.reportError(error);
    }
  }

  private renderCsat(message: ChatMessage): TemplateResult {
    const conversation = this.options.connection.client?.conversation(message.conversationId);
    const answered = conversation?.csat?.state === 'answered';
    const state: CsatPromptState = answered ? { step: 'answered' } : (this.csat.get(message.conversationId) ?? { step: 'asking', comment: '' });
    const set = (next: CsatPromptState): void => {
      this.csat.set(message.conversationId, next);
      this.host.requestUpdate();
    };
    return html`<div part="message" class="message csat-message" data-from="system" data-status=${message.status} data-kind="csat" data-id=${message.clientMsgId}>
      ${renderCsatPrompt(state, this.terms, {
        score: (score) => state.step === 'asking' && set({ ...state, score, error: undefined } as CsatPromptState),
        comment: (comment) => state.step === 'asking' && set({ ...state, comment } as CsatPromptState),
        submit: () => void this.submitCsat(message.conversationId),
      })}
    </div>`;
  }

  private async submitCsat(conversationId: string): Promise<void> {
    const client = this.options.connection.client;
    const state = this.csat.get(conversationId) ?? { step: 'asking', comment: '' };
    if (!client || state.step !== 'asking' || state.sending) return;
    const set = (next: CsatPromptState): void => {
      this.csat.set(conversationId, next);
      this.host.requestUpdate();
    };
    if (state.score === undefined) return set({ ...state, error: this.terms.term('csat.pickScore') });
    set({ ...state, sending: true, error: undefined } as CsatPromptState);
    try {
      await client.relationship.answerCsat(conversationId, state.score, state.comment);
      set({ step: 'answered' });
    } catch (thrown) {
      const error = toSupportError(thrown);
      if (error.code === 'already-answered') return set({ step: 'answered' });
      set({ ...state, sending: false, error: this.terms.term('csat.failed', { reason: this.reason(thrown) }) } as CsatPromptState);
      this.options.connection.reportError(error);
    }
  }

  /** A failure in the customer's words. */
  private reason(thrown: unknown): string {
    return this.threadTerms.term(errorTerm(toSupportError(thrown).code));
  }
}
