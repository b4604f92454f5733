/** Small numeric helpers shared by the bench, the eval and their smoke test. */

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

/**
 * The p-th percentile (0–100) by the nearest-rank method: the smallest sample such that at least
 * p% of the samples are ≤ it. With 200 samples p99 is the 198th smallest, so one outlier in a
 * hundred cannot hide. Throws on an empty sample: a percentile of nothing is a bug upstream.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError("percentile of an empty sample");
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function percentiles(samples: readonly number[]): Percentiles {
  return {
    p50: round(percentile(samples, 50), 3),
    p95: round(percentile(samples, 95), 3),
    p99: round(percentile(samples, 99), 3),
  };
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

export const MB = 1024 * 1024;
