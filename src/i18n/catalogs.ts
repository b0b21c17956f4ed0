import { en, type Catalog } from './en.js';

/**
 * The other languages' catalogs, each a module of its own so that a page downloads only the one
 * it shows. Keyed by lower-case full tag or primary language; every Chinese variant gets
 * Simplified Chinese, the only Chinese catalog so far.
 */
const LOADERS: ReadonlyMap<string, () => Promise<Catalog>> = new Map([
  ['zh', () => import('./zh-CN.js').then((module) => module.zhCN)],
]);

const loaded = new Map<string, Catalog>([['en', en]]);
const pending = new Map<string, Promise<Catalog>>();

/** Which catalog a BCP 47 tag uses: its full tag, else its primary language, else English. */
function catalogKey(lang: string): string {
  const tag = lang.toLowerCase();
  if (loaded.has(tag) || LOADERS.has(tag)) return tag;
  const primary = tag.split('-')[0] ?? '';
  return loaded.has(primary) || LOADERS.has(primary) ? primary : 'en';
}

/** The catalog for a language tag when it is at hand; undefined while it still has to be fetched. */
export function catalogFor(lang: string): Catalog | undefined {
  return loaded.get(catalogKey(lang));
}

/**
 * Fetches the catalog of a language tag (once; concurrent callers share the fetch). A catalog that
 * cannot be fetched falls back to English, so the strings stay readable.
 */
export function loadCatalog(lang: string): Promise<Catalog> {
  const key = catalogKey(lang);
  const ready = loaded.get(key);
  if (ready) return Promise.resolve(ready);
  let promise = pending.get(key);
  if (!promise) {
    const load = LOADERS.get(key) ?? (() => Promise.resolve(en));
    promise = load()
      .catch((error: unknown) => {
        console.warn(`support-widget: could not load the "${key}" strings, showing English`, error);
        return en;
      })
      .then((catalog) => {
        loaded.set(key, catalog);
        pending.delete(key);
        return catalog;
      });
    pending.set(key, promise);
  }
  return promise;
}
