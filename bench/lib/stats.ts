/** Percentile by nearest rank over a copy of the samples (p in 0..100). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

export interface Summary {
  n: number;
  min: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export function summarize(samples: readonly number[]): Summary {
  return {
    n: samples.length,
    min: Math.min(...samples),
    p50: percentile(samples, 50),
    p90: percentile(samples, 90),
    p99: percentile(samples, 99),
    max: Math.max(...samples),
  };
}

/** Runs `trial` `runs` times and returns the median of each numeric field: this machine is noisy. */
export async function medianOfRuns<T extends Record<string, number>>(runs: number, trial: (run: number) => Promise<T>): Promise<{ median: T; runs: T[] }> {
  const results: T[] = [];
  for (let run = 0; run < runs; run++) results.push(await trial(run));
  const keys = Object.keys(results[0]) as (keyof T)[];
  const med = Object.fromEntries(keys.map((k) => [k, median(results.map((r) => r[k] as number))])) as T;
  return { median: med, runs: results };
}
