import { SHARED_CLUSTER } from './cluster-global-setup';
import type { RedisClusterProcess } from './redis-cluster-process';

/** Jest global teardown of the `e2e-cluster` project: stops the cluster its setup started. */
export default async function clusterGlobalTeardown(): Promise<void> {
  const cluster = (globalThis as Record<symbol, unknown>)[SHARED_CLUSTER] as RedisClusterProcess | undefined;
  if (!cluster) return;
  delete (globalThis as Record<symbol, unknown>)[SHARED_CLUSTER];
  delete process.env.TEST_REDIS_CLUSTER_NODES;
  await cluster.stop();
}
