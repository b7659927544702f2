/** Summaries of timing samples: medians for steady costs, high percentiles for latencies a user feels. */

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  // Nearest-rank: the p95 of 500 samples is the 475th value, never an interpolation between two.
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

/**
 * The median of per-round ratios of two series measured in the same rounds: a burst of load on
 * the machine slows both members of a pair, so it cancels out of each ratio.
 */
export function pairedRatio(numerators: readonly number[], denominators: readonly number[]): number {
  const ratios = numerators.map((value, i) => value / denominators[i]!).filter(Number.isFinite);
  return median(ratios);
}

export interface Summary {
  runs: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

export function summarize(samples: readonly number[]): Summary {
  return {
    runs: samples.length,
    median: round(median(samples)),
    p95: round(percentile(samples, 95)),
    min: round(Math.min(...samples)),
    max: round(Math.max(...samples)),
  };
}

/** Four significant decimals are more than any of these clocks resolve. */
export const round = (value: number) => Math.round(value * 10_000) / 10_000;

/** A seeded generator (mulberry32), so every run benchmarks the same pages and the same points. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}
