/**
 * Registers `<support-chat>`, `<support-inbox>` and `<support-call>` (side effect). Safe to load
 * twice and safe to import where there is no `customElements` (Node, server-side rendering).
 */
import { SupportChat } from './support-chat/support-chat.js';
import { SupportInbox } from './support-inbox/support-inbox.js';
import { SupportCall } from './support-call/support-call.js';

SupportChat.define('support-chat');
SupportInbox.define('support-inbox');
SupportCall.define('support-call');

declare global {
  interface HTMLElementTagNameMap {
    'support-chat': SupportChat;
    'support-inbox': SupportInbox;
    'support-call': SupportCall;
  }
}
