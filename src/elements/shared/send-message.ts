import type { SupportClient } from '../../core/support-client.js';

/**
 * Hands a message to the client; a refusal (too long, client disposed) goes to `report` (the
 * element's `support-error`) and the text stays in the composer.
 * @returns true when the client took the message.
 */
export function sendOrReport(
  client: SupportClient,
  conversationId: string,
  body: string,
  report: (error: unknown) => void,
): boolean {
  try {
    client.send(conversationId, { body });
    return true;
  } catch (error) {
    report(error);
    return false;
  }
}
