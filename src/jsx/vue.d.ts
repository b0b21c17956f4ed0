/**
 * `support-widget/jsx/vue`: `<support-chat>`, `<support-inbox>` and `<support-call>` in Vue
 * templates (`GlobalComponents`, checked by vue-tsc / Volar). Import it once for its types:
 * `import type {} from 'support-widget/jsx/vue';` and tell Vue's compiler they are custom elements
 * (`compilerOptions.isCustomElement: (tag) => tag.startsWith('support-')`).
 *
 * Vue sets known properties (`:context`, `:client`...) on the element; `@support-message` listens
 * to the DOM event (typed here as `onSupportMessage`).
 */
import type { HTMLAttributes, PublicProps } from 'vue';
import type {
  SupportCallAttributes,
  SupportCallElement,
  SupportChatAttributes,
  SupportChatElement,
  SupportElementProperties,
  SupportInboxAttributes,
  SupportInboxElement,
} from './element-props.js';
import type { SupportCallEventMap, SupportChatEventMap, SupportInboxEventMap } from '../elements/events.js';

type PascalCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${PascalCase<Tail>}` : Capitalize<S>;

/** `@support-message` in a template is the prop `onSupportMessage`. */
type VueEventHandlers<M> = { [K in keyof M & string as `on${PascalCase<K>}`]?: (event: M[K]) => void };

type VueElement<E extends HTMLElement, A, M> = new () => E & {
  $props: Omit<HTMLAttributes, keyof A> & A & SupportElementProperties<E> & VueEventHandlers<M> & PublicProps;
};

declare module 'vue' {
  interface GlobalComponents {
    'support-chat': VueElement<SupportChatElement, SupportChatAttributes, SupportChatEventMap>;
    'support-inbox': VueElement<SupportInboxElement, SupportInboxAttributes, SupportInboxEventMap>;
    'support-call': VueElement<SupportCallElement, SupportCallAttributes, SupportCallEventMap>;
  }
}
