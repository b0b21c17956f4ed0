/**
 * Validation of a product/order context (`ProductContext`), shared by the `send` and `context`
 * frames and a customer's new conversation. A module of its own, so validators that need it do not
 * import `validate.ts` (and its cycle with them).
 */
import { isHttpUrl } from './attachment-url.js';
import type { ProductContext } from './model.js';
import { LIMITS } from './model.js';
import { asObject, fail, optionalString } from './validate-fields.js';

const CONTEXT_FIELDS = ['sku', 'name', 'image', 'serial', 'orderId', 'url'] as const;

/** Validates a product/order context; `image` and `url` must be absolute http(s) URLs. */
export function parseContext(value: unknown): ProductContext {
  const o = asObject(value, 'context');
  const context: ProductContext = {};
  for (const key of CONTEXT_FIELDS) {
    const field = optionalString(o, key, LIMITS.maxContextFieldChars);
    if (field === undefined) continue;
    if ((key === 'image' || key === 'url') && !isHttpUrl(field)) fail(`context.${key} must be an http(s) URL`);
    context[key] = field;
  }
  return context;
}
