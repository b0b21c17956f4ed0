/**
 * Registers `<support-chat>` and `<support-inbox>` (side effect). Safe to load twice and safe to
 * import where there is no `customElements` (Node, server-side rendering).
 */
import { SupportChat } from './support-chat/support-chat.js';
import { SupportInbox } from './support-inbox/support-inbox.js';

SupportChat.define('support-chat');
SupportInbox.define('support-inbox');

declare global {
  interface HTMLElementTagNameMap {
    'support-chat': SupportChat;
    'support-inbox': SupportInbox;
  }
}
