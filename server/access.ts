/**
 * Authorisation: a customer reaches only the conversations of their token's `conv` claim (in
 * their shop); an agent reaches every conversation of their shop and nothing else. Conversation
 * ids are per shop: a viewer's id always names a conversation of the viewer's own shop.
 */
import type { Member } from './hub.js';
import type { StoredConversation, SupportStore } from './store.js';

export type Access =
  | { ok: true; conversation: StoredConversation }
  | { ok: false; code: 'forbidden' | 'not-found'; message: string };

/** Who asks: a connected member, or the bearer of a token on an HTTP request (uploads). */
export type Viewer = Pick<Member, 'user' | 'shop' | 'conversations'>;

const FORBIDDEN: Access = { ok: false, code: 'forbidden', message: 'this conversation is not yours' };

/** `shop`: the shop of what is asked about (an upload's), when it is not simply the viewer's. */
export function accessConversation(store: SupportStore, member: Viewer, conversationId: string, shop = member.shop): Access {
  if (shop !== member.shop) return FORBIDDEN;
  if (member.user.role === 'customer' && member.conversations?.has(conversationId) !== true) return FORBIDDEN;
  const conversation = store.getConversation(shop, conversationId);
  if (conversation === undefined) {
    return member.user.role === 'agent'
      ? { ok: false, code: 'not-found', message: 'no such conversation' }
      : FORBIDDEN;
  }
  if (conversation.shop !== member.shop) return FORBIDDEN;
  return { ok: true, conversation };
}
