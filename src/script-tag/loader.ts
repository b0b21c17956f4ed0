/**
 * The script-tag entry (`dist/support-widget.iife.js`): a tiny classic script that loads each
 * element's ES module chunk from `cdn/` beside it when the element first appears in the page
 * (like Shoelace's autoloader). A product page with only `<support-chat>` never downloads the agent
 * desk, the call UI or an Agora SDK.
 *
 * Exposes `window.SupportWidget`:
 * - `load(tagName)`: load and register an element now (e.g. one created inside your own shadow root);
 * - `api()`: the headless API (`SupportClient`, token providers, ...);
 * - `version`.
 */
const CHUNKS: Record<string, string> = {
  'support-chat': 'support-chat.js',
  'support-inbox': 'support-inbox.js',
  'support-call': 'support-call.js',
};

interface SupportWidgetGlobal {
  version: string;
  load(tagName: string): Promise<void>;
  api(): Promise<unknown>;
}

declare const __VERSION__: string;

(() => {
  const w = window as unknown as { SupportWidget?: SupportWidgetGlobal };
  if (w.SupportWidget) return; // the script was included twice
  const script = document.currentScript as HTMLScriptElement | null;
  const base = new URL('cdn/', script?.src ?? document.baseURI);
  const loaded = new Map<string, Promise<void>>();
  const importChunk = (file: string): Promise<unknown> => import(/* @vite-ignore */ new URL(file, base).href);

  const load = (tagName: string): Promise<void> => {
    const tag = tagName.toLowerCase();
    const file = CHUNKS[tag];
    if (!file) return Promise.reject(new Error(`support-widget: unknown element <${tag}>`));
    let promise = loaded.get(tag);
    if (!promise) {
      promise = importChunk(file).then(() => undefined);
      promise.catch((error: unknown) => console.error(`support-widget: could not load <${tag}>`, error));
      loaded.set(tag, promise);
    }
    return promise;
  };

  const scan = (root: Element | Document): void => {
    for (const tag of Object.keys(CHUNKS)) {
      if (loaded.has(tag)) continue;
      if ((root instanceof Element && root.localName === tag) || root.querySelector(tag)) void load(tag);
    }
  };

  w.SupportWidget = { version: __VERSION__, load, api: () => importChunk('api.js') };
  scan(document);
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element) scan(node);
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
export {};
