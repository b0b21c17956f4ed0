/**
 * `dist/cdn/unavailable.js`: what the script-tag loader shows in place of an element whose code
 * could not be loaded (the CDN sends no CORS headers, a chunk is missing, the network failed): a
 * small "Support is unavailable right now. [Try again]" box, where the launcher would be for
 * `<support-chat>`, in the page flow otherwise.
 *
 * A classic script of its own, which the loader adds as `cdn/unavailable.js?<tag>` only after a
 * failure: classic scripts need no CORS, so it runs exactly when the ES chunks cannot, and a page
 * where everything works never downloads it (the launcher's budget carries none of it). Plain DOM
 * in a shadow root of its own, styled by a constructed sheet (allowed by a `style-src` without
 * `'unsafe-inline'`), themed by the elements' `--support-*` tokens; the message is an `alert`.
 */
import { loadStrings } from '../i18n/catalog.js';
import { unavailableCatalog } from '../i18n/en/unavailable.js';

/** Marks the box, a light-DOM child of the element (which its shadow root hides once it works). */
const MARK = 'data-support-unavailable';

const CSS = `:host{all:initial;box-sizing:border-box;color-scheme:light;display:inline-flex;gap:8px;align-items:center;padding:8px 8px 8px 12px;border:1px solid var(--support-border-color,#d3d7dc);border-radius:var(--support-radius,12px);background:var(--support-surface-color,#fff);color:var(--support-text-color,#1a1c1f);font:14px/1.4 var(--support-font-family,system-ui,sans-serif);--p:var(--support-primary-color,#1d4ed8);--o:var(--support-on-primary-color,#fff)}
:host([${MARK}=corner]){position:fixed;bottom:var(--support-offset,20px);inset-inline-end:var(--support-offset,20px);z-index:var(--support-z-index,2147483000);max-inline-size:calc(100vw - 2 * var(--support-offset,20px))}
@media (prefers-color-scheme:dark){:host(:not([theme=light])){color-scheme:dark;border-color:var(--support-border-color,#3b3f47);background:var(--support-surface-color,#17181c);color:var(--support-text-color,#eceef1);--p:var(--support-primary-color,#8ab4f8);--o:var(--support-on-primary-color,#0b1526)}}
:host([theme=dark]){color-scheme:dark;border-color:var(--support-border-color,#3b3f47);background:var(--support-surface-color,#17181c);color:var(--support-text-color,#eceef1);--p:var(--support-primary-color,#8ab4f8);--o:var(--support-on-primary-color,#0b1526)}
button{font:inherit;padding:4px 12px;border:0;border-radius:999px;background:var(--p);color:var(--o);cursor:pointer}
button:focus-visible{outline:2px solid var(--support-focus-color,var(--p));outline-offset:2px}`;

interface Loader {
  load(tagName: string): Promise<void>;
}

/**
 * Shows the box in every `<tag>` of the document, in the element's language. A box already there
 * (a retry failed) is replaced, so its alert is announced again, and focus stays on its button.
 * The box goes away once the element is defined (and focus moves into the element if the user
 * asked for the retry).
 */
function showUnavailable(tag: string, loader: Loader): void {
  for (const host of document.querySelectorAll<HTMLElement>(tag)) {
    const lang = host.closest('[lang]')?.getAttribute('lang') ?? navigator.language;
    void loadStrings(unavailableCatalog, lang).then((strings) => {
      const old = host.querySelector(`:scope>[${MARK}]`);
      const refocus = old !== null && old === document.activeElement;
      old?.remove();
      if (customElements.get(tag)) return; // it came to life meanwhile
      const box = document.createElement('div');
      box.setAttribute(MARK, tag === 'support-chat' && !host.hasAttribute('inline') ? 'corner' : '');
      const theme = host.getAttribute('theme');
      if (theme) box.setAttribute('theme', theme);
      const root = box.attachShadow({ mode: 'open' });
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
      const message = document.createElement('span');
      message.setAttribute('role', 'alert');
      message.textContent = strings['unavailable.message'];
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = strings['unavailable.retry'];
      let asked = false;
      button.onclick = () => {
        asked = true;
        loader.load(tag).catch(() => undefined); // a failure is logged by the loader, which shows this again
      };
      root.append(message, button);
      host.append(box);
      if (refocus) button.focus();
      void customElements.whenDefined(tag).then(() => {
        if (!box.isConnected) return;
        box.remove();
        if (asked) focusInside(host);
      });
    });
  }
}

/** Moves focus to the first control of the element that has just come to life (its launcher). */
function focusInside(host: HTMLElement): void {
  void Promise.resolve((host as { updateComplete?: Promise<unknown> }).updateComplete).then(() =>
    host.shadowRoot?.querySelector<HTMLElement>('button,[tabindex]')?.focus(),
  );
}

(() => {
  const tag = new URL((document.currentScript as HTMLScriptElement | null)?.src ?? location.href).search.slice(1);
  const loader = (window as { SupportWidget?: Loader }).SupportWidget;
  if (/^support-[a-z]+$/.test(tag) && loader) showUnavailable(tag, loader);
})();
