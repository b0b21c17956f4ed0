import { randomId } from '../../base/random-id.js';

/**
 * A new random call id (a UUID, or 32 random hex digits outside secure contexts). Always matches
 * the wire id pattern `[A-Za-z0-9_.:@-]+`.
 */
export function createCallId(): string {
  return randomId();
}
