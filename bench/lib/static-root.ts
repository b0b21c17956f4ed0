/**
 * A private copy of what the relay serves (`dist/` and `demo/`), so a benchmark measures one
 * build even while the working tree is rebuilt, plus benchmark-only pages under `/demo/`.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './config.js';

export interface StaticRoot {
  dir: string;
  /** Adds a file at `/demo/<name>` (the demo CSP allows only same-origin scripts and styles: no inline ones). */
  addPage(name: string, text: string): void;
  remove(): void;
}

/** An empty HTML page: the baseline of page-load timings. */
export const EMPTY_PAGE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>empty</title></head><body></body></html>\n';

/** Where the measured build lives: bench/run.mjs builds into a private copy of the sources (BENCH_BUILD_ROOT). */
export function buildRoot(): string {
  return process.env['BENCH_BUILD_ROOT'] || REPO_ROOT;
}

/** Copies what `from` (default: the measured build) serves. */
export function snapshotStaticRoot(from = buildRoot()): StaticRoot {
  const manifestPath = join(from, 'dist/cdn/manifest.json');
  if (!existsSync(manifestPath) || !existsSync(join(from, 'dist/support-widget.iife.js'))) {
    throw new Error(`${from}/dist has no script-tag build: run \`npm run build\` first`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'support-bench-static-'));
  cpSync(join(from, 'demo'), join(dir, 'demo'), { recursive: true });
  cpSync(join(from, 'dist/support-widget.iife.js'), join(dir, 'dist/support-widget.iife.js'));
  cpSync(join(from, 'dist/cdn'), join(dir, 'dist/cdn'), { recursive: true });
  // Every chunk the manifest names must be in the copy (a rebuild may have been half-way).
  const manifest = JSON.parse(readFileSync(join(dir, 'dist/cdn/manifest.json'), 'utf8')) as Record<string, { eager: string[]; lazy: string[] }>;
  for (const { eager, lazy } of Object.values(manifest)) {
    for (const file of [...eager, ...lazy]) {
      if (!existsSync(join(dir, 'dist/cdn', file))) throw new Error(`dist/cdn/${file} is missing: rebuild with npm run build`);
    }
  }
  return {
    dir,
    addPage: (name, text) => writeFileSync(join(dir, 'demo', name), text),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
