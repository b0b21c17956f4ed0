/**
 * `support-widget/jsx/preact`: `<support-chat>`, `<support-inbox>` and `<support-call>` in
 * Preact's JSX. Import it once for its types: `import type {} from 'support-widget/jsx/preact';`
 *
 * Preact sets known properties (`context`, `client`...) on the element and adds a listener for
 * `onsupport-message`-style props.
 */
import type { JSX as PreactJSX } from 'preact';
import type {
  SupportCallElement,
  SupportCallJsxProps,
  SupportChatElement,
  SupportChatJsxProps,
  SupportInboxElement,
  SupportInboxJsxProps,
} from './element-props.js';

type Element<E extends HTMLElement, P> = Omit<PreactJSX.HTMLAttributes<E>, keyof P> & P;

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'support-chat': Element<SupportChatElement, SupportChatJsxProps>;
      'support-inbox': Element<SupportInboxElement, SupportInboxJsxProps>;
      'support-call': Element<SupportCallElement, SupportCallJsxProps>;
    }
  }
}
