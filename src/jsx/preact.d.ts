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

type SupportTag<E extends HTMLElement, P> = Omit<PreactJSX.HTMLAttributes<E>, keyof P> & P;

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'support-chat': SupportTag<SupportChatElement, SupportChatJsxProps>;
      'support-inbox': SupportTag<SupportInboxElement, SupportInboxJsxProps>;
      'support-call': SupportTag<SupportCallElement, SupportCallJsxProps>;
    }
  }
}
