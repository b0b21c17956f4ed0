/**
 * `support-widget/react`: the elements as React components, made with `@lit/react`. Properties
 * (`context`, `client`, `tokenProvider`...) are set on the element, not rendered as attributes,
 * and `support-*` events arrive through `onSupportMessage`-style props, typed. Works with React 18
 * and 19, also when the markup was rendered on the server and hydrated (the wrapper sets the
 * properties and listeners in a layout effect, which runs after hydration too).
 *
 * Each component registers its element when imported; a bundle that uses only `SupportChat`
 * leaves the inbox and the call out. Needs `react` and `@lit/react` (optional peer dependencies).
 *
 * @example
 * ```tsx
 * import { SupportChat } from 'support-widget/react';
 * export const Help = ({ product }) => (
 *   <SupportChat tokenEndpoint="/support/token" context={product} onSupportUnread={(e) => setBadge(e.detail.total)} />
 * );
 * ```
 */
export { SupportChat, type SupportChatProps } from './support-chat.js';
export { SupportInbox, type SupportInboxProps } from './support-inbox.js';
export { SupportCall, type SupportCallProps } from './support-call.js';
export type { ReactEventNames } from './events.js';
export type * from '../elements/events.js';
