import { Logger, Provider } from '@nestjs/common';
import type { BaseConfig } from '@newsroom/config';
import { CountViewsPayload, minuteBucket, PageView, ViewMinuteKey } from '@newsroom/contracts';
import { RedisClient, ViewShard } from '@newsroom/redis';
import { UnrecoverableError } from 'bullmq';
import { countViewsScript } from './count-views.script';
import { hourBucket, isArticleId, MINUTE_BUCKET_SECONDS, ShardKeys } from './shard-keys';

/** The rules a view must pass to count (NEWSROOM_VIEW_DEDUP_SECONDS, NEWSROOM_VIEW_MAX_VISITORS_PER_CLIENT). */
export interface CountingRules {
  /** a visitor's repeat view of an article within this many seconds counts once */
  dedupSeconds: number;
  /** distinct visitors one client address may add to one article's count per dedup window */
  maxVisitorsPerClient: number;
}

/** The app's ViewCounter, with the rules from its settings (`config`: the app's settings class, a BaseConfig). */
export function viewCounterProvider(config: abstract new (...args: never[]) => BaseConfig): Provider {
  return {
    provide: ViewCounter,
    inject: [RedisClient, config],
    useFactory: (redis: RedisClient, settings: BaseConfig) =>
      new ViewCounter(redis, { dedupSeconds: settings.NEWSROOM_VIEW_DEDUP_SECONDS, maxVisitorsPerClient: settings.NEWSROOM_VIEW_MAX_VISITORS_PER_CLIENT }),
  };
}

/** A batch marker outlives any redelivery BullMQ would make of the batch. */
const BATCH_MARKER_SECONDS = 24 * 3600;

/**
 * Where a batch comes from, which decides what keeps it from counting twice.
 * Every view is guarded by its visitor's dedup key: a part counted again
 * within the dedup window finds every key it set and counts nothing. `queue`:
 * a CountViews job, which BullMQ may deliver again hours later (a retry after
 * back-off), so its part also leaves a marker for a day. `arrival`: views the
 * site counts as they arrive, sent again only by ioredis after a reconnect;
 * the dedup keys are guard enough, and a marker a day for every few views
 * (a batch per turn of the site's event loop) was more of Redis's memory than
 * the views' own keys.
 */
export type BatchOrigin = 'queue' | 'arrival';

/**
 * Counts a batch of accepted views into Redis: a cap per client address and
 * article, dedup per visitor and article, then one pending counter per article
 * and hour and a count per article in the minute's bucket. Postgres sees the
 * counts when the flusher moves them (every second).
 *
 * Every one of those keys lives in the view shard of its article
 * (RedisKeyspace), so the batch is counted one shard at a time, each by one
 * script in one slot, and a batch holding articles of several shards is split
 * here. Two apps count with it: the site counts readers' views as they arrive
 * (the prompt lane), and the views service counts the batches queued on the
 * bulk lane and any left by earlier versions. A part counted twice (a
 * redelivered job, a script ioredis sent again after a reconnect) counts
 * once: BatchOrigin says how.
 *
 * With NEWSROOM_REDIS_WAIT_REPLICAS, each part's counts are on that many
 * replicas of its master before count() resolves: the site answers 202 only
 * then, so a view it acknowledged survives the failover of its master.
 */
export class ViewCounter {
  private readonly logger = new Logger(ViewCounter.name);
  private readonly scripts;

  constructor(
    private readonly redis: RedisClient,
    private readonly rules: CountingRules,
  ) {
    this.scripts = countViewsScript(redis.unprefixed);
  }

  /** Returns how many views counted; a batch seen before counts nothing. */
  async count(batch: CountViewsPayload, origin: BatchOrigin = 'queue', now = new Date()): Promise<number> {
    for (const view of batch.views) {
      // A malformed view would never count on any retry; refusing it keeps it out of the flush, which it would block.
      if (!isArticleId(view.articleId) || typeof view.visitor !== 'string' || !view.visitor || Number.isNaN(new Date(view.at).getTime())) {
        throw new UnrecoverableError(`batch ${batch.batchId} holds a malformed view: ${JSON.stringify(view)}`);
      }
    }
    const parts = this.redis.keyspace.splitByViewShard(batch.views);
    const counted = await Promise.all([...parts].map(([shard, views]) => this.countInShard(shard, batch.batchId, views, origin === 'queue' ? BATCH_MARKER_SECONDS : 0, now)));
    if (counted.length && counted.every((n) => n < 0)) this.logger.log(`batch ${batch.batchId} was counted before; nothing to do`);
    return counted.reduce((sum, n) => sum + Math.max(0, n), 0);
  }

  /** One shard's part of a batch, in one script; -1 if this part was counted before. */
  private async countInShard(shard: ViewShard, batchId: string, views: PageView[], markerSeconds: number, now: Date): Promise<number> {
    const key = (name: string) => this.redis.keyspace.viewShardKey(shard, name);
    const oldestMinute = minuteBucket(now) - MINUTE_BUCKET_SECONDS;
    const perView: (string | number)[] = [];
    for (const view of views) {
      const at = new Date(view.at);
      // a view from before the cap names no client: its visitor stands in, which can never reach the cap
      const client = typeof view.client === 'string' && view.client ? `c:${view.client}` : `v:${view.visitor}`;
      const minute = minuteBucket(at);
      perView.push(view.articleId, view.visitor, client, hourBucket(at), minute > oldestMinute ? minute : '');
    }
    const pending = key(ShardKeys.pending);
    const counted = await this.scripts.countViewBatch(
      2,
      key(ShardKeys.batch(batchId)),
      pending,
      this.rules.dedupSeconds,
      markerSeconds,
      this.rules.maxVisitorsPerClient,
      key(ViewMinuteKey.stem),
      MINUTE_BUCKET_SECONDS,
      key(ShardKeys.dedupStem),
      key(ShardKeys.clientStem),
      ...perView,
    );
    // the same connection that ran the script (WAIT counts that connection's writes)
    await this.redis.replicaAcks.confirm(this.redis.unprefixed, pending);
    return counted;
  }
}
