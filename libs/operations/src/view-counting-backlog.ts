import type { Queue } from 'bullmq';

/** How long the oldest view batch of each lane has waited to be counted, in seconds (0 when none waits). */
export interface ViewCountingBacklog {
  prompt: number;
  bulk: number;
}

/**
 * Reads the age of the oldest batch in each lane of the view-counting queue:
 * the far end of the wait list (the prompt lane's plain jobs) and the first of
 * the prioritized set (the bulk lane: one priority for all, so first in, first
 * out). Two small reads, whatever the backlog's size.
 */
export async function viewCountingBacklog(queue: Queue, now = Date.now()): Promise<ViewCountingBacklog> {
  const [[prompt], [bulk]] = await Promise.all([queue.getJobs(['wait'], 0, 0, true), queue.getJobs(['prioritized'], 0, 0, true)]);
  const age = (job: { timestamp: number } | undefined) => (job ? Math.max(0, now - job.timestamp) / 1000 : 0);
  return { prompt: age(prompt), bulk: age(bulk) };
}
