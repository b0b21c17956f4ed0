// Builds the script-tag bundles from a private copy of the sources (src/, scripts/, demo/ and the
// build configs, node_modules linked), so a benchmark measures one consistent build and never
// deletes or rewrites the working tree's dist/ under someone else's feet.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// server/: the build also compiles the relay package (server/dist) against dist/protocol.
const COPIED = ['src', 'server', 'scripts', 'demo', 'rollup.config.mjs', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];
/** Build outputs and installed packages in the copied folders are not sources. */
const notOutput = (path) => !/\/server\/(dist|demo|node_modules)(\/|$)/.test(path);

/** Returns the private root (with dist/ inside) and how to remove it. */
export function privateBuild(repoRoot) {
  const dir = mkdtempSync(join(tmpdir(), 'support-bench-build-'));
  try {
    for (const path of COPIED) cpSync(join(repoRoot, path), join(dir, path), { recursive: true, filter: notOutput });
    symlinkSync(resolve(repoRoot, 'node_modules'), join(dir, 'node_modules'));
    // The build's tools print their errors on stdout (tsc) or stderr (rollup): keep both.
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    // tsc prints its diagnostics on stdout; stderr then only holds the failed command's stack.
    const stdout = String(error?.stdout ?? '').trim().split('\n').slice(0, 20).join('\n');
    const stderr = String(error?.stderr ?? '').trim().split('\n')[0] ?? '';
    throw new Error(`the private build failed: ${stdout || stderr || error}`);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
