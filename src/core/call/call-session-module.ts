/**
 * What `CallManager` loads on first use (a first invite, or a first `start()`): the state
 * machine and the summary format. One module, so it arrives as one chunk.
 */
export { CallSession } from './call-session.js';
export { callSummaryMessageId, callSummaryRecord, encodeCallSummary } from './call-summary-message.js';
