/**
 * Framework-neutral prop types of the three elements, for JSX and template typings
 * (`support-widget/jsx/react`, `/jsx/preact`, `/jsx/vue` build on them): the attributes as written
 * in markup, the properties a framework may set (objects such as `context`, `client`,
 * `tokenProvider`), and `support-*` event handlers.
 *
 * Type-only: importing this file adds no code to a bundle.
 */
import type { LitElement } from 'lit';
import type { SupportChat } from '../elements/support-chat/support-chat.js';
import type { SupportInbox } from '../elements/support-inbox/support-inbox.js';
import type { SupportCall } from '../elements/support-call/support-call.js';
import type { SupportCallEventMap, SupportChatEventMap, SupportInboxEventMap } from '../elements/events.js';

/** Attributes the three elements share, as written in HTML. */
export interface SupportElementAttributes {
  /** `relay` (default) or `agora`. */
  backend?: 'relay' | 'agora';
  /** Relay server URL; default: the page's origin. */
  server?: string;
  /** Agora app id (agora backend). */
  'app-id'?: string;
  /** URL the element POSTs to for a token. */
  'token-endpoint'?: string;
  'user-id'?: string;
  'user-name'?: string;
  /** Language of the element's strings (BCP 47). */
  lang?: string;
  /** Force a colour scheme; default follows `prefers-color-scheme`. */
  theme?: 'dark' | 'light';
}

/** Attributes of `<support-chat>`. */
export interface SupportChatAttributes extends SupportElementAttributes {
  open?: boolean;
  inline?: boolean;
  'max-upload-bytes'?: number;
}

/** Attributes of `<support-inbox>`. */
export interface SupportInboxAttributes extends SupportElementAttributes {
  'max-upload-bytes'?: number;
}

/** Attributes of `<support-call>`. */
export interface SupportCallAttributes extends SupportElementAttributes {
  'conversation-id'?: string;
}

type IfEquals<X, Y, Then, Else> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? Then : Else;

/** Keys of `T` that can be assigned (not getters alone, not methods). */
type WritableFields<T> = {
  [K in keyof T]-?: T[K] extends (...args: never[]) => unknown ? never : IfEquals<{ [Q in K]: T[K] }, { -readonly [Q in K]: T[K] }, K, never>;
}[keyof T];

/** The element's own writable properties (`context`, `client`, `tokenProvider`, `open`...), all optional. */
export type SupportElementProperties<E extends HTMLElement> = Partial<Pick<E, Exclude<WritableFields<E>, keyof LitElement>>>;

/** `onsupport-message`-style handlers: React 19 and Preact add a listener for the name after `on`. */
export type SupportEventHandlers<M> = {
  [K in keyof M & string as `on${K}`]?: (event: M[K]) => void;
};

/** `<support-chat>`: attributes, properties and `onsupport-*` handlers. */
export type SupportChatJsxProps = SupportChatAttributes & SupportElementProperties<SupportChat> & SupportEventHandlers<SupportChatEventMap>;

/** `<support-inbox>`: attributes, properties and `onsupport-*` handlers. */
export type SupportInboxJsxProps = SupportInboxAttributes & SupportElementProperties<SupportInbox> & SupportEventHandlers<SupportInboxEventMap>;

/** `<support-call>`: attributes, properties and `onsupport-*` handlers. */
export type SupportCallJsxProps = SupportCallAttributes & SupportElementProperties<SupportCall> & SupportEventHandlers<SupportCallEventMap>;

/** The element classes, for typings that must not name their modules. */
export type { SupportChat as SupportChatElement, SupportInbox as SupportInboxElement, SupportCall as SupportCallElement };
