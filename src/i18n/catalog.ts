/**
 * Feature catalogs: each feature (the chat's launcher, the thread, attachments, the call...) owns
 * its strings, English at hand with its code and every other language a module of its own,
 * fetched the first time an element shows that language. So a page downloads only the strings of
 * what it shows, in the language it shows them.
 */

/** The strings of one feature in one language: exactly the keys of its English strings. */
export type Strings<K extends string> = Readonly<Record<K, string>>;

/** One feature's strings (build one with `defineCatalog()`). */
export interface Catalog<K extends string = string> {
  /** English: the reference, and what shows while another language is on its way. */
  readonly en: Strings<K>;
  /** The other languages, by lower-case tag or primary language (`zh` serves every Chinese tag). */
  readonly locales: Readonly<Record<string, () => Promise<Strings<K>>>>;
}

/**
 * Declares a feature's catalog: its English strings, and a loader per other language (a dynamic
 * import of `src/i18n/<locale>/<feature>.ts`, whose `strings` have exactly the English keys); see
 * `src/i18n/en/inbox.ts`.
 */
export function defineCatalog<K extends string>(en: Strings<K>, locales: Catalog<K>['locales']): Catalog<K> {
  return { en, locales };
}

/** Fetched languages per catalog, and the fetches under way. */
const loaded = new WeakMap<Catalog, Map<string, Strings<string>>>();
const pending = new WeakMap<Catalog, Map<string, Promise<Strings<string>>>>();

/** Which of a catalog's languages a BCP 47 tag uses: its full tag, else its primary language; undefined for English. */
function localeOf(catalog: Catalog, lang: string): string | undefined {
  const tag = lang.toLowerCase();
  if (tag in catalog.locales) return tag;
  const primary = tag.split('-')[0] ?? '';
  return primary in catalog.locales ? primary : undefined;
}

/** A catalog's strings in a language when they are at hand; undefined while they still have to be fetched. */
export function stringsFor<K extends string>(catalog: Catalog<K>, lang: string): Strings<K> | undefined {
  const locale = localeOf(catalog, lang);
  return locale ? (loaded.get(catalog)?.get(locale) as Strings<K> | undefined) : catalog.en;
}

/**
 * Fetches a catalog's strings in a language (once; concurrent callers share the fetch). Strings
 * that cannot be fetched fall back to English, so the element stays readable.
 */
export function loadStrings<K extends string>(catalog: Catalog<K>, lang: string): Promise<Strings<K>> {
  const locale = localeOf(catalog, lang);
  const ready = stringsFor(catalog, lang);
  if (ready || !locale) return Promise.resolve(ready ?? catalog.en);
  let fetches = pending.get(catalog);
  if (!fetches) pending.set(catalog, (fetches = new Map()));
  let promise = fetches.get(locale) as Promise<Strings<K>> | undefined;
  if (!promise) {
    promise = (catalog.locales[locale] as () => Promise<Strings<K>>)()
      .catch((error: unknown) => {
        console.warn(`support-widget: could not load the "${locale}" strings, showing English`, error);
        return catalog.en;
      })
      .then((strings) => {
        let languages = loaded.get(catalog);
        if (!languages) loaded.set(catalog, (languages = new Map()));
        languages.set(locale, strings);
        fetches.delete(locale);
        return strings;
      });
    fetches.set(locale, promise);
  }
  return promise;
}

/** Fills `{name}` placeholders. */
export function fill(text: string, params?: Record<string, string | number>): string {
  return params ? text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match)) : text;
}

/** A feature's strings in one language (an element's: see `LocalizeController.use()`). */
export interface Terms<K extends string> {
  /** The resolved language (for dates, numbers and sizes). */
  readonly lang: string;
  /** The text of `key`, `{name}` placeholders filled in. */
  term(key: K, params?: Record<string, string | number>): string;
}

/**
 * A catalog's strings in `lang` outside an element (English until `loadStrings()` has fetched
 * that language), with optional overrides by key.
 *
 * @example
 * ```ts
 * await loadStrings(callSummaryCatalog, 'zh-CN');
 * callSummaryText(body, termsFor(callSummaryCatalog, 'zh-CN'));
 * ```
 */
export function termsFor<K extends string>(catalog: Catalog<K>, lang: string, overrides?: Readonly<Partial<Record<K, string>>>): Terms<K> {
  return {
    lang,
    term: (key, params) => fill(overrides?.[key] ?? (stringsFor(catalog, lang) ?? catalog.en)[key], params),
  };
}
