import type { Emitter } from '../base/emitter.js';
import { defaultStorage, MemoryStorage, type KeyValueStorage } from '../base/storage.js';
import type { ConversationSummary, ProductContext, UserRef } from '../protocol/model.js';
import type { HoursStatus } from '../protocol/relationship.js';
import type { AssistantFeedback } from '../protocol/assistant.js';
import type { TransportWelcome } from '../transports/types.js';
import type { CustomerActions, CustomerActionsOptions } from './customer-actions.js';
import type { SupportClientEvents } from './types.js';

export interface CustomerRelationshipOptions extends CustomerActionsOptions {
  events: Emitter<SupportClientEvents>;
  self(): UserRef | undefined;
  /** The client's `storage` option: where "the email prompt was answered" is kept (`null`: memory). */
  storage: KeyValueStorage | null | undefined;
}

/** How the customer answered the "leave your email" prompt in this browser. */
export type ContactPromptAnswer = 'saved' | 'skipped';

const PROMPT_KEY = 'support-widget:contact-prompt:';

/**
 * A customer's long-term relationship with the shop (`client.relationship`, issue 17): the shop's
 * office hours (`hours`, updated live: an `hours` event), whether replies can come by email
 * (`emailOffered`) and the contact email, the satisfaction answer, and the signed-in customer's own
 * conversations. Each action is a `customer` frame; the conversation it changes is merged into the
 * client (a `conversation` event). Rejects with a coded `SupportError` (`invalid-email`,
 * `invalid-score`, `already-answered`, `not-asked`, `forbidden`; `config` on a backend without them).
 *
 * @example
 * if (!client.relationship.hours?.open) showBackAt(client.relationship.hours?.nextOpen);
 * await client.relationship.setContactEmail(conversationId, 'ada@example.com', consentText);
 * await client.relationship.answerCsat(conversationId, 5, 'Quick and kind');
 */
export class CustomerRelationship {
  /** The shop's office hours now; undefined when it set none (always open, as before). */
  hours: HoursStatus | undefined;
  /** True when the backend can email replies: only then ask for an email. */
  emailOffered = false;
  private storage: KeyValueStorage | undefined;
  private actions: Promise<CustomerActions> | undefined;

  constructor(private readonly options: CustomerRelationshipOptions) {}

  /** A welcome: the hours now and whether email is offered. */
  welcome(welcome: Pick<TransportWelcome, 'hours' | 'emailOffered'>): void {
    this.emailOffered = welcome.emailOffered === true;
    this.setHours(welcome.hours ?? null);
  }

  /** The shop opened or closed (an `hours` frame). */
  setHours(hours: HoursStatus | null): void {
    this.hours = hours ?? undefined;
    this.options.events.emit('hours', { hours: this.hours });
  }

  /**
   * Gives (or changes) the email replies of `conversationId` are sent to, with the consent wording
   * the customer saw; `null` withdraws it. Refused before sending when it is no email address.
   */
  async setContactEmail(conversationId: string, email: string | null, consent?: string): Promise<ConversationSummary> {
    const trimmed = email?.trim() ?? null;
    const summary = await this.use((actions) => actions.setContactEmail(conversationId, trimmed, consent));
    if (trimmed !== null) this.rememberContactPrompt('saved');
    return summary;
  }

  /** Answers the satisfaction question of `conversationId` (score 1–5, once). */
  answerCsat(conversationId: string, score: number, comment?: string): Promise<ConversationSummary> {
    return this.use((actions) => actions.answerCsat(conversationId, score, comment));
  }

  /** Signed-in customers: their conversations in this shop, newest first (each merged into the client). */
  conversations(): Promise<ConversationSummary[]> {
    return this.use((actions) => actions.conversations());
  }

  /** The assistant's feedback (issue 18): "That helped" / "That didn't help" on its message `seq`, or "Talk to a person". */
  assistantFeedback(conversationId: string, feedback: AssistantFeedback, seq?: number): Promise<ConversationSummary> {
    return this.use((actions) => actions.assistantFeedback(conversationId, feedback, seq));
  }

  /** Signed-in customers: starts a new conversation (about another device: its `context`). */
  startConversation(context?: ProductContext): Promise<ConversationSummary> {
    return this.use((actions) => actions.startConversation(context));
  }

  /** How this browser's customer answered the email prompt (asked once: never again after either). */
  contactPromptAnswer(): ContactPromptAnswer | undefined {
    const key = this.promptKey();
    const value = key ? this.store().getItem(key) : null;
    return value === 'saved' || value === 'skipped' ? value : undefined;
  }

  /** Remembers in this browser that the email prompt was answered (`saved`) or skipped. */
  rememberContactPrompt(answer: ContactPromptAnswer): void {
    const key = this.promptKey();
    if (key) this.store().setItem(key, answer);
  }

  /** The actions' code loads on first use: a product page's launcher never downloads it. */
  private use<T>(action: (actions: CustomerActions) => Promise<T>): Promise<T> {
    this.actions ??= import('./customer-actions.js').then(
      ({ CustomerActions }) => new CustomerActions(this.options),
      (error: unknown) => {
        this.actions = undefined; // the next call tries again
        throw error;
      },
    );
    return this.actions.then(action);
  }

  private promptKey(): string | undefined {
    const me = this.options.self();
    return me ? `${PROMPT_KEY}${me.id}` : undefined;
  }

  private store(): KeyValueStorage {
    const { storage } = this.options;
    this.storage ??= storage === null ? new MemoryStorage() : (storage ?? defaultStorage());
    return this.storage;
  }
}
