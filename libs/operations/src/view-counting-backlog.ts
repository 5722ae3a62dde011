import type { Queue } from 'bullmq';

/** How long the oldest view batch of each lane has waited to be counted, in seconds (0 when none waits), and how many wait. */
export interface ViewCountingBacklog {
  prompt: number;
  bulk: number;
  /** batches waiting per lane, over every view shard */
  batches: { prompt: number; bulk: number };
}

/**
 * Reads the age of the oldest batch in each lane of the view-counting queues
 * (one per view shard; the oldest of them all): the far end of the wait list
 * (the prompt lane's plain jobs) and the first of the prioritized set (the
 * bulk lane: one priority for all, so first in, first out), and the lengths
 * of both. A few small reads per queue, whatever the backlog's size.
 */
export async function viewCountingBacklog(queues: Queue[], now = Date.now()): Promise<ViewCountingBacklog> {
  const perQueue = await Promise.all(
    queues.map((queue) => Promise.all([queue.getJobs(['wait'], 0, 0, true), queue.getJobs(['prioritized'], 0, 0, true), queue.getJobCounts('wait', 'prioritized')])),
  );
  const age = (job: { timestamp: number } | undefined) => (job ? Math.max(0, now - job.timestamp) / 1000 : 0);
  return {
    prompt: Math.max(0, ...perQueue.map(([[prompt]]) => age(prompt))),
    bulk: Math.max(0, ...perQueue.map(([, [bulk]]) => age(bulk))),
    batches: {
      prompt: perQueue.reduce((sum, [, , counts]) => sum + (counts.wait ?? 0), 0),
      bulk: perQueue.reduce((sum, [, , counts]) => sum + (counts.prioritized ?? 0), 0),
    },
  };
}
