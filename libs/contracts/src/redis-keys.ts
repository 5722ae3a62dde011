/**
 * Redis keys (under RedisClient's prefix) that one app writes and another
 * reads, so they are a wire contract like queue names: never rename one.
 *
 * The published-article index: the views service keeps it (from
 * ArticleVisibilityChanged jobs, rebuilt from Postgres when missing); the
 * gateway reads it to resolve a view beacon's slug or id without Postgres.
 */
export const PublishedArticleIndexKey = {
  /** hash: slug -> article id, published articles only */
  BySlug: 'published-articles:by-slug',
  /** hash: article id -> slug, published articles only */
  ById: 'published-articles:by-id',
} as const;

/** The Populer windows, in hours: the query parameter's spelling -> how many hourly buckets it spans. */
export const POPULAR_WINDOW_HOURS = { '24h': 24, '7d': 7 * 24, '30d': 30 * 24 } as const;
export type PopularWindowName = keyof typeof POPULAR_WINDOW_HOURS;

/**
 * The Populer ranking: the views service keeps it (from its flushes, rebuilt
 * from Postgres when missing); the gateway reads it. Sorted sets of article id
 * -> views counted inside a rolling window, for all rubrics and per rubric.
 * Every article that was viewed is in them, published or not: the gateway
 * shows published ones only (it reads their details from Postgres anyway).
 */
export const PopularRankingKey = {
  /** zset: article id -> views counted in the window */
  window: (window: PopularWindowName) => `popular:${window}`,
  /** zset: the same for one rubric's articles */
  rubricWindow: (window: PopularWindowName, rubricId: string) => `popular:${window}:rubric:${rubricId}`,
  /** present once the ranking is complete; while it is missing the gateway ranks from Postgres */
  built: 'popular:built',
} as const;

/**
 * When the views service last moved counted views to Postgres (epoch ms,
 * written by every flush, under the deployment's prefix): /health and
 * /metrics tell from it whether counted views are waiting to be shown.
 */
export const ViewFlushKey = { flushedAt: 'views:flushed-at' } as const;

/**
 * Per-minute view counts: the counting script (the site's, or the views service's for queued batches) adds each
 * counted view (after dedup, crawlers and the per-address cap) to the hash of
 * the minute the gateway accepted it in, field article id -> views, in the
 * same step as the hourly pending counter; each hash lives two hours after its
 * last write. The gateway's /metrics reads the last complete minute.
 */
export const ViewMinuteKey = {
  /** hash: article id -> views counted in the minute starting at `minute` (epoch seconds) */
  minute: (minute: number) => `views:minute:${minute}`,
  /** what `minute` puts before the minute (the counting script builds the names from it) */
  stem: 'views:minute:',
} as const;

/** The start of the minute `at` falls in, in epoch seconds: the minute bucket a view is counted in. */
export function minuteBucket(at: Date): number {
  return Math.floor(at.getTime() / 60_000) * 60;
}

/**
 * "Naik Daun" (trending): the views service works the ranking out from the
 * minute buckets every few seconds and stores it here; the site reads it.
 * Articles are ranked by how much faster they were read in the last
 * TRENDING_RECENT_MINUTES than in the TRENDING_BASELINE_MINUTES before.
 */
export const TrendingKey = {
  /** string: JSON TrendingRanking, expiring if the views service stops refreshing it */
  ranking: 'trending:ranking',
} as const;

export const TRENDING_RECENT_MINUTES = 15;
export const TRENDING_BASELINE_MINUTES = 60;

export interface TrendingEntry {
  articleId: string;
  viewsLast15m: number;
  /** views per minute in the last 15 minutes over (views + 1) per minute in the hour before */
  velocity: number;
}

export interface TrendingRanking {
  /** ISO time the ranking was worked out */
  computedAt: string;
  /** fastest rising first */
  items: TrendingEntry[];
}
