import type { ReactiveController } from 'lit';
import type { SupportClient } from '../../core/support-client.js';
import { toSupportError } from '../../protocol/errors.js';
import type { ProductContext } from '../../protocol/model.js';
import type { SupportElement } from '../base.js';
import type { SupportClientController } from '../client-controller.js';

/**
 * Keeps the client up to date with the customer's conversation after each update: asks once per
 * client and conversation shown for its latest page of history (again after a failure), and gives
 * the customer's own conversation the element's `context` (sent now or on reconnect) once per change.
 */
export class ConversationSync implements ReactiveController {
  /** Which context was last given to the client, per conversation, to send each change once. */
  private sentContext: { client: SupportClient; conversationId: string; context: ProductContext } | undefined;
  /** The client whose history of the conversation was requested. */
  private historyLoaded: { client: SupportClient; conversationId: string } | undefined;

  constructor(
    private readonly host: SupportElement,
    private readonly connection: SupportClientController,
    private readonly conversationId: () => string | undefined,
  ) {
    host.addController(this);
  }

  /** The client answers synchronously with events that re-render: act after this update. */
  hostUpdated(): void {
    queueMicrotask(() => {
      if (!this.host.isConnected) return;
      this.loadHistory();
      this.pushContext();
    });
  }

  private loadHistory(): void {
    const client = this.connection.client;
    const conversationId = this.conversationId();
    const loaded = this.historyLoaded;
    if (!client || !conversationId || (loaded?.client === client && loaded.conversationId === conversationId)) return;
    const attempt = { client, conversationId };
    this.historyLoaded = attempt;
    client.openConversation(conversationId).catch((error: unknown) => {
      // Not connected is what the banner already says; anything else is reported. Retried on a later update.
      if (this.historyLoaded === attempt) this.historyLoaded = undefined;
      if (toSupportError(error).code !== 'closed') this.connection.reportError(error);
    });
  }

  private pushContext(): void {
    const client = this.connection.client;
    const conversationId = this.conversationId();
    const context = this.host.context;
    // An earlier conversation the customer picked keeps its own product card.
    if (!client || !conversationId || !context || conversationId !== client.primaryConversationId) return;
    const sent = this.sentContext;
    if (sent?.client === client && sent.conversationId === conversationId && sent.context === context) return;
    this.sentContext = { client, conversationId, context };
    client.setContext(conversationId, context);
  }
}
