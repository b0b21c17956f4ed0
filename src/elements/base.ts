import { LitElement, type PropertyDeclarations } from 'lit';
import type { SupportClient } from '../core/support-client.js';
import type { SupportStrings } from '../i18n/support-strings.js';
import type { ProductContext } from '../protocol/model.js';
import type { TokenSource } from '../tokens/types.js';

/** Options of `SupportElement.emit()`. */
export interface EmitOptions {
  /** Whether a listener may call `preventDefault()`. Default false. */
  cancelable?: boolean;
}

/**
 * Base class of the support elements: the shared attributes and properties, a `define()` that
 * tolerates the script being loaded twice, and `emit()` for `support-*` DOM events.
 */
export class SupportElement extends LitElement {
  /**
   * Registers the element under `tagName` unless that name is already taken, so a page that loads
   * the script twice (or bundles two copies) keeps working. Does nothing where there is no
   * `customElements` (server-side rendering, Node).
   */
  static define(tagName: string, registry: CustomElementRegistry | undefined = globalThis.customElements): void {
    if (!registry || registry.get(tagName)) return;
    try {
      registry.define(tagName, this);
    } catch {
      // The same constructor may be registered under another name: register a subclass instead.
      if (!registry.get(tagName)) registry.define(tagName, class extends this {});
    }
  }

  // `static properties` with `declare` fields: the smallest form of Lit properties once compiled
  // (tsc's lowering of standard decorators costs about 1 KB gzipped in the launcher's download).
  static override properties: PropertyDeclarations = {
    backend: {},
    server: {},
    appId: { attribute: 'app-id' },
    tokenEndpoint: { attribute: 'token-endpoint' },
    userId: { attribute: 'user-id' },
    userName: { attribute: 'user-name' },
    lang: {},
    tokenProvider: { attribute: false },
    client: { attribute: false },
    context: { attribute: false },
    strings: { attribute: false },
  };

  /** Backend the element's own client uses: `relay` (default) or `agora`. */
  declare backend: 'relay' | 'agora';

  /** Relay server URL (http(s) or ws(s)); default: the page's origin. */
  declare server: string;

  /** Agora app id (agora backend only). */
  declare appId: string;

  /** URL the element POSTs `{role, userId, userName}` to for a token, when no `tokenProvider` is set. */
  declare tokenEndpoint: string;

  /** Id of the signed-in user, sent to the token endpoint. */
  declare userId: string;

  /** Display name of the signed-in user, sent to the token endpoint. */
  declare userName: string;

  /** Language of the element's strings (BCP 47); default: the closest `lang` up the tree. */
  declare lang: string;

  /** Where tokens come from; overrides `token-endpoint`. */
  declare tokenProvider: TokenSource | undefined;

  /** A client the page owns and connects; when unset, the element creates, connects and disposes its own. */
  declare client: SupportClient | undefined;

  /** Product/order context that travels with the conversation. */
  declare context: ProductContext | undefined;

  /**
   * Your own words for some of the element's strings, by key (`src/i18n/en/*.ts` lists them), in
   * any language: e.g. `{'header.support': 'Acme Care'}` retitles the chat's header. They win over
   * the built-in catalogs in every language; `<support-chat>` and `<support-inbox>` pass them on to
   * their `<support-call>`.
   */
  declare strings: SupportStrings | undefined;

  constructor() {
    super();
    this.backend = 'relay';
    this.server = '';
    this.appId = '';
    this.tokenEndpoint = '';
    this.userId = '';
    this.userName = '';
    this.lang = '';
  }

  /**
   * Work the element's content waits for, such as a lazily loaded module or strings still being
   * fetched: `updateComplete` resolves only after it has settled and the render that follows.
   */
  protected pendingRender(): Promise<unknown> | undefined {
    return undefined;
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    for (let pending = this.pendingRender(); pending; pending = this.pendingRender()) {
      await pending;
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  /**
   * Dispatches a `CustomEvent` that bubbles out of the shadow root.
   * @returns false when the event was cancelable and a listener called `preventDefault()`.
   */
  emit<T>(name: string, detail: T, options: EmitOptions = {}): boolean {
    const event = new CustomEvent<T>(name, {
      detail,
      bubbles: true,
      composed: true,
      cancelable: options.cancelable ?? false,
    });
    return this.dispatchEvent(event);
  }
}
