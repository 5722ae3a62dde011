import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { pgArray } from '@newsroom/database';
import { RedisClient } from '@newsroom/redis';
import { hourBucket } from '@newsroom/view-counting';
import { ViewKeys } from '../view-keys';
import { rankingScripts } from './popular-ranking.scripts';
import { HOUR_BUCKET_SECONDS, POPULAR_WINDOW_NAMES, windowScriptNames, windowStart } from './popular-windows';

/**
 * A flush's marker lives a day at most: normally it goes a moment after it is
 * set, and it must only outlast the flush's hashes in the shards, which the
 * next flush (a second later, or whenever a views service runs again) forgets.
 */
const RANKED_MARKER_SECONDS = 24 * 3600;

export interface HourCount {
  hour: number;
  articleId: string;
  views: number;
}

/**
 * The Populer ranking in Redis, exact at the hour granularity of
 * article_view_hours. Design: one sorted set per window (24h, 7d, 30d), for
 * all rubrics and per rubric, kept up to date incrementally, so a read is one
 * ZREVRANGE whatever the archive size. Each flush adds its counts to every
 * window that holds their hour and to that hour's bucket (a zset of the hour's
 * counts); when an hour leaves a window, its bucket is subtracted from it. So
 * a window always equals the sum of the hourly rows Postgres has for it. (The
 * alternative, ZUNIONSTORE over the window's buckets per read, costs 720
 * buckets for 30 days: too slow even when cached.) Buckets live for 30 days,
 * about as many entries as article_view_hours has rows for that month.
 *
 * Only the flusher writes the ranking, under the flush lock, after Postgres
 * committed the same counts; see RankingRebuild for a Redis that lost it. An
 * article whose rubric changed is moved by the flusher too (RubricChanges).
 */
@Injectable()
export class PopularRanking {
  private readonly scripts;
  private readonly prefix: string;

  constructor(
    private readonly redis: RedisClient,
    private readonly em: EntityManager,
  ) {
    this.scripts = rankingScripts(redis);
    this.prefix = redis.keyspace.appKeyPrefix;
  }

  /**
   * Adds a flush's counts, which Postgres has now, to the ranking, once: a
   * marker of the flush id says it was added (it outlives the flush in the
   * shards, see forgetFlush). Waits for the replicas when configured, so the
   * shards forget the flush only once a failover could not lose its counts.
   */
  async applyFlush(flushId: string, counts: HourCount[]): Promise<void> {
    const rubricOf = await this.rubricsOf([...new Set(counts.map((c) => c.articleId))]);
    // views of articles that no longer exist are dropped, as the Postgres flush drops them
    const rows = counts.flatMap((c) => (rubricOf.has(c.articleId) ? [c.hour, rubricOf.get(c.articleId)!, c.articleId, c.views] : []));
    await this.scripts.applyFlushToRanking(
      ViewKeys.rankedFlush(flushId),
      RANKED_MARKER_SECONDS,
      this.prefix + ViewKeys.hourViewsStem,
      HOUR_BUCKET_SECONDS,
      POPULAR_WINDOW_NAMES.length,
      ...POPULAR_WINDOW_NAMES.flatMap((w) => windowScriptNames(w, this.prefix)),
      ...rows,
    );
    await this.redis.replicaAcks.confirm(this.redis.connection, ViewKeys.rankedFlush(flushId));
  }

  /** Every shard has forgotten the flush: its marker goes (or, should this be missed, expires). */
  async forgetFlush(flushId: string): Promise<void> {
    await this.redis.del(ViewKeys.rankedFlush(flushId));
  }

  /** Moves every window up to the current hour, subtracting the hours that left it (nothing if not built yet). */
  async advanceWindows(now = new Date()): Promise<void> {
    for (const window of POPULAR_WINDOW_NAMES) {
      const target = windowStart(window, hourBucket(now));
      const stored = await this.redis.get(ViewKeys.windowFrom(window));
      if (stored === null) continue;
      for (let from = Number(stored); from < target; from += 3600) {
        const [fromKey, all, rubricStem] = windowScriptNames(window, this.prefix);
        await this.scripts.expireRankingHour(ViewKeys.windowFrom(window), from, from + 3600, this.prefix + ViewKeys.hourViews(from), fromKey, all, rubricStem);
      }
    }
  }

  /**
   * Files each article's counts under the rubric Postgres gives it now, taking
   * them out of any other rubric's lists (a correction moved the article), so
   * the per-rubric lists agree with articles.rubric_id as the Postgres
   * fallback and a rebuild do. Returns how many articles moved.
   */
  async fileUnderCurrentRubrics(articleIds: string[], now = new Date()): Promise<number> {
    const rubricOf = await this.rubricsOf(articleIds);
    if (rubricOf.size === 0) return 0;
    const rubricIds = ((await this.em.fork().getConnection().execute('select id from rubrics')) as { id: string }[]).map((r) => r.id);
    // every hour a bucket may exist for: back to the oldest a window still holds (it may not have moved on yet) ...
    const current = hourBucket(now);
    const stored = (await this.redis.mget(...POPULAR_WINDOW_NAMES.map((w) => ViewKeys.windowFrom(w)))).filter((v) => v !== null).map(Number);
    const first = Math.min(...POPULAR_WINDOW_NAMES.map((w) => windowStart(w, current)), ...stored);
    // ... and on to the next hour, for views stamped by a gateway whose clock runs a little ahead
    const last = current + 3600;
    const rubricStems = POPULAR_WINDOW_NAMES.map((w) => windowScriptNames(w, this.prefix)[2]);
    let moved = 0;
    for (const [articleId, rubricId] of rubricOf) {
      const others = rubricIds.filter((id) => id !== rubricId);
      moved += await this.scripts.moveRankingRubric(ViewKeys.rubricChecks, articleId, rubricId, this.prefix + ViewKeys.hourViewsStem, first, last, rubricStems.length, ...rubricStems, ...others);
    }
    return moved;
  }

  private async rubricsOf(articleIds: string[]): Promise<Map<string, string>> {
    if (articleIds.length === 0) return new Map();
    const rows: { id: string; rubric_id: string }[] = await this.em
      .fork()
      .getConnection()
      .execute('select id, rubric_id from articles where id = any(?::uuid[])', [pgArray(articleIds)]);
    return new Map(rows.map((r) => [r.id, r.rubric_id]));
  }
}
