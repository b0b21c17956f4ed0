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
  'inbox.search': 'Search conversations',
  'inbox.searchHint': 'Name, email or message text',
  'inbox.searchResults': 'Search results',
  'inbox.searching': 'Searching…',
  'inbox.searchCount': 'Conversations found: {count}',
  'inbox.searchNone': 'No conversations match.',
  'inbox.searchPartial': 'Only the most recent messages were searched for words this short.',
  'inbox.searchFailed': 'Search failed. Try again.',
  'inbox.searchCustomer': 'Customer matches',
} as const satisfies Record<string, string>;

/** A key of the inbox strings. */
export type InboxTermKey = keyof typeof en;

/** The inbox strings: English here, Simplified Chinese fetched when first shown. */
export const inboxCatalog = defineCatalog<InboxTermKey>(en, {
  zh: () => import('../zh-CN/inbox.js').then((module) => module.strings),
});
