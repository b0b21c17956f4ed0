/**
 * support-widget: embeddable customer-support web components.
 *
 * Importing this module registers `<support-chat>` and `<support-inbox>` (see `./elements/define.js`)
 * and exports the headless client, token providers and types for integrators.
 *
 * @example
 * ```ts
 * import { SupportClient, endpointTokenProvider } from 'support-widget';
 * const client = new SupportClient({ tokenProvider: endpointTokenProvider('/support/token') });
 * await client.connect();
 * ```
 */
import './elements/define.js';

export * from './elements/index.js';
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
