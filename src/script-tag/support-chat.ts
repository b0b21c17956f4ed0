/** Script-tag chunk: registers `<support-chat>`. Loaded by the loader when the tag appears. */
import { SupportChat } from '../elements/support-chat/support-chat.js';

SupportChat.define('support-chat');

export { SupportChat };

declare global {
  interface HTMLElementTagNameMap {
    'support-chat': SupportChat;
  }
}
