export { SupportClient } from './support-client.js';
export { ConversationSearch, type ConversationSearchOptions } from './conversation-search.js';
export { DeskClient, type DeskClientOptions } from './desk-client.js';
export { inDeskView } from './desk-fields.js';
export { CustomerRelationship, type ContactPromptAnswer, type CustomerRelationshipOptions } from './customer-relationship.js';
export { GuidedStepsClient, type GuidedStepsOptions } from './guided-steps-client.js';
export { SupportError, toSupportError, type ErrorCode } from '../protocol/errors.js';
export { Emitter } from '../base/emitter.js';
export { BackoffReconnectPolicy, type ReconnectContext, type ReconnectPolicy } from './reconnect-policy.js';
export { ConversationStore, TYPING_TTL_MS, type MessageChange } from './conversation-store.js';
export { MemoryStorage } from '../base/storage.js';
export { defaultFileStore, fileKey, IndexedDbFileStore, MemoryFileStore, type OutboxFileStore } from './outbox-file-store.js';
export { TYPING_REFRESH_MS } from './typing-throttle.js';
export type {
  ChatMessage,
  ConnectionState,
  ConversationView,
  DeliveryStatus,
  KeyValueStorage,
  MessageUpload,
  SendInput,
  SupportClientEvents,
  SupportClientOptions,
} from './types.js';
export * from './call/index.js';
export { CallLine } from './call/call-line.js';
export type { CallLineEvents, CallLineOptions, CallOptions, CallTimingOptions, IncomingCall } from './call/call-line-types.js';
export {
  callSummaryMessageId,
  callSummaryRecord,
  encodeCallSummary,
  parseCallSummary,
  type CallSummaryEnd,
  type CallSummaryRecord,
} from './call/call-summary-message.js';
