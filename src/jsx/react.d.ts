/**
 * `support-widget/jsx/react`: `<support-chat>`, `<support-inbox>` and `<support-call>` in React's
 * JSX (`React.JSX.IntrinsicElements`, @types/react 18.2+ and 19). Import it once for its types:
 * `import type {} from 'support-widget/jsx/react';`
 *
 * React 19 sets known properties (`context`, `client`...) on the element and adds a listener for
 * `onsupport-message`-style props; React 18 renders everything as attributes: there, and for
 * server-rendered markup that React 19 hydrates (facebook/react#35446), use `support-widget/react`.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type {
  SupportCallElement,
  SupportCallJsxProps,
  SupportChatElement,
  SupportChatJsxProps,
  SupportInboxElement,
  SupportInboxJsxProps,
} from './element-props.js';

type SupportTag<E extends HTMLElement, P> = Omit<DetailedHTMLProps<HTMLAttributes<E>, E>, keyof P> & P;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'support-chat': SupportTag<SupportChatElement, SupportChatJsxProps>;
      'support-inbox': SupportTag<SupportInboxElement, SupportInboxJsxProps>;
      'support-call': SupportTag<SupportCallElement, SupportCallJsxProps>;
    }
  }
}
