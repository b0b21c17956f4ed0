/**
 * Merge on sign-in: a `hello` whose token carries the shop's `merge` claim may name, in
 * `mergeFrom`, the visitor token the same browser held before. The relay merges only when that
 * token is genuine (signed with the relay secret, expired at most 24 h ago), of the same shop,
 * and a visitor's (the relay's own `visitor:` ids): holding it proves owning the visitor
 * conversation. Then the visitor's messages move into the customer's conversation, once.
 */
import { isStaff, SupportError } from 'support-widget/protocol';
import type { ErrorCode, ServerFrame, TokenClaims } from 'support-widget/protocol';
import { ConversationMerges } from './conversation-merge.js';
import { VISITOR_ID_PREFIX, customerConversationId } from './customer-token.js';
import type { Hub } from './hub.js';
import { isStaffOnly } from './message-visibility.js';
import type { SupportStore } from './store.js';
import { verifyToken } from './tokens.js';

/** How long after it expired a visitor token still proves the visitor conversation. */
export const MERGE_TOKEN_GRACE_MS = 24 * 60 * 60 * 1000;

/** Why a merge was refused: sent to the client as a non-fatal `error` frame with ref `mergeFrom`. */
export interface MergeRefusal {
  code: ErrorCode;
  message: string;
}

/** The visitor conversation to move and whose messages in it become the customer's. */
interface MergePlan {
  from: string;
  into: string;
  visitorId: string;
}

function refuse(code: ErrorCode, message: string): { refusal: MergeRefusal } {
  return { refusal: { code, message } };
}

/** Checks the sign-in token and `mergeFrom`; the plan, or why not. Stores nothing. */
export function planMerge(claims: TokenClaims, mergeFrom: string, secret: string, now: number): { plan: MergePlan } | { refusal: MergeRefusal } {
  if (claims.merge !== true) return refuse('forbidden', 'this sign-in may not merge a visitor conversation (the shop sets the merge claim)');
  const into = claims.conv?.[0];
  if (claims.role !== 'customer' || into === undefined || claims.sub.startsWith(VISITOR_ID_PREFIX)) {
    return refuse('forbidden', 'only a signed-in customer merges a visitor conversation');
  }
  let visitor: TokenClaims;
  try {
    visitor = verifyToken(mergeFrom, secret, now, { expiredGraceMs: MERGE_TOKEN_GRACE_MS });
  } catch (error) {
    const code = error instanceof SupportError ? error.code : 'unauthorized';
    return refuse(code, `mergeFrom: ${error instanceof Error ? error.message : 'invalid token'}`);
  }
  if (visitor.shop !== claims.shop) return refuse('forbidden', 'mergeFrom is a token of another shop');
  if (visitor.role !== 'customer' || !visitor.sub.startsWith(VISITOR_ID_PREFIX)) {
    return refuse('forbidden', 'mergeFrom must be a visitor token of this browser');
  }
  const from = customerConversationId(visitor.shop, visitor.sub);
  if (visitor.conv?.includes(from) !== true) return refuse('forbidden', 'mergeFrom does not hold its visitor conversation');
  return { plan: { from, into, visitorId: visitor.sub } };
}

export interface VisitorMergeDeps {
  store: SupportStore;
  hub: Hub;
  secret: string;
}

/** Runs merges for `hello` and tells the members already watching the customer's conversation. */
export class VisitorMerges {
  private readonly merges: ConversationMerges;

  constructor(private readonly deps: VisitorMergeDeps) {
    this.merges = new ConversationMerges(deps.store.database);
  }

  /**
   * Merges when allowed; undefined when done (or nothing to do), else why not. Members already
   * connected to the customer's conversation (other devices, agents) receive the moved messages
   * and agents the updated conversation; the connection saying hello sees them in its welcome.
   */
  run(claims: TokenClaims, mergeFrom: string, now: number): MergeRefusal | undefined {
    const checked = planMerge(claims, mergeFrom, this.deps.secret, now);
    if ('refusal' in checked) return checked.refusal;
    const { from, into, visitorId } = checked.plan;
    const customer = { id: claims.sub, name: claims.name, role: claims.role };
    const outcome = this.merges.merge({ shop: claims.shop, from, into, visitorId, customer, now });
    if (outcome.moved.length === 0) return undefined;
    const { hub, store } = this.deps;
    for (const message of outcome.moved) {
      const frame: ServerFrame = { type: 'message', ...message };
      // A note or desk event written in the visitor conversation goes on being for staff alone.
      for (const member of hub.membersOf(claims.shop, into)) if (isStaff(member.user.role) || !isStaffOnly(message.kind)) member.send(frame);
    }
    const target = store.getConversation(claims.shop, into);
    if (target !== undefined) {
      const summary: ServerFrame = { type: 'conversation', conversation: store.summary(target) };
      for (const agent of hub.agentsOf(claims.shop)) agent.send(summary);
    }
    return undefined;
  }
}
