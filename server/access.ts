/**
 * Authorisation: a customer reaches only the conversations of their token's `conv` claim (in
 * their shop) and, when signed in by the shop (not a `visitor:`), those stored as theirs (the
 * conversations they started from the widget: docs/identity.md); staff (an agent or an admin) reach every conversation of their shop and nothing else. Conversation
 * ids are per shop: a viewer's id always names a conversation of the viewer's own shop.
 */
import { isStaff } from 'support-widget/protocol';
import type { Member } from './hub.js';
import type { StoredConversation, SupportStore } from './store.js';

export type Access =
  | { ok: true; conversation: StoredConversation }
  | { ok: false; code: 'forbidden' | 'not-found'; message: string };

/** Who asks: a connected member, or the bearer of a token on an HTTP request (uploads). */
export type Viewer = Pick<Member, 'user' | 'shop' | 'conversations'>;

/** A refusal. */
export type Denied = Extract<Access, { ok: false }>;

const FORBIDDEN: Denied = { ok: false, code: 'forbidden', message: 'this conversation is not yours' };
const NOT_FOUND: Denied = { ok: false, code: 'not-found', message: 'no such conversation' };

/**
 * What the token alone decides, without reading the store: the refusal, or undefined when the
 * conversation may be reached if it exists. A `send` stops here: its commit's write of the next
 * seq finds the row (in the member's shop) or answers `missingConversation`.
 */
export function deniedByToken(member: Viewer, conversationId: string, shop = member.shop): Denied | undefined {
  if (shop !== member.shop) return FORBIDDEN;
  if (member.user.role === 'customer' && member.conversations?.has(conversationId) !== true) return FORBIDDEN;
  return undefined;
}

/** The answer about a conversation that does not exist: an agent learns so; a customer only that it is not theirs. */
export function missingConversation(member: Viewer): Denied {
  return isStaff(member.user.role) ? NOT_FOUND : FORBIDDEN;
}

/** A signed-in customer's own conversation (a socket's hello adds these to `conversations`; an HTTP request asks here). */
function ownedBy(member: Viewer, conversation: StoredConversation): boolean {
  const { user } = member;
  return user.role === 'customer' && !user.id.startsWith('visitor:') && conversation.customer.id === user.id;
}

/** `shop`: the shop of what is asked about (an upload's), when it is not simply the viewer's. */
export function accessConversation(store: SupportStore, member: Viewer, conversationId: string, shop = member.shop): Access {
  const denied = deniedByToken(member, conversationId, shop);
  if (denied !== undefined) {
    if (shop !== member.shop) return denied;
    const owned = store.getConversation(shop, conversationId);
    return owned !== undefined && ownedBy(member, owned) ? { ok: true, conversation: owned } : denied;
  }
  const conversation = store.getConversation(shop, conversationId);
  if (conversation === undefined) return missingConversation(member);
  if (conversation.shop !== member.shop) return FORBIDDEN;
  return { ok: true, conversation };
}
