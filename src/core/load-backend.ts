import { SupportError } from '../protocol/errors.js';
import type { Role } from '../protocol/model.js';
import type { SupportBackend } from '../transports/backend.js';

/** What an element's attributes say about its backend. */
export interface BackendAttributes {
  /** `agora`, else the relay. */
  backend: string;
  server?: string;
  /** Agora: the identity RTM signs in with before any welcome. */
  appId?: string;
  userId?: string;
  userName?: string;
  role: Role;
}

/**
 * The backend an element's attributes name, its code fetched by dynamic `import()`: a page on
 * the relay never downloads the Agora glue, and one on Agora never the relay transport.
 * Rejects with `network` when the code cannot be loaded.
 */
export async function loadBackend(attributes: BackendAttributes): Promise<SupportBackend> {
  const { backend, server, appId, userId, userName, role } = attributes;
  try {
    if (backend === 'agora') {
      const { agoraBackend } = await import('../transports/agora/agora-backend.js');
      return agoraBackend({ ...(server ? { server } : {}), ...(appId ? { appId } : {}), ...(userId ? { userId } : {}), ...(userName ? { userName } : {}), role });
    }
    const { relayBackend } = await import('../transports/relay/relay-backend.js');
    return relayBackend(server ? { server } : {});
  } catch (error) {
    throw new SupportError('network', `the ${backend === 'agora' ? 'agora' : 'relay'} backend could not be loaded`, { cause: error });
  }
}
