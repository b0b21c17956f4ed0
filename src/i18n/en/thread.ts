import type { ErrorCode } from '../../protocol/model.js';
import { defineCatalog } from '../catalog.js';

/** The thread shared by the chat panel and the inbox: connection banner, context card, messages, delivery states, composer, errors. */
const en = {
  'connection.connecting': 'Connecting…',
  'connection.reconnecting': 'Connection lost. Reconnecting…',
  'connection.offline': 'You are offline. Messages will be sent when the connection is back.',
  'connection.retry': 'Retry',
  'context.label': 'Product',
  'context.sku': 'SKU',
  'context.serial': 'Serial',
  'context.order': 'Order',
  'messages.label': 'Messages',
  'messages.loadingOlder': 'Loading earlier messages…',
  'messages.newMessages': 'New messages',
  'messages.from': '{name}: {text}',
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
  'error.network': 'Cannot reach the support server.',
  'error.timeout': 'The server took too long to answer.',
  'error.auth': 'Could not sign in to support.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.originNotAllowed': 'This site is not allowed to use the support server.',
  'error.customerDeleted': 'Your support history was deleted. Reload the page to start again.',
  'error.attachmentNotAllowed': 'This attachment is not stored by the support server and cannot be sent.',
  'error.tooLarge': 'This message is too long.',
  'error.rateLimited': 'Too many messages, please wait a moment.',
  'error.storageFull': 'The support server is short of space; your message will be sent when it can.',
  'error.quotaExceeded': 'You have uploaded too much for now. Please try again later.',
  'error.tooManyConnections': 'Support is open in too many tabs. Close some and try again.',
  'error.generic': 'Something went wrong.',
} as const satisfies Record<string, string>;

/** A key of the thread strings. */
export type ThreadTermKey = keyof typeof en;

/** The thread strings: English here, Simplified Chinese fetched when first shown. */
export const threadCatalog = defineCatalog<ThreadTermKey>(en, {
  zh: () => import('../zh-CN/thread.js').then((module) => module.strings),
});

/** The few messages a user can act on, by error code. */
const ERROR_TERMS: Partial<Record<ErrorCode, ThreadTermKey>> = {
  network: 'error.network',
  closed: 'error.network',
  timeout: 'error.timeout',
  'not-authenticated': 'error.auth',
  unauthorized: 'error.auth',
  'token-expired': 'error.auth',
  'token-not-yet-valid': 'error.auth',
  forbidden: 'error.forbidden',
  'origin-not-allowed': 'error.originNotAllowed',
  'customer-deleted': 'error.customerDeleted',
  'attachment-not-allowed': 'error.attachmentNotAllowed',
  'message-too-large': 'error.tooLarge',
  'frame-too-large': 'error.tooLarge',
  'rate-limited': 'error.rateLimited',
  'storage-full': 'error.storageFull',
  'quota-exceeded': 'error.quotaExceeded',
  'too-many-connections': 'error.tooManyConnections',
};

/** The key of the user-facing message for an error code. */
export function errorTerm(code: ErrorCode | undefined): ThreadTermKey {
  return (code && ERROR_TERMS[code]) || 'error.generic';
}
