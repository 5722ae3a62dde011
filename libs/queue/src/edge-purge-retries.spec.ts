import { Backoffs } from 'bullmq';
import { EDGE_PURGE_JOB_OPTIONS, EDGE_PURGE_WORKER_SETTINGS } from './job-options';

/**
 * Edge purges retry "until the edge confirms": the waits are computed with
 * BullMQ's own backoff code and the worker's strategy, as a worker runs them.
 */
describe('edge purge retries (EDGE_PURGE_JOB_OPTIONS with the worker\'s strategy)', () => {
  const backoff = Backoffs.normalize(EDGE_PURGE_JOB_OPTIONS.backoff!)!;
  const attempts = EDGE_PURGE_JOB_OPTIONS.attempts!;
  const delaysMs = Array.from({ length: attempts - 1 }, (_, i) =>
    Number(Backoffs.calculate(backoff, i + 1, new Error('edge down'), undefined as never, EDGE_PURGE_WORKER_SETTINGS.backoffStrategy)),
  );

  it('retries the first failure after a second, then doubles', () => {
    expect(delaysMs.slice(0, 6)).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000]);
  });

  it('never waits more than a minute, so a purge goes out within a minute of the edge coming back', () => {
    expect(Math.max(...delaysMs)).toBe(60_000);
  });

  it('keeps retrying for at least an hour', () => {
    expect(delaysMs.reduce((sum, d) => sum + d, 0)).toBeGreaterThanOrEqual(3600_000);
  });

  it('keeps a purge that gave up long enough to be seen in /metrics', () => {
    expect((EDGE_PURGE_JOB_OPTIONS.removeOnFail as { age: number }).age).toBeGreaterThanOrEqual(24 * 3600);
  });
});
