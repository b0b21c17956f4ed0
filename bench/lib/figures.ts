/**
 * What every benchmark reports: figures, each a raw summary over repeated runs, the baseline
 * measured in the same run, their ratio, and the target when there is one. A benchmark writes
 * them as JSON to `BENCH_OUT` (set by bench/run.mjs) or prints them when run alone.
 */
import { writeFileSync } from 'node:fs';
import { ratioOf, summarize, type Summary } from './stats.js';

export type Section = 'size' | 'messaging' | 'history' | 'call' | 'connections' | 'desk' | 'assistant' | 'network';

export interface Figure {
  section: Section;
  /** What was measured, e.g. `one-way latency p50, 100 clients`. */
  name: string;
  unit: string;
  /** Whether a smaller number is better (ratios read accordingly). */
  better: 'lower' | 'higher';
  ours: Summary;
  baseline?: { name: string; value: Summary };
  /** ours.median / baseline.median. */
  ratio?: number;
  target?: { text: string; met: boolean };
  note?: string;
}

/** Builds a figure from raw samples; computes the ratio when a baseline is given. */
export function figure(options: {
  section: Section;
  name: string;
  unit: string;
  better?: 'lower' | 'higher';
  ours: readonly number[];
  baseline?: { name: string; samples: readonly number[] };
  target?: (ours: Summary, ratio: number | undefined) => { text: string; met: boolean };
  note?: string;
}): Figure {
  const ours = summarize(options.ours);
  const result: Figure = { section: options.section, name: options.name, unit: options.unit, better: options.better ?? 'lower', ours };
  if (options.baseline) {
    const value = summarize(options.baseline.samples);
    result.baseline = { name: options.baseline.name, value };
    result.ratio = ratioOf(ours, value);
  }
  if (options.target) result.target = options.target(ours, result.ratio);
  if (options.note) result.note = options.note;
  return result;
}

/** One benchmark's output. */
export interface BenchmarkReport {
  benchmark: string;
  /** The knobs it ran with. */
  config: Record<string, unknown>;
  figures: Figure[];
  /** Anything else worth keeping (per-run raw numbers, environment facts). */
  details?: Record<string, unknown>;
  wallMs: number;
}

/** Writes the report where bench/run.mjs expects it, or prints it when run by hand. */
export function emitReport(report: BenchmarkReport): void {
  const out = process.env['BENCH_OUT'];
  const json = JSON.stringify(report, null, 2);
  if (out) writeFileSync(out, json);
  else console.log(json);
}

/** Progress line on stderr (bench/run.mjs shows it live). */
export function progress(line: string): void {
  process.stderr.write(`  ${line}\n`);
}
