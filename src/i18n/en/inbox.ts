import { defineCatalog } from '../catalog.js';

/** `<support-inbox>`: the queue of conversations and the thread header. */
const en = {
  'inbox.label': 'Conversations',
  'inbox.empty': 'No conversations yet.',
  'inbox.select': 'Select a conversation to see the thread.',
  'inbox.unread': '{count} unread',
  'inbox.noMessages': 'No messages yet',
  'inbox.you': 'You',
  'inbox.customer': 'Customer',
  'inbox.loadMore': 'Load more conversations',
  'inbox.loadingMore': 'Loading more conversations…',
} as const satisfies Record<string, string>;

/** A key of the inbox strings. */
export type InboxTermKey = keyof typeof en;

/** The inbox strings: English here, Simplified Chinese fetched when first shown. */
export const inboxCatalog = defineCatalog<InboxTermKey>(en, {
  zh: () => import('../zh-CN/inbox.js').then((module) => module.strings),
});
