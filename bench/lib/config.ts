/**
 * Benchmark knobs from the environment: every size and iteration count has a full default,
 * a `BENCH_QUICK=1` default (about a minute for everything), and an env override.
 */
export const QUICK = process.env['BENCH_QUICK'] === '1';

/** A positive number from `BENCH_<name>`, else the full or quick default. */
export function knob(name: string, full: number, quick: number): number {
  const text = process.env[`BENCH_${name}`];
  if (text !== undefined && text !== '') {
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`BENCH_${name} must be a positive number, got ${text}`);
    return value;
  }
  return QUICK ? quick : full;
}

/** A comma-separated list of positive integers from `BENCH_<name>`, else the default. */
export function listKnob(name: string, full: number[], quick: number[]): number[] {
  const text = process.env[`BENCH_${name}`];
  if (text === undefined || text === '') return QUICK ? quick : full;
  const values = text.split(',').map((part) => Number(part.trim()));
  if (values.some((v) => !Number.isInteger(v) || v <= 0)) throw new Error(`BENCH_${name} must list positive integers, got ${text}`);
  return values;
}

/** Root of the repository (benchmarks run with it as the working directory). */
export const REPO_ROOT = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');
