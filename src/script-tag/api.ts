/** Script-tag chunk: the programmatic API, exposed on `window.SupportWidget` by `SupportWidget.api()`. */
export * from '../core/index.js';
export * from '../tokens/index.js';
export * from '../uploads/index.js';
export { RelayMessagingTransport, createRelayTransport } from '../transports/relay/index.js';
