import { defineCatalog } from '../catalog.js';

/**
 * "Support is unavailable": what the script tag shows in place of an element whose code could not
 * be loaded (`src/script-tag/unavailable.ts`, a script of its own fetched only then).
 */
const en = {
  'unavailable.message': 'Support is unavailable right now.',
  'unavailable.retry': 'Try again',
} as const satisfies Record<string, string>;

/** A key of the unavailable-state strings. */
export type UnavailableTermKey = keyof typeof en;

/** The unavailable-state strings: English here, Simplified Chinese fetched when first shown. */
export const unavailableCatalog = defineCatalog<UnavailableTermKey>(en, {
  zh: () => import('../zh-CN/unavailable.js').then((module) => module.strings),
});
