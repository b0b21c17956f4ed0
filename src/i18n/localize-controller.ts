import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ErrorCode } from '../protocol/model.js';
import { catalogFor, loadCatalog } from './catalogs.js';
import { en, type Catalog, type TermKey } from './en.js';

type Host = ReactiveControllerHost & HTMLElement;

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

/** Maps error codes to the few messages a user can act on. */
const ERROR_TERMS: Partial<Record<ErrorCode, TermKey>> = {
  network: 'error.network',
  closed: 'error.network',
  timeout: 'error.timeout',
  'not-authenticated': 'error.auth',
  unauthorized: 'error.auth',
  'token-expired': 'error.auth',
  'token-not-yet-valid': 'error.auth',
  forbidden: 'error.forbidden',
  'origin-not-allowed': 'error.originNotAllowed',
  'customer-deleted': 'error.customerDeleted',
  'attachment-not-allowed': 'error.attachmentNotAllowed',
  'message-too-large': 'error.tooLarge',
  'frame-too-large': 'error.tooLarge',
  'rate-limited': 'error.rateLimited',
  'storage-full': 'error.storageFull',
  'quota-exceeded': 'error.quotaExceeded',
  'too-many-connections': 'error.tooManyConnections',
};

/**
 * Localisation for an element: strings from the catalog of the element's language (dates and
 * times: `date-format.ts`, with `lang` from here). The language is the host's `lang` attribute, else the closest
 * ancestor's (or the document's), else `navigator.language`, else English.
 *
 * @example
 * ```ts
 * private readonly i18n = new LocalizeController(this);
 * render() { return html`<button>${this.i18n.term('composer.send')}</button>`; }
 * ```
 */
export class LocalizeController implements ReactiveController {
  private pendingCatalog: Promise<Catalog> | undefined;

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  hostConnected(): void {
    connectedHosts.add(this.host);
    observeDocumentLang();
    this.catalog(); // starts fetching the language's strings before the first render
  }

  /**
   * While the strings of the element's language are being fetched (English shows meanwhile):
   * settles when they are in, and the host then re-renders.
   */
  get loading(): Promise<unknown> | undefined {
    return this.pendingCatalog;
  }

  hostDisconnected(): void {
    connectedHosts.delete(this.host);
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

  /** A string of the catalog with `{name}` placeholders filled in. */
  term(key: TermKey, params?: Record<string, string | number>): string {
    const text = this.catalog()[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
  }

  /** The catalog of the element's language, or English until it has been fetched. */
  private catalog(): Catalog {
    const lang = this.lang;
    const catalog = catalogFor(lang);
    if (catalog) return catalog;
    const promise = loadCatalog(lang);
    if (this.pendingCatalog !== promise) {
      this.pendingCatalog = promise;
      void promise.then(() => {
        if (this.pendingCatalog === promise) this.pendingCatalog = undefined;
        this.host.requestUpdate();
      });
    }
    return en;
  }

  /** A user-facing message for an error code. */
  errorMessage(code: ErrorCode | undefined): string {
    return this.term((code && ERROR_TERMS[code]) || 'error.generic');
  }
}

function isValidTag(lang: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf(lang).length > 0 || /^[a-z]{2,3}(-|$)/i.test(lang);
  } catch {
    return false;
  }
}
