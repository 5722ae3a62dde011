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
