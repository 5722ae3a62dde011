import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { pgArray } from '@newsroom/database';
import { RedisClient } from '@newsroom/redis';
import { randomUUID } from 'node:crypto';
import { HourCount, PopularRanking } from '../popular/popular-ranking.service';
import { RankingRebuild } from '../popular/ranking-rebuild';
import { RubricChanges } from '../popular/rubric-changes';
import { parsePendingField, ViewKeys } from '../view-keys';
import { claimPendingScript } from './claim-pending.script';
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
 * article_view_totals) and into the Populer ranking, exactly once: claim the
 * pending counters under a flush id, apply them in one transaction keyed by
 * that id, then add them to the ranking and forget them in one Redis script.
 * A crash between any two steps leaves the flush id behind, and the next run
 * applies it again: a no-op in Postgres if it had committed, and in the
 * ranking if the script had run. The same run then moves the ranking's
 * windows on, moves articles whose rubric changed to their rubric's lists,
 * and rebuilds the ranking if Redis lost it.
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
    this.scripts = claimPendingScript(redis);
  }

  /** Claims what is pending and applies it, together with any flush a crashed run left behind. */
  async flush(): Promise<void> {
    const lock = await this.lock.tryAcquire();
    if (!lock) return; // another flush is running; it takes what is pending now too
    try {
      const flushId = randomUUID();
      await this.scripts.claimPendingViews(ViewKeys.pending, ViewKeys.flushing(flushId), ViewKeys.flushes, flushId);
      for (const id of await this.redis.smembers(ViewKeys.flushes)) await this.apply(id);
      await this.ranking.advanceWindows();
      await this.rubricChanges.apply();
      await this.rebuild.rebuildIfMissing(lock);
    } finally {
      await lock.release();
    }
  }

  private async apply(flushId: string): Promise<void> {
    const counts = await this.redis.hgetall(ViewKeys.flushing(flushId));
    const hourCounts: HourCount[] = [];
    for (const [field, value] of Object.entries(counts)) {
      const bucket = parsePendingField(field);
      if (!bucket || !/^\d+$/.test(value)) {
        this.logger.warn(`flush ${flushId}: dropping a counter this service never writes (${field} = ${value})`);
        continue;
      }
      hourCounts.push({ ...bucket, views: Number(value) });
    }
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
  }
}
