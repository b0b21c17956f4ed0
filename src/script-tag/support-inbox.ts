/** Script-tag chunk: registers `<support-inbox>` (agent desk). Loaded when the tag appears. */
import { SupportInbox } from '../elements/support-inbox/support-inbox.js';

SupportInbox.define('support-inbox');

export { SupportInbox };
// The typed `support-*` events (and the global HTMLElementEventMap augmentation) come with the entry.
export type { SupportInboxEventMap } from '../elements/events.js';

declare global {
  interface HTMLElementTagNameMap {
    'support-inbox': SupportInbox;
  }
}
