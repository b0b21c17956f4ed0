/**
 * Where the demo pages and the browser bundles come from. In the repository both sit at the top
 * level (`demo/`, `dist/`); in the installed relay package the demo pages are copied beside the
 * compiled server (`support-widget-relay/demo/`) and the bundles come from the installed
 * browser package (`support-widget/dist/`).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface StaticRoots {
  /** The product page (`/`), the agent desk (`/agent/`) and their assets (`/demo/`). */
  demoDir: string;
  /** The browser bundles served at `/dist/`. */
  bundleDir: string;
}

/** Folder above this file: the repository root (run from source) or the relay package (compiled). */
const relayRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function installedBrowserPackageDist(): string | undefined {
  try {
    return join(dirname(fileURLToPath(import.meta.resolve('support-widget/package.json'))), 'dist');
  } catch {
    return undefined;
  }
}

/** Both folders under one root (`<root>/demo`, `<root>/dist`), or the defaults described above. */
export function staticRoots(root?: string): StaticRoots {
  if (root !== undefined) return { demoDir: join(root, 'demo'), bundleDir: join(root, 'dist') };
  const local = join(relayRoot, 'dist');
  const bundleDir = existsSync(join(local, 'support-widget.iife.js')) ? local : (installedBrowserPackageDist() ?? local);
  return { demoDir: join(relayRoot, 'demo'), bundleDir };
}
