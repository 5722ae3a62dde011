import { medianOfRuns, percentile, summarize } from './stats';

describe('benchmark statistics', () => {
  it('takes percentiles by nearest rank', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
  });

  it('summarizes without reordering the caller\'s samples', () => {
    const samples = [5, 1, 3];
    expect(summarize(samples)).toEqual({ n: 3, min: 1, p50: 3, p90: 5, p99: 5, max: 5 });
    expect(samples).toEqual([5, 1, 3]);
  });

  it('reports the median of each field over repeated runs', async () => {
    const values = [{ rps: 10 }, { rps: 30 }, { rps: 20 }];
    const { median } = await medianOfRuns(3, async (run) => values[run]);
    expect(median).toEqual({ rps: 20 });
  });
});
