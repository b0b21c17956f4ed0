import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { SupportClient } from '../core/support-client.js';
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

  /** Backend the element's own client uses: `relay` (default) or `agora`. */
  @property() accessor backend: 'relay' | 'agora' = 'relay';

  /** Relay server URL (http(s) or ws(s)); default: the page's origin. */
  @property() accessor server = '';

  /** Agora app id (agora backend only). */
  @property({ attribute: 'app-id' }) accessor appId = '';

  /** URL the element POSTs `{role, userId, userName}` to for a token, when no `tokenProvider` is set. */
  @property({ attribute: 'token-endpoint' }) accessor tokenEndpoint = '';

  /** Id of the signed-in user, sent to the token endpoint. */
  @property({ attribute: 'user-id' }) accessor userId = '';

  /** Display name of the signed-in user, sent to the token endpoint. */
  @property({ attribute: 'user-name' }) accessor userName = '';

  /** Language of the element's strings (BCP 47); default: the closest `lang` up the tree. */
  @property() override accessor lang = '';

  /** Where tokens come from; overrides `token-endpoint`. */
  @property({ attribute: false }) accessor tokenProvider: TokenSource | undefined = undefined;

  /** A client the page owns and connects; when unset, the element creates, connects and disposes its own. */
  @property({ attribute: false }) accessor client: SupportClient | undefined = undefined;

  /** Product/order context that travels with the conversation. */
  @property({ attribute: false }) accessor context: ProductContext | undefined = undefined;

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
