import databaseGlobalSetup from './global-setup';
import { RedisClusterProcess } from './redis-cluster-process';

/** Where the setup leaves the cluster it started for the teardown (Jest runs both in its own process). */
export const SHARED_CLUSTER = Symbol.for('newsroom.e2e.redisCluster');

/**
 * Jest global setup of the `e2e-cluster` project: the test database (as the
 * `e2e` project makes it, once per run), and one local Redis Cluster (3
 * masters, 3 replicas, deploy/redis-cluster/start.sh) for every suite of the
 * run, named to them in TEST_REDIS_CLUSTER_NODES. Starting one per suite
 * would cost every suite a few seconds; the suites keep apart by key prefix,
 * as they do on the single Redis. A TEST_REDIS_CLUSTER_NODES set beforehand
 * names a cluster of your own instead, which is neither started nor stopped.
 */
export default async function clusterGlobalSetup(globalConfig: Parameters<typeof databaseGlobalSetup>[0]): Promise<void> {
  await databaseGlobalSetup(globalConfig);
  if (process.env.TEST_REDIS_CLUSTER_NODES) return;
  // a node that stops answering is failed over after the default 2 s: no suite here kills one
  const cluster = await RedisClusterProcess.start({ nodeTimeoutMs: 2000 });
  (globalThis as Record<symbol, unknown>)[SHARED_CLUSTER] = cluster;
  process.env.TEST_REDIS_CLUSTER_NODES = cluster.seedNodes;
}
