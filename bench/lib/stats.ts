/** Order statistics of benchmark samples: median and spread, never a bare mean. */

/** Median, spread and tail of a set of samples (all in the samples' unit). */
export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
  /** First and third quartiles. */
  q1: number;
  q3: number;
  p95: number;
  p99: number;
}

/** The `p`-th percentile (0..100) of ascending `sorted`, linearly interpolated. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = sorted[low] ?? Number.NaN;
  const b = sorted[high] ?? Number.NaN;
  return a + (b - a) * (rank - low);
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = samples.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: percentile(sorted, 50),
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
    q1: percentile(sorted, 25),
    q3: percentile(sorted, 75),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

/** Ratio of medians (ours / baseline); NaN when the baseline is missing or zero. */
export function ratioOf(ours: Summary, baseline: Summary): number {
  return baseline.median === 0 || !Number.isFinite(baseline.median) ? Number.NaN : ours.median / baseline.median;
}
