/**
 * Script-tag chunk: registers `<support-call>` (video call UI and the WebRTC media transport).
 * Loaded only when a call starts: the chat/inbox call `SupportWidget.load('support-call')`, or the
 * loader finds the tag in the page.
 */
import { SupportCall } from '../elements/support-call/support-call.js';

SupportCall.define('support-call');

export { SupportCall };
// The typed `support-*` events (and the global HTMLElementEventMap augmentation) come with the entry.
export type { SupportCallEventMap } from '../elements/events.js';

declare global {
  interface HTMLElementTagNameMap {
    'support-call': SupportCall;
  }
}
