import { WEBHOOK_JOB_OPTIONS } from '@newsroom/queue';
import { Backoffs } from 'bullmq';

/**
 * The contract promises receivers retries "the first within a few seconds, for
 * at least an hour". The delays are computed with BullMQ's own backoff code, so
 * a change of strategy, base delay or attempts is judged as BullMQ will run it.
 */
describe('webhook delivery retries (WEBHOOK_JOB_OPTIONS as BullMQ applies them)', () => {
  const backoff = Backoffs.normalize(WEBHOOK_JOB_OPTIONS.backoff!)!;
  const attempts = WEBHOOK_JOB_OPTIONS.attempts!;
  // BullMQ asks for the delay after each failed attempt but the last, passing how many attempts were made.
  const delaysMs = Array.from({ length: attempts - 1 }, (_, i) => Number(Backoffs.calculate(backoff, i + 1, new Error('receiver down'), undefined as never)));

  it('retries the first failure within a few seconds', () => {
    expect(delaysMs[0]).toBeGreaterThan(0);
    expect(delaysMs[0]).toBeLessThanOrEqual(5_000);
  });

  it('backs off exponentially: each wait at least doubles the one before', () => {
    for (let i = 1; i < delaysMs.length; i++) expect(delaysMs[i]).toBeGreaterThanOrEqual(2 * delaysMs[i - 1]);
  });

  it('keeps retrying for at least an hour after the first attempt', () => {
    const windowMs = delaysMs.reduce((sum, d) => sum + d, 0);
    expect(windowMs).toBeGreaterThanOrEqual(3600_000);
  });

  it('keeps a failed delivery (and its attempts) long enough to look into', () => {
    expect(WEBHOOK_JOB_OPTIONS.removeOnFail).toMatchObject({ age: expect.any(Number) });
    expect((WEBHOOK_JOB_OPTIONS.removeOnFail as { age: number }).age).toBeGreaterThanOrEqual(24 * 3600);
  });
});
