import { en, type Catalog } from './en.js';
import { zhCN } from './zh-CN.js';

/** Languages with a full catalog, by lower-case primary tag or full tag. */
const CATALOGS: ReadonlyMap<string, Catalog> = new Map<string, Catalog>([
  ['en', en],
  ['zh', zhCN],
  ['zh-cn', zhCN],
]);

/**
 * The catalog for a BCP 47 language tag: exact tag first, then its primary language, then English.
 * Every Chinese variant gets Simplified Chinese, the only Chinese catalog so far.
 */
export function catalogFor(lang: string): Catalog {
  const tag = lang.toLowerCase();
  return CATALOGS.get(tag) ?? CATALOGS.get(tag.split('-')[0] ?? '') ?? en;
}
