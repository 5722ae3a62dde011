import { Inject, Injectable, Logger } from '@nestjs/common';
import { CountViewsPayload, minuteBucket, ViewMinuteKey } from '@newsroom/contracts';
import { RedisClient } from '@newsroom/redis';
import { UnrecoverableError } from 'bullmq';
import { ViewsConfig } from '../views.config';
import { hourBucket, isArticleId, MINUTE_BUCKET_SECONDS, pendingField, ViewKeys } from '../view-keys';
import { countViewsScript } from './count-views.script';

/** A batch marker outlives any redelivery BullMQ would make of the batch. */
const BATCH_MARKER_SECONDS = 24 * 3600;

/**
 * Counts a batch of accepted views into Redis: a cap per client address and
 * article, dedup per visitor and article, then one pending counter per article
 * and hour and a count per article in the minute's bucket. Postgres sees the
 * counts when the flusher moves them (every second).
 */
@Injectable()
export class ViewCounter {
  private readonly logger = new Logger(ViewCounter.name);
  private readonly scripts;
  private readonly minuteStem: string;

  constructor(
    redis: RedisClient,
    @Inject(ViewsConfig) private readonly config: ViewsConfig,
  ) {
    this.scripts = countViewsScript(redis);
    this.minuteStem = (redis.options.keyPrefix ?? '') + ViewMinuteKey.stem;
  }

  /** Returns how many views counted; a batch seen before counts nothing. */
  async count(batch: CountViewsPayload, now = new Date()): Promise<number> {
    const oldestMinute = minuteBucket(now) - MINUTE_BUCKET_SECONDS;
    const keys = [ViewKeys.batch(batch.batchId), ViewKeys.pending];
    const perView: (string | number)[] = [];
    for (const view of batch.views) {
      const at = new Date(view.at);
      // A malformed view would never count on any retry; refusing it keeps it out of the flush, which it would block.
      if (!isArticleId(view.articleId) || typeof view.visitor !== 'string' || !view.visitor || Number.isNaN(at.getTime())) {
        throw new UnrecoverableError(`batch ${batch.batchId} holds a malformed view: ${JSON.stringify(view)}`);
      }
      // a view from before the cap names no client: its visitor stands in, which can never reach the cap
      const client = typeof view.client === 'string' && view.client ? `c:${view.client}` : `v:${view.visitor}`;
      keys.push(ViewKeys.dedup(view.articleId, view.visitor), ViewKeys.client(view.articleId, client));
      const minute = minuteBucket(at);
      perView.push(pendingField(hourBucket(at), view.articleId), view.articleId, minute > oldestMinute ? minute : '');
    }
    const counted = await this.scripts.countViewBatch(
      keys.length,
      ...keys,
      this.config.NEWSROOM_VIEW_DEDUP_SECONDS,
      BATCH_MARKER_SECONDS,
      this.config.NEWSROOM_VIEW_MAX_VISITORS_PER_CLIENT,
      this.minuteStem,
      MINUTE_BUCKET_SECONDS,
      ...perView,
    );
    if (counted < 0) this.logger.log(`batch ${batch.batchId} was counted before; nothing to do`);
    return Math.max(0, counted);
  }
}
