/**
 * Canned replies' placeholders (`{{customer.name}}`, `{{order.id}}`, … `PLACEHOLDERS`): filled from
 * the open conversation when a reply is inserted. Pure: no DOM, no client.
 */
import { PLACEHOLDERS } from '../../protocol/desk.js';
import type { ProductContext } from '../../protocol/model.js';

/** One placeholder's name, e.g. `customer.name`. */
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** What the open conversation knows for each placeholder (absent or blank: unknown). */
export type PlaceholderValues = Partial<Record<Placeholder, string>>;

/** `{{ name }}`: a name of letters, digits, `_` and dots, spaces inside the braces allowed. */
const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;

function isPlaceholder(name: string): name is Placeholder {
  return (PLACEHOLDERS as readonly string[]).includes(name);
}

/**
 * Replaces each known placeholder that has a value with it. An unknown placeholder, or one with
 * no value (or a blank one), is left as written, so the agent sees it and fills it in by hand:
 * nothing is ever silently dropped.
 *
 * @example
 * ```ts
 * fillPlaceholders('Hi {{customer.name}}, order {{order.id}}', { 'customer.name': 'Grace' });
 * // 'Hi Grace, order {{order.id}}'
 * ```
 */
export function fillPlaceholders(body: string, values: PlaceholderValues): string {
  return body.replace(PLACEHOLDER, (whole: string, name: string) => {
    const value = isPlaceholder(name) ? values[name]?.trim() : undefined;
    return value ? value : whole;
  });
}

/** Where the first placeholder left in `text` is (to select it for the agent), if any. */
export function firstPlaceholder(text: string): { start: number; end: number } | undefined {
  const match = new RegExp(PLACEHOLDER.source).exec(text);
  return match ? { start: match.index, end: match.index + match[0].length } : undefined;
}

/** What a conversation tells the placeholders: its customer, its context card, the agent. */
export interface PlaceholderSource {
  customer: { name: string; email?: string | undefined };
  context?: ProductContext | undefined;
  /** The signed-in agent's name. */
  agentName?: string | undefined;
}

/** The placeholders' values for a conversation (missing ones stay unknown). */
export function placeholderValues({ customer, context, agentName }: PlaceholderSource): PlaceholderValues {
  const values: PlaceholderValues = {};
  const set = (name: Placeholder, value: string | undefined): void => {
    if (value !== undefined && value.trim() !== '') values[name] = value;
  };
  set('customer.name', customer.name);
  set('customer.email', customer.email);
  set('order.id', context?.orderId);
  set('product.name', context?.name);
  set('product.sku', context?.sku);
  set('product.serial', context?.serial);
  set('agent.name', agentName);
  return values;
}
