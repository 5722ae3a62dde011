import type { Queue } from 'bullmq';

/** How long the oldest view batch of each lane has waited to be counted, in seconds (0 when none waits). */
export interface ViewCountingBacklog {
  prompt: number;
  bulk: number;
}

/**
 * Reads the age of the oldest batch in each lane of the view-counting queues
 * (one per view shard; the oldest of them all): the far end of the wait list
 * (the prompt lane's plain jobs) and the first of the prioritized set (the
 * bulk lane: one priority for all, so first in, first out). Two small reads
 * per queue, whatever the backlog's size.
 */
export async function viewCountingBacklog(queues: Queue[], now = Date.now()): Promise<ViewCountingBacklog> {
  const oldest = await Promise.all(queues.map((queue) => Promise.all([queue.getJobs(['wait'], 0, 0, true), queue.getJobs(['prioritized'], 0, 0, true)])));
  const age = (job: { timestamp: number } | undefined) => (job ? Math.max(0, now - job.timestamp) / 1000 : 0);
  return { prompt: Math.max(0, ...oldest.map(([[prompt]]) => age(prompt))), bulk: Math.max(0, ...oldest.map(([, [bulk]]) => age(bulk))) };
}
