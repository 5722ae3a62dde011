import type { NewsroomProcesses, RedisClusterProcess } from '@newsroom/testing';

/** What a part of the benchmark starts: apps, on a cluster of its own, with a database of its own. */
export interface OnCluster {
  newsroom?: NewsroomProcesses;
  cluster?: RedisClusterProcess;
  database?: { drop(): Promise<void> };
}

/** Stops the apps, then the cluster, then drops the database, each even when the one before failed. */
export async function stopOnCluster(setup: OnCluster): Promise<void> {
  try {
    await setup.newsroom?.stop();
  } finally {
    try {
      await setup.cluster?.stop();
    } finally {
      await setup.database?.drop();
    }
  }
}
