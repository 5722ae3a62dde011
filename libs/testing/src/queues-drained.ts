import { Queue } from 'bullmq';
import { QueueName } from '@newsroom/contracts';
import { eventually } from './eventually';
import { testRedisClusterNodes, testRedisUrl } from './test-env';

/**
 * Waits until the suite's queues (all, or the ones named: those whose consumer
 * runs in the suite) have no waiting, active or prioritized jobs. Delayed ones,
 * such as future publishes and claim expiries, may remain. The single test
 * Redis only (the benchmarks'); suites use NewsroomProcesses' own, which
 * follows the apps to a cluster and to every view shard's queue.
 */
export async function waitForQueuesToDrain(redisPrefix: string, options: { queues?: QueueName[]; timeoutMs?: number } = {}): Promise<void> {
  if (testRedisClusterNodes()) throw new Error('on a Redis Cluster the queues are where the apps put them: use newsroom.waitForQueuesToDrain()');
  const { queues: names = Object.values(QueueName), timeoutMs = 15_000 } = options;
  const url = new URL(testRedisUrl());
  const queues = names.map(
    (name) => new Queue(name, { connection: { host: url.hostname, port: Number(url.port || 6379) }, prefix: `{${redisPrefix}-queues}` }),
  );
  await untilDrained(queues, timeoutMs);
}

/** Waits until none of `queues` has a job waiting or under way, then closes them (also on a timeout). */
export async function untilDrained(queues: Queue[], timeoutMs: number): Promise<void> {
  try {
    await eventually(
      async () => {
        const counts = await Promise.all(queues.map((q) => q.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children')));
        return counts.every((c) => Object.values(c).every((n) => n === 0));
      },
      { timeoutMs, intervalMs: 100, what: 'the queues to drain' },
    );
  } finally {
    await Promise.all(queues.map((q) => q.close()));
  }
}
