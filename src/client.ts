/**
 * `support-widget/client`: everything a headless integration needs and no element: the
 * `SupportClient`, token providers, uploads and the relay transports. Importing it registers nothing
 * and touches no DOM (usable in Node with a `WebSocketImpl`, and in workers).
 *
 * @example
 * ```ts
 * import { SupportClient, endpointTokenProvider } from 'support-widget/client';
 * const client = new SupportClient({ server: 'https://support.shop.example', tokenProvider: endpointTokenProvider('/support/token') });
 * await client.connect();
 * ```
 */
export * from './core/index.js';
export * from './tokens/index.js';
export * from './uploads/index.js';
export {
  RelayMessagingTransport,
  createRelayTransport,
  RelayMediaTransport,
  createRelayMediaTransport,
} from './transports/relay/index.js';
export type * from './transports/media-types.js';
export type * from './transports/types.js';
export type * from './protocol/model.js';
