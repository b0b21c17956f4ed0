/**
 * Temporary apps built from the packed tarballs, as an integrator meets the package: `npm pack`,
 * an empty folder with its own package.json (so npm does not look above it), `npm install` of the
 * tarball and whatever else the app needs, then the app's own tools.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface Packed {
  file: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
}

/** Runs npm quietly in `cwd` and returns its stdout. */
export function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Builds the repository if a source changed since the last build (`SUPPORT_PACK_PREBUILT=1`: use
 * dist/ as it is, for a shared work tree whose sources change under the test).
 */
export function buildIfChanged(): void {
  if (process.env['SUPPORT_PACK_PREBUILT']) return;
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-changed'], { cwd: repoRoot, stdio: 'inherit' });
}

/** `npm pack` of the package in `dir` into `destination` (built already: no `prepack`). */
export function pack(dir: string, destination: string): Packed {
  const [info] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', destination], dir)) as Array<{ filename: string; size: number; unpackedSize: number; entryCount: number }>;
  if (info === undefined) throw new Error(`npm pack printed nothing in ${dir}`);
  return { file: join(destination, info.filename), size: info.size, unpackedSize: info.unpackedSize, entryCount: info.entryCount };
}

/** Builds if needed and packs the browser package into a new temporary folder. */
export function packBrowserPackage(): Packed {
  buildIfChanged();
  return pack(repoRoot, mkdtempSync(join(tmpdir(), 'support-pack-')));
}

/** An empty app folder (its own package.json, so npm does not look above it). */
export function emptyApp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'shop-app', private: true, type: 'module' }));
  return dir;
}

/** Seconds spent by `npm install <specs>` in `dir` (tarballs, or registry packages such as `react@18`). */
export function install(dir: string, specs: string[]): number {
  const started = process.hrtime.bigint();
  npm(['install', '--no-audit', '--no-fund', '--prefer-offline', ...specs], dir);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** Every file below `dir` whose name matches `pattern` (relative paths). */
export function findFiles(dir: string, pattern: RegExp, found: string[] = [], root = dir): string[] {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) findFiles(path, pattern, found, root);
    else if (pattern.test(entry)) found.push(relative(root, path));
  }
  return found;
}

/** Names of the packages installed in `dir` (scoped ones as `@scope/name`). */
export function installedPackages(dir: string): string[] {
  const modules = join(dir, 'node_modules');
  return readdirSync(modules)
    .filter((name) => !name.startsWith('.'))
    .flatMap((name) => (name.startsWith('@') ? readdirSync(join(modules, name)).map((sub) => `${name}/${sub}`) : [name]));
}

/**
 * Type-checks `files` (name → source) in `dir` with the repository's TypeScript and strict
 * settings, `skipLibCheck: false` (so every `.d.ts` the package ships is checked too). Returns tsc's
 * output; throws with it when the check fails.
 */
export function typecheck(dir: string, files: Record<string, string>, compilerOptions: Record<string, unknown> = {}): string {
  for (const [name, source] of Object.entries(files)) writeFileSync(join(dir, name), source);
  const options = { strict: true, noEmit: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM', 'DOM.Iterable'], skipLibCheck: false, types: [], ...compilerOptions };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: options, files: Object.keys(files) }));
  try {
    return execFileSync(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' });
  } catch (error) {
    const { stdout } = error as { stdout?: string };
    throw new Error(`tsc failed in ${dir}:\n${stdout ?? String(error)}`);
  }
}
