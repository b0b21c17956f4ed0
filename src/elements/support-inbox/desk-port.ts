/**
 * The part of the headless desk (`client.desk`, `DeskClient`) the agent tools use: canned replies,
 * the customer profile and resolving. `deskOf()` gives it only on a backend that has a desk.
 */
import type { SupportClient } from '../../core/support-client.js';

/** What the agent tools call on `client.desk`. */
export type DeskApi = Pick<SupportClient['desk'], 'cannedReplies' | 'saveCannedReply' | 'deleteCannedReply' | 'profile' | 'setStatus'>;

/** The client's desk, when its backend has one (the relay; not Agora). */
export function deskOf(client: SupportClient | undefined): DeskApi | undefined {
  return client?.desk.available ? client.desk : undefined;
}
