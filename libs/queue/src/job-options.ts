import type { BackoffStrategy, DefaultJobOptions } from 'bullmq';

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

/** The backoff type the edge-purge worker implements (EDGE_PURGE_WORKER_SETTINGS). */
const CAPPED_EXPONENTIAL = 'capped-exponential';
const EDGE_PURGE_FIRST_RETRY_MS = 1000;
const EDGE_PURGE_LONGEST_WAIT_MS = 60_000;

/**
 * Edge purges retry until the edge confirms: a page the edge kept would
 * outlive the change. Waits double from 1 s but stop growing at 60 s, so once
 * a down edge is back its purges go out within a minute, not hours later;
 * 126 attempts wait 1+2+...+32 s, then 119 x 60 s: about 2 hours. A purge still
 * failing after that stays failed (newsroom_queue_jobs{queue="edge-purge",
 * state="failed"}) for a week; by then the page's own s-maxage has long
 * dropped it.
 */
export const EDGE_PURGE_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 126,
  backoff: { type: CAPPED_EXPONENTIAL, delay: EDGE_PURGE_FIRST_RETRY_MS },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** 1 s, 2 s, 4 s, ... doubling after each failed attempt, never more than 60 s. */
export const cappedExponentialBackoff: BackoffStrategy = (attemptsMade) =>
  Math.min(EDGE_PURGE_FIRST_RETRY_MS * 2 ** Math.max(0, attemptsMade - 1), EDGE_PURGE_LONGEST_WAIT_MS);

/**
 * What the edge-purge worker adds to WORKER_OPTIONS: BullMQ calls a worker's
 * own strategy for a backoff type it does not know (CAPPED_EXPONENTIAL).
 */
export const EDGE_PURGE_WORKER_SETTINGS = { backoffStrategy: cappedExponentialBackoff } as const;

/**
 * Worker options every processor spreads into `@Processor(queue, { ...WORKER_OPTIONS, concurrency })`.
 * A worker that dies (SIGKILL, a lost machine) holds its jobs' locks until they
 * run out: a 10 s lock renewed every 5 s, checked for stalls every 5 s, hands such
 * a job to another worker within seconds instead of BullMQ's default 30-60 s.
 * Jobs here are short, so a renewal missed under load would be a real problem
 * long before 10 s.
 */
export const WORKER_OPTIONS = {
  lockDuration: 10_000,
  stalledInterval: 5_000,
  maxStalledCount: 2,
} as const;

/**
 * Per-job options for the many small jobs that carry their own deduplication
 * (view batches have a batch id, flushes a flush id, both checked by the views
 * service): keeping them once completed buys nothing and would hold thousands
 * of view batches in Redis each hour.
 */
export const HIGH_VOLUME_JOB_OPTIONS = {
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
} as const;
