import { html, nothing, type TemplateResult } from 'lit';
import type { ProductContext } from '../../protocol/model.js';
import type { ThreadTermKey } from '../../i18n/en/thread.js';
import type { Terms } from '../../i18n/localize-controller.js';
import { boxIcon } from '../panel-icons.js';
import { toHttpUrl } from '../text/safe-url.js';

/** A product image that fails to load leaves no broken-image icon behind. */
function hideBrokenImage(event: Event): void {
  (event.target as HTMLImageElement).hidden = true;
}

/** True when the context has anything worth showing. */
export function hasContext(context: ProductContext | undefined): context is ProductContext {
  return !!context && !!(context.name || context.sku || context.serial || context.orderId || context.image);
}

/**
 * The product/order card (`part="context"`): image, name (a link when the context has an http(s)
 * `url`), SKU, serial number and order id, all rendered as text. The image loads from the address
 * `src` gives (the thread's `MediaUrlResolver`: the relay or an allowed origin, as attachments),
 * so a customer's `context.image` on a stranger's server is no tracking pixel on the agent.
 */
export function renderContextCard(
  context: ProductContext | undefined,
  terms: Terms<ThreadTermKey>,
  src: (url: string | undefined) => string | undefined,
): TemplateResult | typeof nothing {
  if (!hasContext(context)) return nothing;
  const image = src(context.image);
  const url = toHttpUrl(context.url);
  const name = context.name ?? context.sku ?? '';
  const facts: Array<[string, string | undefined]> = [
    [terms.term('context.sku'), context.sku],
    [terms.term('context.serial'), context.serial],
    [terms.term('context.order'), context.orderId],
  ];
  return html`<section part="context" class="context-card" aria-label=${terms.term('context.label')}>
    ${image
      ? html`<img
          part="context-image"
          class="context-image"
          src=${image}
          alt=""
          loading="lazy"
          referrerpolicy="no-referrer"
          @error=${hideBrokenImage}
        />`
      : html`<span class="context-image placeholder">${boxIcon}</span>`}
    <div class="context-body">
      <p class="context-name">
        ${url ? html`<a href=${url} target="_blank" rel="noopener noreferrer">${name}</a>` : name}
      </p>
      <dl class="context-facts">
        ${facts
          .filter((fact): fact is [string, string] => !!fact[1])
          .map(([label, value]) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`)}
      </dl>
    </div>
  </section>`;
}
