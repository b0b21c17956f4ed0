/**
 * `support-widget/protocol`: the relay wire protocol shared by the browser package and the relay
 * server package (`support-widget-relay`): frame and model types, frame validation, limits,
 * `SupportError`, and the RTC naming both sides must agree on. No DOM, no Node built-ins.
 */
export * from './model.js';
export * from './frames.js';
export * from './desk.js';
export * from './relationship.js';
export * from './assistant.js';
export * from './message-draft.js';
export * from './search-query.js';
export * from './validate.js';
export { isSourceUrl, parseAssistantReply } from './validate-assistant.js';
export * from './guided-steps.js';
export { parseStepsBody, readGuidedSteps } from './validate-steps.js';
export * from './errors.js';
export * from './limits.js';
export * from './rtc-channel.js';
export * from './rtc-uid.js';
