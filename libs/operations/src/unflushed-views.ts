import { ViewFlushKey } from '@newsroom/contracts';
import { RedisClient } from '@newsroom/redis';
import { ShardKeys } from '@newsroom/view-counting';

/** Counted views not yet in Postgres (so not yet shown), and how long ago the last flush moved any. */
export interface UnflushedViews {
  /** article-and-hour counters waiting for the next flush, over every view shard */
  counters: number;
  /** seconds since the last flush (null: none recorded, e.g. Redis lost its data) */
  sinceLastFlushSeconds: number | null;
  /** how much later than the flush interval the waiting counts will show: 0 when none waits */
  lagSeconds: number;
}

/**
 * Readers' views are counted as they arrive (the site), then shown once the
 * views service flushes them to Postgres, every second. While it is down or
 * behind they wait in the shards' pending hashes: nothing is lost, but
 * counts show late. One HLEN per shard and one GET, whatever the load.
 */
export async function unflushedViews(redis: RedisClient, now = Date.now()): Promise<UnflushedViews> {
  const { keyspace } = redis;
  const [lengths, flushedAt] = await Promise.all([
    Promise.all(keyspace.viewShards.map((shard) => redis.unprefixed.hlen(keyspace.viewShardKey(shard, ShardKeys.pending)))),
    redis.get(ViewFlushKey.flushedAt),
  ]);
  const counters = lengths.reduce((sum, n) => sum + n, 0);
  const sinceLastFlushSeconds = flushedAt === null ? null : Math.max(0, now - Number(flushedAt)) / 1000;
  // no flush on record while counts wait: as late as anything can be said to be, reported as the promise broken
  const lagSeconds = counters === 0 ? 0 : (sinceLastFlushSeconds ?? Number.POSITIVE_INFINITY);
  return { counters, sinceLastFlushSeconds, lagSeconds };
}
