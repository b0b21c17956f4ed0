import * as React from 'react';
import { createComponent } from '@lit/react';
import { SupportInbox as SupportInboxElement } from '../elements/support-inbox/support-inbox.js';
import type { SupportInboxEventMap } from '../elements/events.js';
import { reactEvents } from './events.js';

SupportInboxElement.define('support-inbox');

/**
 * `<support-inbox>` (the agent desk) as a React component: element properties are set as
 * properties, `support-*` events arrive through `onSupportMessage`-style props. Registers
 * `<support-inbox>` when first imported.
 *
 * @example
 * ```tsx
 * <SupportInbox tokenEndpoint="/support/token" onSupportConversationOpen={(e) => track(e.detail.conversationId)} />
 * ```
 */
export const SupportInbox = createComponent({
  react: React,
  tagName: 'support-inbox',
  elementClass: SupportInboxElement,
  displayName: 'SupportInbox',
  events: reactEvents<SupportInboxEventMap>({
    'support-before-send': true,
    'support-message': true,
    'support-unread': true,
    'support-connection': true,
    'support-error': true,
    'support-call-state': true,
    'support-snapshot': true,
    'support-call-chat': true,
    'support-call-close': true,
    'support-conversation-open': true,
  }),
});

/** Props of the `SupportInbox` React component. */
export type SupportInboxProps = React.ComponentProps<typeof SupportInbox>;
