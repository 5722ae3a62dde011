import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { ViewFlushKey } from '@newsroom/contracts';
import { pgArray } from '@newsroom/database';
import { RedisClient, ViewShard } from '@newsroom/redis';
import { randomUUID } from 'node:crypto';
import { HourCount, PopularRanking } from '../popular/popular-ranking.service';
import { RankingRebuild } from '../popular/ranking-rebuild';
import { RubricChanges } from '../popular/rubric-changes';
import { parsePendingField, ShardKeys } from '@newsroom/view-counting';
import { claimScripts } from './claim-pending.script';
import { FlushLock } from './flush-lock';

/**
 * One statement, so one transaction: record the flush id, then add its counts
 * to the hourly rows and the totals. If the flush id is there already, the
 * counts were added before (a crash after the commit and before Redis was
 * cleaned up) and nothing is added again; a concurrent flusher of the same id
 * waits on the id's row and then adds nothing. Views of articles that do not
 * exist (any more) are dropped by the join. Rows are written in key order so
 * that concurrent flushes lock them in the same order.
 */
const APPLY_FLUSH = `
with flush as (
  insert into view_flushes (id, views, at) values (?, ?, now()) on conflict (id) do nothing returning id
), counted as (
  select c.article_id, to_timestamp(c.hour_epoch) as hour, c.views
    from unnest(?::uuid[], ?::bigint[], ?::bigint[]) as c(article_id, hour_epoch, views)
    join articles a on a.id = c.article_id
   where exists (select 1 from flush)
), hours as (
  insert into article_view_hours (article_id, hour, views)
  select article_id, hour, views from counted order by article_id, hour
  on conflict (article_id, hour) do update set views = article_view_hours.views + excluded.views
)
insert into article_view_totals (article_id, views)
select article_id, sum(views) from counted group by article_id order by article_id
on conflict (article_id) do update set views = article_view_totals.views + excluded.views`;

/**
 * Moves counted views from Redis to Postgres (article_view_hours and
 * article_view_totals) and into the Populer ranking, exactly once: claim each
 * view shard's pending counters under one flush id, apply them in one
 * transaction keyed by that id, add them to the ranking once (a marker keyed
 * by the id, see PopularRanking.applyFlush), then forget the flush in each
 * shard. A crash between any two steps leaves the flush id behind in the
 * shards that claimed it, and the next run applies it again: a no-op in
 * Postgres if it had committed, and in the ranking if it had been added. The
 * same run then moves the ranking's windows on, moves articles whose rubric
 * changed to their rubric's lists, and rebuilds the ranking if Redis lost it.
 *
 * The shards' counts are folded into the one ranking here, once a second,
 * rather than each shard keeping a partial ranking merged on every read:
 * the ranking's windows, hour buckets and rubric moves then stay one
 * single-slot structure with one writer (this flusher, under its lock), the
 * gateway reads a page with one ZREVRANGE as before, and the fold costs a
 * claim and a read per shard per second, far from the counting hot path.
 *
 * With NEWSROOM_REDIS_WAIT_REPLICAS, each step waits for the replicas before
 * the next builds on it: a failover to a replica that missed a claim would
 * otherwise give the claimed counts back to `pending`, and Postgres would get
 * them twice.
 */
@Injectable()
export class ViewFlusher {
  private readonly logger = new Logger(ViewFlusher.name);
  private readonly scripts;

  constructor(
    private readonly redis: RedisClient,
    private readonly em: EntityManager,
    private readonly lock: FlushLock,
    private readonly ranking: PopularRanking,
    private readonly rebuild: RankingRebuild,
    private readonly rubricChanges: RubricChanges,
  ) {
    this.scripts = claimScripts(redis.unprefixed);
  }

  /** Claims what is pending in every shard and applies it, together with any flush a crashed run left behind. */
  async flush(): Promise<void> {
    const lock = await this.lock.tryAcquire();
    if (!lock) return; // another flush is running; it takes what is pending now too
    try {
      const flushId = randomUUID();
      const shards = this.redis.keyspace.viewShards;
      await Promise.all(shards.map((shard) => this.claim(shard, flushId)));
      for (const [id, holders] of await this.openFlushes()) await this.apply(id, holders);
      // what was counted before this flush is in Postgres now (/health's flush figures)
      await this.redis.set(ViewFlushKey.flushedAt, String(Date.now()));
      await this.ranking.advanceWindows();
      await this.rubricChanges.apply();
      await this.rebuild.rebuildIfMissing(lock);
    } finally {
      await lock.release();
    }
  }

  /** Every flush id some shard still holds, with the shards holding it. */
  async openFlushes(): Promise<Map<string, ViewShard[]>> {
    const open = new Map<string, ViewShard[]>();
    const ids = await Promise.all(this.redis.keyspace.viewShards.map((shard) => this.redis.unprefixed.smembers(this.key(shard, ShardKeys.flushes))));
    this.redis.keyspace.viewShards.forEach((shard, i) => {
      for (const id of ids[i]) open.set(id, [...(open.get(id) ?? []), shard]);
    });
    return open;
  }

  private async claim(shard: ViewShard, flushId: string): Promise<void> {
    const claimed = await this.scripts.claimPendingViews(
      this.key(shard, ShardKeys.pending),
      this.key(shard, ShardKeys.flushing(flushId)),
      this.key(shard, ShardKeys.flushes),
      flushId,
    );
    if (claimed) await this.redis.replicaAcks.confirm(this.redis.unprefixed, this.key(shard, ShardKeys.flushes));
  }

  private async apply(flushId: string, holders: ViewShard[]): Promise<void> {
    const parts = await Promise.all(holders.map((shard) => this.redis.unprefixed.hgetall(this.key(shard, ShardKeys.flushing(flushId)))));
    // an article's counts are in one shard, unless the shard count changed: then the parts add up
    const byField = new Map<string, HourCount>();
    for (const [field, value] of parts.flatMap((counts) => Object.entries(counts))) {
      const bucket = parsePendingField(field);
      if (!bucket || !/^\d+$/.test(value)) {
        this.logger.warn(`flush ${flushId}: dropping a counter this service never writes (${field} = ${value})`);
        continue;
      }
      const seen = byField.get(field);
      if (seen) seen.views += Number(value);
      else byField.set(field, { ...bucket, views: Number(value) });
    }
    const hourCounts = [...byField.values()];
    if (hourCounts.length) {
      const total = hourCounts.reduce((sum, c) => sum + c.views, 0);
      await this.em
        .fork()
        .getConnection()
        .execute(APPLY_FLUSH, [
          flushId,
          total,
          pgArray(hourCounts.map((c) => c.articleId)),
          pgArray(hourCounts.map((c) => String(c.hour))),
          pgArray(hourCounts.map((c) => String(c.views))),
        ]);
    }
    await this.ranking.applyFlush(flushId, hourCounts);
    await Promise.all(
      holders.map(async (shard) => {
        await this.scripts.forgetViewFlush(this.key(shard, ShardKeys.flushing(flushId)), this.key(shard, ShardKeys.flushes), flushId);
        await this.redis.replicaAcks.confirm(this.redis.unprefixed, this.key(shard, ShardKeys.flushes));
      }),
    );
    await this.ranking.forgetFlush(flushId);
  }

  private key(shard: ViewShard, name: string): string {
    return this.redis.keyspace.viewShardKey(shard, name);
  }
}
