/**
 * Where the WebAssembly barcode decoder (`zxing_reader.wasm`, about 1 MB) is fetched from: by
 * default beside this build's script-tag chunks, `dist/cdn/zxing_reader.wasm`, from our own
 * origin or CDN (never a third party's). A page may serve it elsewhere.
 */

let configured: string | URL | undefined;

/**
 * Serves the barcode decoder from `url` (absolute, or relative to the page); `undefined` goes back
 * to the default. Needed only when a bundler did not copy the file (esbuild does not copy
 * `new URL(…, import.meta.url)` assets: copy `support-widget/dist/cdn/zxing_reader.wasm` to your
 * assets and point here). Takes effect at the next scan that loads the decoder.
 *
 * @example
 * import { setBarcodeDecoderUrl } from 'support-widget';
 * setBarcodeDecoderUrl('/assets/zxing_reader.wasm');
 */
export function setBarcodeDecoderUrl(url: string | URL | undefined): void {
  configured = url;
}

/**
 * The decoder's address: the one set with `setBarcodeDecoderUrl()`, else `dist/cdn/zxing_reader.wasm`.
 * From a chunk in `dist/cdn/` and from the npm build's `dist/scan/` alike `../cdn/` is that
 * folder, so one copy serves both; Vite, webpack and Parcel copy it into the page's assets.
 */
export function barcodeDecoderUrl(): URL {
  if (configured !== undefined) return new URL(configured, globalThis.location?.href);
  return new URL('../cdn/zxing_reader.wasm', import.meta.url);
}
