import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JobName, minuteBucket, PAYLOAD_SCHEMA_VERSION, QueueName, TrendingKey, TrendingRanking, ViewMinuteKey } from '@newsroom/contracts';
import { HIGH_VOLUME_JOB_OPTIONS, JobProducer } from '@newsroom/queue';
import { RedisClient } from '@newsroom/redis';
import { ViewsConfig } from '../views.config';
import { rankTrending, trendingMinutes } from './trending-ranking';

/** Stored in Redis: every replica upserts the same scheduler, so there is one, never renamed. */
export const TRENDING_SCHEDULER_ID = 'refresh-trending';

/**
 * "Naik Daun": every NEWSROOM_TRENDING_REFRESH_MS (a BullMQ job scheduler on
 * view-upkeep, one for all replicas) the last 75 minute buckets of every view
 * shard are summed per article and ranked (rankTrending); the ranking is
 * stored as one small JSON value the site reads. Each shard's buckets live
 * under the shard's hash tag, so on Redis Cluster each read stays in one slot.
 * Safe to run twice or on two replicas at once: both write the same answer.
 */
@Injectable()
export class TrendingRefresh implements OnApplicationBootstrap {
  private readonly logger = new Logger(TrendingRefresh.name);

  constructor(
    private readonly redis: RedisClient,
    private readonly producer: JobProducer,
    @Inject(ViewsConfig) private readonly config: ViewsConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.producer.queue(QueueName.ViewUpkeep).upsertJobScheduler(
      TRENDING_SCHEDULER_ID,
      { every: this.config.NEWSROOM_TRENDING_REFRESH_MS },
      { name: JobName.RefreshTrending, data: { schema: PAYLOAD_SCHEMA_VERSION }, opts: HIGH_VOLUME_JOB_OPTIONS },
    );
  }

  async refresh(now = new Date()): Promise<number> {
    const { recent, previous } = trendingMinutes(minuteBucket(now));
    const [recentViews, previousViews] = await Promise.all([this.sum(recent), this.sum(previous)]);
    const ranking: TrendingRanking = { computedAt: now.toISOString(), items: rankTrending(recentViews, previousViews) };
    // outlives a few missed refreshes; a views service that stopped leaves no stale "Naik Daun" behind for long
    await this.redis.set(TrendingKey.ranking, JSON.stringify(ranking), 'PX', Math.max(60_000, this.config.NEWSROOM_TRENDING_REFRESH_MS * 12));
    this.logger.debug(`trending: ${ranking.items.length} article(s) rising`);
    return ranking.items.length;
  }

  /** Views per article over these minutes, across every view shard. */
  private async sum(minutes: number[]): Promise<Map<string, number>> {
    const { keyspace } = this.redis;
    const buckets = await Promise.all(
      keyspace.viewShards.flatMap((shard) => minutes.map((minute) => this.redis.unprefixed.hgetall(keyspace.viewShardKey(shard, ViewMinuteKey.minute(minute))))),
    );
    const totals = new Map<string, number>();
    for (const bucket of buckets) for (const [articleId, views] of Object.entries(bucket)) totals.set(articleId, (totals.get(articleId) ?? 0) + Number(views));
    return totals;
  }
}
