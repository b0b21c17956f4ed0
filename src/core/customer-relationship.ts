import type { Emitter } from '../base/emitter.js';
import { defaultStorage, MemoryStorage, type KeyValueStorage } from '../base/storage.js';
import { SupportError } from '../protocol/errors.js';
import type { ConversationSummary, ProductContext, UserRef } from '../protocol/model.js';
import type { CustomerAction, CustomerResult, HoursStatus } from '../protocol/relationship.js';
import { isContactEmail } from '../protocol/contact-email.js';
import type { MessagingTransport, TransportWelcome } from '../transports/types.js';
import type { SupportClientEvents } from './types.js';

export interface CustomerRelationshipOptions {
  transport: Pick<MessagingTransport, 'customer'>;
  timeoutMs: number;
  events: Emitter<SupportClientEvents>;
  /** Merges one summary into the client's conversations (and tells listeners). */
  apply(summary: ConversationSummary): void;
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
    // The relay's own rule: an address it would refuse is never sent.
    if (trimmed !== null && !isContactEmail(trimmed)) throw new SupportError('invalid-email', 'not an email address', { retryable: false });
    const action: CustomerAction = { kind: 'contact', conversationId, email: trimmed, ...(consent === undefined ? {} : { consent }) };
    const summary = await this.conversationOf(action);
    if (trimmed !== null) this.rememberContactPrompt('saved');
    return summary;
  }

  /** Answers the satisfaction question of `conversationId` (score 1–5, once). */
  answerCsat(conversationId: string, score: number, comment?: string): Promise<ConversationSummary> {
    if (!Number.isInteger(score) || score < 1 || score > 5) {
      return Promise.reject(new SupportError('invalid-score', 'a score is a whole number from 1 to 5', { retryable: false }));
    }
    const text = comment?.trim();
    return this.conversationOf({ kind: 'csat', conversationId, score, ...(text ? { comment: text } : {}) });
  }

  /** Signed-in customers: their conversations in this shop, newest first (each merged into the client). */
  async conversations(): Promise<ConversationSummary[]> {
    const result = await this.request({ kind: 'conversations' });
    if (result.kind !== 'conversations') throw unexpected();
    for (const summary of result.conversations) this.options.apply(summary);
    return result.conversations;
  }

  /** Signed-in customers: starts a new conversation (about another device: its `context`). */
  startConversation(context?: ProductContext): Promise<ConversationSummary> {
    return this.conversationOf(context ? { kind: 'start', context } : { kind: 'start' });
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

  private async conversationOf(action: CustomerAction): Promise<ConversationSummary> {
    const result = await this.request(action);
    if (result.kind !== 'conversation') throw unexpected();
    this.options.apply(result.conversation);
    return result.conversation;
  }

  private request(action: CustomerAction): Promise<CustomerResult> {
    const { transport, timeoutMs } = this.options;
    if (!transport.customer) return Promise.reject(new SupportError('config', 'this backend has no customer actions (use the relay)', { retryable: false }));
    return transport.customer(action, { timeoutMs });
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

function unexpected(): SupportError {
  return new SupportError('internal', 'the relay answered another kind of result');
}
