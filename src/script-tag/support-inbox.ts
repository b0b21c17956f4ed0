/** Script-tag chunk: registers `<support-inbox>` (agent desk). Loaded when the tag appears. */
import { SupportInbox } from '../elements/support-inbox/support-inbox.js';

SupportInbox.define('support-inbox');

export { SupportInbox };

declare global {
  interface HTMLElementTagNameMap {
    'support-inbox': SupportInbox;
  }
}
