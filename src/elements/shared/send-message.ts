import type { SupportClient } from '../../core/support-client.js';
import type { Attachment } from '../../protocol/model.js';

/**
 * Hands a message to the client; a refusal (too long, client disposed) goes to `report` (the
 * element's `support-error`) and the text and attachments stay in the composer.
 * @returns true when the client took the message.
 */
export function sendOrReport(
  client: SupportClient,
  conversationId: string,
  body: string,
  report: (error: unknown) => void,
  attachments: readonly Attachment[] = [],
): boolean {
  try {
    client.send(conversationId, attachments.length > 0 ? { body, attachments: [...attachments] } : { body });
    return true;
  } catch (error) {
    report(error);
    return false;
  }
}
