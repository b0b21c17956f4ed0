import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SupportClientController } from '../client-controller.js';

/**
 * `<support-chat assistant="off">` (issue 18): on this page people answer, not the relay's
 * assistant. Once the client is connected and the conversation known, the chat tells the relay so
 * (the customer's `assistant` action `off`, once per conversation and page); the relay then routes
 * the customer's messages to a person as it does without an assistant.
 */
export class AssistantOff implements ReactiveController {
  private readonly told = new Set<string>();

  constructor(
    private readonly host: ReactiveControllerHost & Element,
    private readonly options: { connection: SupportClientController; conversationId(): string | undefined },
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    if (this.host.getAttribute('assistant') !== 'off') return;
    const client = this.options.connection.client;
    const id = this.options.conversationId();
    if (!client || client.state !== 'connected' || !id || this.told.has(id)) return;
    this.told.add(id);
    // A relay without an assistant answers `config`: nothing to switch off there.
    client.relationship.assistantFeedback(id, 'off').catch(() => this.told.delete(id));
  }
}
