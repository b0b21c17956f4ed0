import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { fill, loadStrings, stringsFor, type Catalog, type Strings, type Terms } from './catalog.js';

export type { Terms } from './catalog.js';

/** An element that shows strings: `strings` are the integrator's overrides, key to text. */
type Host = ReactiveControllerHost & HTMLElement & { strings?: Readonly<Record<string, string | undefined>> | undefined };

/** Hosts to re-render when a `lang` attribute changes anywhere in the document. */
const connectedHosts = new Set<Host>();
let langObserver: MutationObserver | undefined;

function observeDocumentLang(): void {
  if (langObserver || typeof MutationObserver === 'undefined') return;
  langObserver = new MutationObserver(() => {
    for (const host of connectedHosts) host.requestUpdate();
  });
  langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

/** The element's own `lang` property, else the nearest `lang` attribute up, crossing shadow roots. */
function closestLang(element: HTMLElement): string | undefined {
  if (element.lang) return element.lang;
  let node: Node | null = element.parentNode;
  while (node) {
    if (node instanceof Element) {
      const lang = node.getAttribute('lang');
      if (lang) return lang;
    }
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return undefined;
}

/**
 * Localisation for an element: the element's language, and the strings of the feature catalogs it
 * uses (`use()`), fetched for that language when first needed (dates and times: `date-format.ts`,
 * with `lang` from here). The language is the host's `lang`, else the closest ancestor's (or the
 * document's), else `navigator.language`, else English. The host's `strings` property, when set,
 * overrides any catalog entry by key, whatever the language.
 *
 * @example
 * ```ts
 * private readonly i18n = new LocalizeController(this);
 * private readonly t = this.i18n.use(composerCatalog);
 * render() { return html`<button>${this.t.term('composer.send')}</button>`; }
 * ```
 */
export class LocalizeController implements ReactiveController {
  private readonly catalogs = new Set<Catalog>();
  private readonly fetching = new Set<Promise<unknown>>();

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  /**
   * Registers a feature catalog and returns its strings in the element's language. Its strings in
   * a language other than English are fetched at once when the element is connected (else when it
   * connects); English shows meanwhile and `loading` says when they are in.
   */
  use<K extends string>(catalog: Catalog<K>): Terms<K> {
    this.catalogs.add(catalog);
    if (this.host.isConnected) this.strings(catalog);
    return new CatalogTerms(this, catalog);
  }

  /** The text of a catalog's key: the host's override, else the catalog's in the element's language. */
  text<K extends string>(catalog: Catalog<K>, key: K, params?: Record<string, string | number>): string {
    return fill(this.host.strings?.[key] ?? this.strings(catalog)[key], params);
  }

  hostConnected(): void {
    connectedHosts.add(this.host);
    observeDocumentLang();
    for (const catalog of this.catalogs) this.strings(catalog); // fetch the language's strings before the first render
  }

  hostDisconnected(): void {
    connectedHosts.delete(this.host);
  }

  /**
   * While strings of the element's language are being fetched (English shows meanwhile): settles
   * when they are in, and the host then re-renders.
   */
  get loading(): Promise<unknown> | undefined {
    return this.fetching.size > 0 ? Promise.all(this.fetching) : undefined;
  }

  /** The resolved BCP 47 language tag. */
  get lang(): string {
    const fromDom = closestLang(this.host);
    const lang = fromDom ?? (typeof navigator === 'undefined' ? undefined : navigator.language) ?? 'en';
    return isValidTag(lang) ? lang : 'en';
  }

  /** Text direction of the resolved language (for `dir` on the shadow content). */
  get dir(): 'ltr' | 'rtl' {
    return /^(ar|fa|he|ur|yi|ps|sd|ug|dv)(-|$)/i.test(this.lang) ? 'rtl' : 'ltr';
  }

  /** A catalog's strings in the element's language, or English until they have been fetched. */
  private strings<K extends string>(catalog: Catalog<K>): Strings<K> {
    const lang = this.lang;
    const strings = stringsFor(catalog, lang);
    if (strings) return strings;
    const promise = loadStrings(catalog, lang);
    if (!this.fetching.has(promise)) {
      this.fetching.add(promise);
      void promise.then(() => {
        this.fetching.delete(promise);
        this.host.requestUpdate();
      });
    }
    return catalog.en;
  }
}

/** `Terms` of one catalog through an element's controller. */
class CatalogTerms<K extends string> implements Terms<K> {
  constructor(
    private readonly i18n: LocalizeController,
    private readonly catalog: Catalog<K>,
  ) {}

  get lang(): string {
    return this.i18n.lang;
  }

  term(key: K, params?: Record<string, string | number>): string {
    return this.i18n.text(this.catalog, key, params);
  }
}

function isValidTag(lang: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf(lang).length > 0 || /^[a-z]{2,3}(-|$)/i.test(lang);
  } catch {
    return false;
  }
}
