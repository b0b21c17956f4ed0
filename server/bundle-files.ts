/**
 * The headers of the browser bundles at `/dist/`, so the relay can be the script tag's origin for
 * pages on other origins, or the origin a CDN pulls from (docs/cdn.md):
 * - CORS for every file: the loader imports its chunks as ES modules, which a page on another
 *   origin may only run when the answer carries `Access-Control-Allow-Origin`;
 * - content-hashed chunks (`cdn/chunk-<hash>.js`) never change under their name: cached for a
 *   year, `immutable`;
 * - everything else (the loader `support-widget.iife.js`, the entries `cdn/support-chat.js`...,
 *   `manifest.json`) keeps its name across releases: revalidated with the `ETag` on every use,
 *   so a page never runs a new entry against chunks of the old release or the other way round.
 */
import type { ServerResponse } from 'node:http';
import { basename } from 'node:path';

/** `Cache-Control` of a file whose name carries the hash of its content. */
export const HASHED_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** `Cache-Control` of a file whose name stays the same across releases. */
export const UNHASHED_CACHE_CONTROL = 'public, no-cache';

/** Rollup's chunk names (`chunkFileNames: 'chunk-[hash].js'`) and their source maps. */
const CONTENT_HASHED = /^chunk-[\w-]{8,}\.js(?:\.map)?$/;

/** True when a bundle file's name changes whenever its content does. */
export function isContentHashed(path: string): boolean {
  return CONTENT_HASHED.test(basename(path));
}

/**
 * Sets the CORS headers of a `/dist/` answer (also on its 404, so a missing chunk reads as
 * missing in the page's console rather than as a CORS failure) and returns its `Cache-Control`.
 */
export function prepareBundleResponse(res: ServerResponse, path: string): string {
  // Public, credential-free files: any page may load them (`*`), and pages that isolate
  // themselves (`Cross-Origin-Embedder-Policy: require-corp`) may embed them too.
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  return isContentHashed(path) ? HASHED_CACHE_CONTROL : UNHASHED_CACHE_CONTROL;
}
