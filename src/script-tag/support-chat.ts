/** Script-tag chunk: registers `<support-chat>`. Loaded by the loader when the tag appears. */
import { SupportChat } from '../elements/support-chat/support-chat.js';

SupportChat.define('support-chat');

export { SupportChat };
// The typed `support-*` events (and the global HTMLElementEventMap augmentation) come with the entry.
export type { SupportChatEventMap } from '../elements/events.js';

declare global {
  interface HTMLElementTagNameMap {
    'support-chat': SupportChat;
  }
}
