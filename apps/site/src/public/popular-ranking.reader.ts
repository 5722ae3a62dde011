import { Injectable } from '@nestjs/common';
import { PopularRankingKey } from '@newsroom/contracts';
import { RedisClient } from '@newsroom/redis';
import { PopularWindow } from './popular-window';

/** What the ranking needs to know of an article to order ties: newest first, then the larger id. */
export interface Rankable {
  id: string;
  /** publishedAt in microseconds since the epoch, as decimal text (Postgres precision) */
  published_us: string;
}

export interface Ranked<T> {
  row: T;
  windowViews: number;
}

/** A rubric of articles tied on one count could be long: the list stops looking past this many. */
const MAX_SCANNED = 5000;

/**
 * Reads the Populer ranking the views service keeps in Redis (article id ->
 * views in the window): one ZREVRANGE for the top, then the caller's one
 * query by primary key for the articles' details, which also drops anything
 * not published (so an unpublished article leaves the list at once). It reads
 * on past the limit while the last count is tied, since ties go to the newest
 * article, which Redis does not know.
 */
@Injectable()
export class PopularRankingReader {
  constructor(private readonly redis: RedisClient) {}

  /**
   * The top `limit` published articles by views in the window, or null while
   * the ranking is not built (a Redis that lost it; the caller asks Postgres).
   * `details` returns the published ones among the given ids.
   */
  async top<T extends Rankable>(window: PopularWindow, rubricId: string | null, limit: number, details: (ids: string[]) => Promise<T[]>): Promise<Ranked<T>[] | null> {
    const key = rubricId ? PopularRankingKey.rubricWindow(window, rubricId) : PopularRankingKey.window(window);
    const pageSize = Math.max(20, limit * 2);
    const [[, built], [, firstPage]] = (await this.redis.multi().exists(PopularRankingKey.built).zrevrange(key, 0, pageSize - 1, 'WITHSCORES').exec())! as [
      [unknown, number],
      [unknown, string[]],
    ];
    if (!built) return null;

    const found: Ranked<T>[] = [];
    let page = firstPage;
    for (let offset = 0; ; ) {
      const scores = new Map<string, number>();
      for (let i = 0; i < page.length; i += 2) scores.set(page[i], Number(page[i + 1]));
      for (const row of await details([...scores.keys()])) found.push({ row, windowViews: scores.get(row.id)! });
      offset += scores.size;
      const exhausted = scores.size < pageSize;
      const lastScore = Number(page[page.length - 1]);
      if (exhausted || offset >= MAX_SCANNED || (found.length >= limit && lastScore < nthLargest(found, limit))) break;
      page = await this.redis.zrevrange(key, offset, offset + pageSize - 1, 'WITHSCORES');
    }
    return found.sort(byViewsThenNewest).slice(0, limit);
  }
}

function nthLargest(found: Ranked<Rankable>[], n: number): number {
  return found.map((f) => f.windowViews).sort((a, b) => b - a)[n - 1];
}

function byViewsThenNewest(a: Ranked<Rankable>, b: Ranked<Rankable>): number {
  if (a.windowViews !== b.windowViews) return b.windowViews - a.windowViews;
  const [pa, pb] = [BigInt(a.row.published_us), BigInt(b.row.published_us)];
  if (pa !== pb) return pa < pb ? 1 : -1;
  return a.row.id < b.row.id ? 1 : a.row.id > b.row.id ? -1 : 0;
}
