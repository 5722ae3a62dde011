import { Inject, Injectable, Logger } from '@nestjs/common';
import { CountViewsPayload, minuteBucket, PageView, ViewMinuteKey } from '@newsroom/contracts';
import { RedisClient, ViewShard } from '@newsroom/redis';
import { UnrecoverableError } from 'bullmq';
import { ViewsConfig } from '../views.config';
import { hourBucket, isArticleId, MINUTE_BUCKET_SECONDS, pendingField, ShardKeys } from '../view-keys';
import { countViewsScript } from './count-views.script';

/** A batch marker outlives any redelivery BullMQ would make of the batch. */
const BATCH_MARKER_SECONDS = 24 * 3600;

/**
 * Counts a batch of accepted views into Redis: a cap per client address and
 * article, dedup per visitor and article, then one pending counter per article
 * and hour and a count per article in the minute's bucket. Postgres sees the
 * counts when the flusher moves them (every second).
 *
 * Every one of those keys lives in the view shard of its article
 * (RedisKeyspace), so the batch is counted one shard at a time, each by one
 * script in one slot. A gateway sends each shard its own part of a batch, to
 * that shard's queue: then this is one script. A batch holding articles of
 * several shards (one queued before the shards, or by a gateway that counts
 * another number of shards) is split here the same way.
 */
@Injectable()
export class ViewCounter {
  private readonly logger = new Logger(ViewCounter.name);
  private readonly scripts;

  constructor(
    private readonly redis: RedisClient,
    @Inject(ViewsConfig) private readonly config: ViewsConfig,
  ) {
    this.scripts = countViewsScript(redis.unprefixed);
  }

  /** Returns how many views counted; a batch seen before counts nothing. */
  async count(batch: CountViewsPayload, now = new Date()): Promise<number> {
    for (const view of batch.views) {
      // A malformed view would never count on any retry; refusing it keeps it out of the flush, which it would block.
      if (!isArticleId(view.articleId) || typeof view.visitor !== 'string' || !view.visitor || Number.isNaN(new Date(view.at).getTime())) {
        throw new UnrecoverableError(`batch ${batch.batchId} holds a malformed view: ${JSON.stringify(view)}`);
      }
    }
    const parts = this.redis.keyspace.splitByViewShard(batch.views);
    const counted = await Promise.all([...parts].map(([shard, views]) => this.countInShard(shard, batch.batchId, views, now)));
    if (counted.length && counted.every((n) => n < 0)) this.logger.log(`batch ${batch.batchId} was counted before; nothing to do`);
    return counted.reduce((sum, n) => sum + Math.max(0, n), 0);
  }

  /** One shard's part of a batch, in one script; -1 if this part was counted before. */
  private countInShard(shard: ViewShard, batchId: string, views: PageView[], now: Date): Promise<number> {
    const key = (name: string) => this.redis.keyspace.viewShardKey(shard, name);
    const oldestMinute = minuteBucket(now) - MINUTE_BUCKET_SECONDS;
    const keys = [key(ShardKeys.batch(batchId)), key(ShardKeys.pending)];
    const perView: (string | number)[] = [];
    for (const view of views) {
      const at = new Date(view.at);
      // a view from before the cap names no client: its visitor stands in, which can never reach the cap
      const client = typeof view.client === 'string' && view.client ? `c:${view.client}` : `v:${view.visitor}`;
      keys.push(key(ShardKeys.dedup(view.articleId, view.visitor)), key(ShardKeys.client(view.articleId, client)));
      const minute = minuteBucket(at);
      perView.push(pendingField(hourBucket(at), view.articleId), view.articleId, minute > oldestMinute ? minute : '');
    }
    return this.scripts.countViewBatch(
      keys.length,
      ...keys,
      this.config.NEWSROOM_VIEW_DEDUP_SECONDS,
      BATCH_MARKER_SECONDS,
      this.config.NEWSROOM_VIEW_MAX_VISITORS_PER_CLIENT,
      key(ViewMinuteKey.stem),
      MINUTE_BUCKET_SECONDS,
      ...perView,
    );
  }
}
