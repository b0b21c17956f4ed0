export {
  RelayMessagingTransport,
  createRelayTransport,
  type RelayTransportOptions,
} from './relay-messaging-transport.js';
export { relaySocketUrl } from './relay-url.js';
export {
  RelayMediaTransport,
  createRelayMediaTransport,
  type RelayMediaTransportOptions,
} from './relay-media-transport.js';
export { relayBackend, type RelayBackendOptions } from './relay-backend.js';
export { BufferedMediaSignals } from './buffered-media-signals.js';
