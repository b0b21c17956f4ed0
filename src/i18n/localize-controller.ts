import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ErrorCode } from '../protocol/model.js';
import { catalogFor } from './catalogs.js';
import type { TermKey } from './en.js';

type Host = ReactiveControllerHost & HTMLElement;

const DAY_MS = 24 * 60 * 60 * 1000;

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

const formatters = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

/** Maps error codes to the few messages a user can act on. */
const ERROR_TERMS: Partial<Record<ErrorCode, TermKey>> = {
  network: 'error.network',
  closed: 'error.network',
  timeout: 'error.timeout',
  'not-authenticated': 'error.auth',
  unauthorized: 'error.auth',
  'token-expired': 'error.auth',
  forbidden: 'error.forbidden',
  'message-too-large': 'error.tooLarge',
  'frame-too-large': 'error.tooLarge',
  'rate-limited': 'error.rateLimited',
};

/**
 * Localisation for an element: strings from the catalog of the element's language, and dates
 * and times through `Intl`. The language is the host's `lang` attribute, else the closest
 * ancestor's (or the document's), else `navigator.language`, else English.
 *
 * @example
 * ```ts
 * private readonly i18n = new LocalizeController(this);
 * render() { return html`<button>${this.i18n.term('composer.send')}</button>`; }
 * ```
 */
export class LocalizeController implements ReactiveController {
  constructor(private readonly host: Host) {
    host.addController(this);
  }

  hostConnected(): void {
    connectedHosts.add(this.host);
    observeDocumentLang();
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
    const text = catalogFor(this.lang)[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
  }

  /** A user-facing message for an error code. */
  errorMessage(code: ErrorCode | undefined): string {
    return this.term((code && ERROR_TERMS[code]) || 'error.generic');
  }

  /** Clock time, e.g. `14:05` or `2:05 PM`. */
  time(ms: number): string {
    const lang = this.lang;
    return cached(`t:${lang}`, () => new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit' })).format(ms);
  }

  /** A calendar day: "Today", "Yesterday", else a date (with the year when not this year). */
  day(ms: number, now = Date.now()): string {
    const lang = this.lang;
    const days = Math.round((startOfDay(ms) - startOfDay(now)) / DAY_MS);
    if (days === 0 || days === -1) {
      const text = cached(`r:${lang}`, () => new Intl.RelativeTimeFormat(lang, { numeric: 'auto' })).format(days, 'day');
      return text.charAt(0).toLocaleUpperCase(lang) + text.slice(1);
    }
    const sameYear = new Date(ms).getFullYear() === new Date(now).getFullYear();
    const key = `d:${lang}:${sameYear}`;
    const options: Intl.DateTimeFormatOptions = sameYear
      ? { weekday: 'short', month: 'short', day: 'numeric' }
      : { year: 'numeric', month: 'short', day: 'numeric' };
    return cached(key, () => new Intl.DateTimeFormat(lang, options)).format(ms);
  }

  /** Short time since `ms`: "now", "5 min. ago", "3 hr. ago", else the day. */
  relativeTime(ms: number, now = Date.now()): string {
    const lang = this.lang;
    const rtf = cached(`rs:${lang}`, () => new Intl.RelativeTimeFormat(lang, { numeric: 'auto', style: 'short' }));
    const seconds = Math.round((ms - now) / 1000);
    if (Math.abs(seconds) < 60) return rtf.format(0, 'second');
    const minutes = Math.round(seconds / 60);
    if (Math.abs(minutes) < 60) return rtf.format(minutes, 'minute');
    const hours = Math.round(minutes / 60);
    if (Math.abs(hours) < 24) return rtf.format(hours, 'hour');
    return this.day(ms, now);
  }
}

/** Midnight of the local day containing `ms`. */
function startOfDay(ms: number): number {
  const date = new Date(ms);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

function isValidTag(lang: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf(lang).length > 0 || /^[a-z]{2,3}(-|$)/i.test(lang);
  } catch {
    return false;
  }
}
