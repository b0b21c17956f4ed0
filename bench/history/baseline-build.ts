/**
 * The message list before windowing, built in the same run: the script-tag bundles of an older
 * commit (by default the parent of the commit that added the window, `src/elements/thread/message-window.ts`),
 * from `git archive` into a temporary directory, never touching the working tree. The relay stays
 * the current one: only what the browser runs differs.
 *
 * BENCH_HISTORY_BASELINE_REF picks another commit; BENCH_HISTORY_BASELINE=0 skips the baseline.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../lib/config.js';

const PATHS = ['src', 'server', 'scripts', 'demo', 'rollup.config.mjs', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];

/** The commit measured as "the list before windowing". */
export function baselineRef(): string | undefined {
  if (process.env['BENCH_HISTORY_BASELINE'] === '0') return undefined;
  const chosen = process.env['BENCH_HISTORY_BASELINE_REF'];
  if (chosen) return chosen;
  const added = execFileSync('git', ['log', '--diff-filter=A', '--format=%H', '--', 'src/elements/thread/message-window.ts'], { cwd: REPO_ROOT, encoding: 'utf8' })
    .trim()
    .split('\n')
    .at(-1);
  return added ? `${added}^` : undefined;
}

/** Builds `ref`'s bundles; returns the root (with dist/ and demo/) and how to remove it. */
export function buildRef(ref: string): { dir: string; commit: string; remove: () => void } {
  const commit = execFileSync('git', ['rev-parse', '--short=10', ref], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  const dir = mkdtempSync(join(tmpdir(), 'support-bench-baseline-'));
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    const archive = execFileSync('git', ['archive', '--format=tar', commit, '--', ...PATHS], { cwd: REPO_ROOT, maxBuffer: 256 * 1024 * 1024 });
    execFileSync('tar', ['-x', '-C', dir], { input: archive });
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (error) {
    remove();
    const output = String((error as { stdout?: unknown }).stdout ?? '').trim().split('\n').slice(0, 10).join('\n');
    throw new Error(`building the baseline ${ref} failed: ${output || (error as Error).message}`);
  }
  return { dir, commit, remove };
}
