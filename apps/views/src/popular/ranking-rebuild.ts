import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { PopularRankingKey } from '@newsroom/contracts';
import { RedisClient } from '@newsroom/redis';
import type { HeldLock } from '../flushing/flush-lock';
import { hourBucket } from '@newsroom/view-counting';
import { ViewKeys } from '../view-keys';
import { HOUR_BUCKET_SECONDS, POPULAR_WINDOW_NAMES, windowStart } from './popular-windows';

/** Commands per round trip while writing, and members per ZADD. */
const CHUNK = 1000;
const DAY_SECONDS = 24 * 3600;

interface HourRow {
  article_id: string;
  rubric_id: string;
  hour: string;
  views: string;
}

/**
 * Rebuilds the Populer ranking from article_view_hours when Redis has lost it
 * (FLUSHDB, a new Redis, a failover without persistence). It runs inside a
 * flush, under the flush lock, after that flush applied every open one: so
 * Postgres holds exactly what the ranking should, and no flush can add counts
 * while it reads. Until it is done, the `built` marker is missing and the
 * gateway ranks from Postgres, so readers never see a half-built ranking.
 */
@Injectable()
export class RankingRebuild {
  private readonly logger = new Logger(RankingRebuild.name);

  constructor(
    private readonly redis: RedisClient,
    private readonly em: EntityManager,
  ) {}

  async rebuildIfMissing(lock: HeldLock, now = new Date()): Promise<void> {
    if (await this.redis.exists(PopularRankingKey.built)) return;
    const started = Date.now();
    const current = hourBucket(now);
    const from = new Map(POPULAR_WINDOW_NAMES.map((w) => [w, windowStart(w, current)]));
    const oldest = Math.min(...from.values());
    const conn = this.em.fork().getConnection();
    const rubricIds = ((await conn.execute('select id from rubrics')) as { id: string }[]).map((r) => r.id);

    // whatever a lost or half-done ranking left behind goes first
    const stale = POPULAR_WINDOW_NAMES.flatMap((w) => [ViewKeys.windowFrom(w), PopularRankingKey.window(w), ...rubricIds.map((r) => PopularRankingKey.rubricWindow(w, r))]);
    for (let hour = oldest; hour <= current; hour += 3600) stale.push(ViewKeys.hourViews(hour));
    for (let i = 0; i < stale.length; i += CHUNK) await this.redis.del(...stale.slice(i, i + CHUNK));

    // a day at a time, by the hour index, so the lock is extended between reads of a large table
    let rows: HourRow[] = [];
    for (let day = oldest; day <= current; day += DAY_SECONDS) {
      rows = rows.concat(
        await conn.execute(
          `select h.article_id, a.rubric_id, extract(epoch from h.hour)::bigint::text as hour, h.views::text as views
             from article_view_hours h join articles a on a.id = h.article_id
            where h.hour >= to_timestamp(?) and h.hour < to_timestamp(?) and h.views > 0`,
          [day, day + DAY_SECONDS],
        ),
      );
      await lock.extend();
    }
    const windows = new Map<string, Map<string, number>>();
    const add = (key: string, articleId: string, views: number) => {
      const set = windows.get(key) ?? windows.set(key, new Map()).get(key)!;
      set.set(articleId, (set.get(articleId) ?? 0) + views);
    };
    const buckets = new Map<string, (string | number)[]>();
    for (const row of rows) {
      const hour = Number(row.hour);
      const views = Number(row.views);
      const bucket = buckets.get(row.hour) ?? buckets.set(row.hour, []).get(row.hour)!;
      bucket.push(views, `${row.rubric_id}|${row.article_id}`);
      for (const [window, start] of from) {
        if (hour < start) continue;
        add(PopularRankingKey.window(window), row.article_id, views);
        add(PopularRankingKey.rubricWindow(window, row.rubric_id), row.article_id, views);
      }
    }

    await this.write(lock, [
      ...[...buckets].flatMap(([hour, members]) => this.zadds(ViewKeys.hourViews(Number(hour)), members)),
      ...[...windows].flatMap(([key, counts]) => this.zadds(key, [...counts].flatMap(([id, views]) => [views, id]))),
    ]);
    const finish = this.redis.multi();
    for (const hour of buckets.keys()) finish.expire(ViewKeys.hourViews(Number(hour)), HOUR_BUCKET_SECONDS);
    for (const [window, start] of from) finish.set(ViewKeys.windowFrom(window), start);
    await finish.set(PopularRankingKey.built, '1').exec();
    this.logger.log(`Populer ranking rebuilt from ${rows.length} hourly rows in ${Date.now() - started} ms`);
  }

  /** ZADD commands of at most CHUNK members each. */
  private zadds(key: string, scoresAndMembers: (string | number)[]): [string, ...(string | number)[]][] {
    const commands: [string, ...(string | number)[]][] = [];
    for (let i = 0; i < scoresAndMembers.length; i += CHUNK * 2) commands.push([key, ...scoresAndMembers.slice(i, i + CHUNK * 2)]);
    return commands;
  }

  private async write(lock: HeldLock, commands: readonly (readonly [string, ...(string | number)[]])[]): Promise<void> {
    for (let i = 0; i < commands.length; i += CHUNK) {
      const pipeline = this.redis.pipeline();
      for (const [key, ...args] of commands.slice(i, i + CHUNK)) pipeline.zadd(key, ...(args as (string | number)[]));
      await pipeline.exec();
      await lock.extend();
    }
  }
}
