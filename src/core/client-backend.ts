import { SupportError } from '../protocol/errors.js';
import type { BackendContext, BackendTransports } from '../transports/backend.js';
import type { MediaTransport } from '../transports/media-types.js';
import type { MessagingTransport } from '../transports/types.js';
import type { SupportClientOptions } from './types.js';

/** A messaging transport that makes its own call media (the agora backend's does). */
interface MediaTransportSource {
  createMediaTransport(conversationId: string): Promise<MediaTransport>;
}

function isMediaTransportSource(transport: MessagingTransport): transport is MessagingTransport & MediaTransportSource {
  return typeof (transport as Partial<MediaTransportSource>).createMediaTransport === 'function';
}

/** An injected transport: its own call media if it makes any, else none (`config`). */
function injected(transport: MessagingTransport): BackendTransports {
  return {
    messaging: transport,
    createMediaTransport: (conversationId) =>
      isMediaTransportSource(transport)
        ? transport.createMediaTransport(conversationId)
        : Promise.reject(new SupportError('config', `the ${transport.backend} transport given to the client makes no media transports`, { retryable: false })),
  };
}

/**
 * What a client runs on: its injected `transport`, else what its `backend` makes. Throws a
 * `config` error with neither, or when the backend is misconfigured.
 */
export function clientBackend(options: SupportClientOptions, context: BackendContext): BackendTransports {
  if (options.transport) return injected(options.transport);
  if (options.backend) return options.backend.create(context);
  throw new SupportError('config', 'SupportClient needs a `backend`: relayBackend({ server }) or agoraBackend(…)', { retryable: false });
}
