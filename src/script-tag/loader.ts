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
 *
 * When an element's code cannot be loaded (no CORS headers on the chunks, a missing file, no
 * network), the page logs one line and shows "Support is unavailable" with a retry in its place
 * (`cdn/unavailable.js`, loaded only then).
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
      promise = importChunk(file).then(
        () => undefined,
        (error: unknown) => {
          loaded.delete(tag); // the next load() (its retry button, a new element) tries again
          console.error(`support-widget: <${tag}> is unavailable (${String(error)}); its chunks need CORS, see docs/cdn.md`);
          // A classic script (no CORS needed) shows "Support is unavailable" with a retry in its place.
          document.head.append(Object.assign(document.createElement('script'), { src: new URL(`unavailable.js?${tag}`, base).href }));
          throw error;
        },
      );
      promise.catch(() => undefined); // reported above; a caller of SupportWidget.load() still sees the rejection
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
