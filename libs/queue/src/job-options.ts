import type { DefaultJobOptions } from 'bullmq';

/**
 * Retention and retry defaults for every queue, in one place. Completed jobs
 * are kept for a day so that a deterministic job id added again (a relayed
 * outbox event, a re-sent publish) is recognised as a duplicate meanwhile.
 */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/**
 * Webhook deliveries: the first retry within a few seconds, then doubling;
 * 13 attempts at 2 s base span 2+4+...+4096 s, about 2.3 hours (the contract asks at least an hour).
 */
export const WEBHOOK_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 13,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: { age: 14 * 24 * 3600 },
};
