import * as React from 'react';
import { createComponent } from '@lit/react';
import { SupportChat as SupportChatElement } from '../elements/support-chat/support-chat.js';
import type { SupportChatEventMap } from '../elements/events.js';
import { reactEvents } from './events.js';

SupportChatElement.define('support-chat');

/**
 * `<support-chat>` as a React component: element properties (`context`, `client`,
 * `tokenProvider`, `open`...) are set as properties, `support-*` events arrive through
 * `onSupportMessage`-style props. Registers `<support-chat>` when first imported.
 *
 * @example
 * ```tsx
 * <SupportChat server="https://support.shop.example" tokenEndpoint="/support/token"
 *   context={{ sku: 'VX12P', name: 'Volta X12 Pro' }}
 *   onSupportMessage={(e) => console.log(e.detail.message.body)} />
 * ```
 */
export const SupportChat = createComponent({
  react: React,
  tagName: 'support-chat',
  elementClass: SupportChatElement,
  displayName: 'SupportChat',
  events: reactEvents<SupportChatEventMap>({
    'support-before-send': true,
    'support-message': true,
    'support-unread': true,
    'support-connection': true,
    'support-error': true,
    'support-call-state': true,
    'support-snapshot': true,
    'support-call-chat': true,
    'support-call-close': true,
  }),
});

/** Props of the `SupportChat` React component. */
export type SupportChatProps = React.ComponentProps<typeof SupportChat>;
