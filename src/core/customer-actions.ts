import { isContactEmail } from '../protocol/contact-email.js';
import { SupportError } from '../protocol/errors.js';
import type { ConversationSummary, ProductContext } from '../protocol/model.js';
import type { CustomerAction, CustomerResult } from '../protocol/relationship.js';
import type { AssistantFeedback } from '../protocol/assistant.js';
import type { MessagingTransport } from '../transports/types.js';

/** What the customer's actions need from the client. */
export interface CustomerActionsOptions {
  transport: Pick<MessagingTransport, 'customer'>;
  timeoutMs: number;
  /** Merges one summary into the client's conversations (and tells listeners). */
  apply(summary: ConversationSummary): void;
}

/**
 * The customer's requests of issue 17 as `customer` frames (contact email, CSAT answer, their
 * conversations, a new one), loaded by `CustomerRelationship` on first use so a product page's
 * launcher does not download them.
 */
export class CustomerActions {
  constructor(private readonly options: CustomerActionsOptions) {}

  setContactEmail(conversationId: string, email: string | null, consent?: string): Promise<ConversationSummary> {
    // The relay's own rule: an address it would refuse is never sent.
    if (email !== null && !isContactEmail(email)) return Promise.reject(new SupportError('invalid-email', 'not an email address', { retryable: false }));
    return this.conversationOf({ kind: 'contact', conversationId, email, ...(consent === undefined ? {} : { consent }) });
  }

  answerCsat(conversationId: string, score: number, comment?: string): Promise<ConversationSummary> {
    if (!Number.isInteger(score) || score < 1 || score > 5) {
      return Promise.reject(new SupportError('invalid-score', 'a score is a whole number from 1 to 5', { retryable: false }));
    }
    const text = comment?.trim();
    return this.conversationOf({ kind: 'csat', conversationId, score, ...(text ? { comment: text } : {}) });
  }

  async conversations(): Promise<ConversationSummary[]> {
    const result = await this.request({ kind: 'conversations' });
    if (result.kind !== 'conversations') throw unexpected();
    for (const summary of result.conversations) this.options.apply(summary);
    return result.conversations;
  }

  assistantFeedback(conversationId: string, feedback: AssistantFeedback, seq?: number): Promise<ConversationSummary> {
    return this.conversationOf({ kind: 'assistant', conversationId, feedback, ...(seq === undefined ? {} : { seq }) });
  }

  startConversation(context?: ProductContext): Promise<ConversationSummary> {
    return this.conversationOf(context ? { kind: 'start', context } : { kind: 'start' });
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
}

function unexpected(): SupportError {
  return new SupportError('internal', 'the relay answered another kind of result');
}
