/**
 * The part of the headless desk API (`client.desk`) the agent tools use: canned replies, the
 * customer profile and resolving. Written against the agreed names; `deskOf()` finds it on the
 * client (undefined on a client without a desk).
 */
import type { SupportClient } from '../../core/support-client.js';
import type { CannedReply, ConversationStatus, CustomerProfile } from '../../protocol/desk.js';

/** What the agent tools call on `client.desk`. */
export interface DeskApi {
  /** False on a backend without the desk (Agora). */
  readonly available?: boolean;
  cannedReplies(): Promise<CannedReply[]>;
  saveCannedReply(reply: CannedReply): Promise<unknown>;
  deleteCannedReply(id: string): Promise<unknown>;
  profile(customerId: string): Promise<CustomerProfile>;
  setStatus(conversationId: string, status: ConversationStatus, options?: { until?: number }): Promise<unknown>;
}

/** The client's desk API, when it has one. */
export function deskOf(client: SupportClient | undefined): DeskApi | undefined {
  const desk = (client as { desk?: DeskApi } | undefined)?.desk;
  return desk?.available === false ? undefined : desk;
}
