import { defineCatalog } from '../catalog.js';

/** `<support-chat>` itself: the launcher, the panel around the thread (loading, close), its header and empty state. Loaded with the launcher, so keep it small. */
const en = {
  'launcher.open': 'Open support chat',
  'launcher.openUnread': 'Open support chat, {count} unread messages',
  'launcher.openUnreadOne': 'Open support chat, 1 unread message',
  'panel.close': 'Close chat',
  'panel.loading': 'Loading the chat…',
  'panel.loadFailed': 'The chat could not be loaded. Check your connection and try again.',
  'header.support': 'Support',
  'header.online': 'Online',
  'header.offline': 'Offline, we reply by message',
  'messages.empty': 'Ask us anything about your device. We usually reply within minutes.',
  'panel.retry': 'Retry',
} as const satisfies Record<string, string>;

/** A key of the chat strings. */
export type ChatTermKey = keyof typeof en;

/** The chat strings: English here, Simplified Chinese fetched when first shown. */
export const chatCatalog = defineCatalog<ChatTermKey>(en, {
  zh: () => import('../zh-CN/chat.js').then((module) => module.strings),
});
