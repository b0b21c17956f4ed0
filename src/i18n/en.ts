/**
 * English strings: the reference catalog. Every other language must have exactly these keys
 * (enforced by the `Catalog` type). `{name}` placeholders are filled by `LocalizeController.term()`.
 */
export const en = {
  'launcher.open': 'Open support chat',
  'launcher.openUnread': 'Open support chat, {count} unread messages',
  'launcher.openUnreadOne': 'Open support chat, 1 unread message',
  'panel.close': 'Close chat',
  'panel.loading': 'Loading the chat…',
  'panel.loadFailed': 'The chat could not be loaded. Check your connection and try again.',
  'header.support': 'Support',
  'header.online': 'Online',
  'header.offline': 'Offline, we reply by message',
  'connection.connecting': 'Connecting…',
  'connection.reconnecting': 'Connection lost. Reconnecting…',
  'connection.offline': 'You are offline. Messages will be sent when the connection is back.',
  'connection.retry': 'Retry',
  'context.label': 'Product',
  'context.sku': 'SKU',
  'context.serial': 'Serial',
  'context.order': 'Order',
  'messages.label': 'Messages',
  'messages.empty': 'Ask us anything about your device. We usually reply within minutes.',
  'messages.loadingOlder': 'Loading earlier messages…',
  'messages.newMessages': 'New messages',
  'messages.you': 'You',
  'messages.typing': '{name} is typing…',
  'messages.someoneTyping': 'Someone is typing…',
  'status.sending': 'Sending',
  'status.sent': 'Sent',
  'status.delivered': 'Delivered',
  'status.read': 'Read',
  'status.failed': 'Not sent',
  'message.retry': 'Retry',
  'message.discard': 'Delete',
  'composer.label': 'Message',
  'composer.placeholder': 'Write a message…',
  'composer.send': 'Send',
  'inbox.label': 'Conversations',
  'inbox.empty': 'No conversations yet.',
  'inbox.select': 'Select a conversation to see the thread.',
  'inbox.unread': '{count} unread',
  'inbox.noMessages': 'No messages yet',
  'inbox.customer': 'Customer',
  'error.network': 'Cannot reach the support server.',
  'error.timeout': 'The server took too long to answer.',
  'error.auth': 'Could not sign in to support.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.originNotAllowed': 'This site is not allowed to use the support server.',
  'error.tooLarge': 'This message is too long.',
  'error.rateLimited': 'Too many messages, please wait a moment.',
  'error.generic': 'Something went wrong.',
} as const satisfies Record<string, string>;

/** A key of the catalog. */
export type TermKey = keyof typeof en;

/** A full translation: every key of `en`, nothing else. */
export type Catalog = Readonly<Record<TermKey, string>>;
