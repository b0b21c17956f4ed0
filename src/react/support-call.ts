import * as React from 'react';
import { createComponent } from '@lit/react';
import { SupportCall as SupportCallElement } from '../elements/support-call/support-call.js';
import type { SupportCallEventMap } from '../elements/events.js';
import { reactEvents } from './events.js';

SupportCallElement.define('support-call');

/**
 * `<support-call>` as a React component: element properties are set as properties, `support-*`
 * events arrive through `onSupportCallState`-style props. Registers `<support-call>` when first
 * imported.
 *
 * @example
 * ```tsx
 * <SupportCall client={client} conversationId={id} onSupportCallState={(e) => setState(e.detail.state)} />
 * ```
 */
export const SupportCall = createComponent({
  react: React,
  tagName: 'support-call',
  elementClass: SupportCallElement,
  displayName: 'SupportCall',
  events: reactEvents<SupportCallEventMap>({
    'support-call-state': true,
    'support-snapshot': true,
    'support-call-chat': true,
    'support-call-close': true,
    'support-error': true,
  }),
});

/** Props of the `SupportCall` React component. */
export type SupportCallProps = React.ComponentProps<typeof SupportCall>;
