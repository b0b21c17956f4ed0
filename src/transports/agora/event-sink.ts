import type { MessagingTransportEvents } from '../types.js';

/** The emitting side of the transport's events, as the adapter's parts see it. */
export interface EventSink {
  emit<K extends keyof MessagingTransportEvents>(event: K, payload: MessagingTransportEvents[K]): void;
}
