/**
 * `support-widget/client`: everything a headless integration needs and no element: the
 * `SupportClient`, its backends (`relayBackend`, `agoraBackend`), token providers, uploads and the
 * relay transports. Importing it registers nothing and touches no DOM (usable in Node with a
 * `WebSocketImpl`, and in workers). A bundler keeps only the backend a page uses.
 *
 * @example
 * ```ts
 * import { SupportClient, relayBackend, endpointTokenProvider } from 'support-widget/client';
 * const client = new SupportClient({ backend: relayBackend({ server: 'https://support.shop.example' }), tokenProvider: endpointTokenProvider('/support/token') });
 * await client.connect();
 * ```
 */
export * from './core/index.js';
export * from './tokens/index.js';
export * from './uploads/index.js';
export { relayBackend, type RelayBackendOptions } from './transports/relay/relay-backend.js';
export { agoraBackend } from './transports/agora/agora-backend.js';
export type { AgoraBackendOptions } from './transports/agora/backend-options.js';
export type * from './transports/backend.js';
export {
  RelayMessagingTransport,
  createRelayTransport,
  RelayMediaTransport,
  createRelayMediaTransport,
} from './transports/relay/index.js';
export type * from './transports/media-types.js';
export type * from './transports/types.js';
export type * from './protocol/model.js';
export type * from './protocol/desk.js';
export * from './scan/index.js';
export type * from './protocol/guided-steps.js';
