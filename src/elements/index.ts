/** The element classes and the building blocks integrators may reuse. Importing this registers nothing. */
export { SupportElement, type EmitOptions } from './base.js';
export { SupportClientController, type SupportClientControllerOptions, type ClientListeners } from './client-controller.js';
export { SupportChat } from './support-chat/support-chat.js';
export { SupportInbox } from './support-inbox/support-inbox.js';
export type { JumpTarget } from './thread/jump-target.js';
export { SupportCall, type SupportSnapshotDetail } from './support-call/support-call.js';
export { callSummaryText, renderCallSummary, type CallSummaryText } from './support-call/call-summary-text.js';
export { LocalizeController } from '../i18n/localize-controller.js';
export { loadStrings, termsFor, type Catalog, type Strings, type Terms } from '../i18n/catalog.js';
export { callSummaryCatalog } from '../i18n/en/call-summary.js';
export type { SupportStrings, SupportTermKey, SupportTermKey as TermKey } from '../i18n/support-strings.js';
export type * from './events.js';
