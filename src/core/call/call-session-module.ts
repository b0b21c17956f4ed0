/**
 * What `CallLine` loads on first use (a first invite, or a first `start()`): the state machine,
 * the summary poster and the call's media. One module, so it arrives as one chunk.
 */
export { CallSession } from './call-session.js';
export { CallSummaryPoster } from './call-summary-poster.js';
export { CallMediaSlot } from './call-media-slot.js';
