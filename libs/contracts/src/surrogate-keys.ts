/**
 * Names for what a readers' response holds, sent as its `Surrogate-Key`
 * header. The edge cache (Varnish with xkey) indexes pages by them and the
 * newsroom purges by them when content changes; the replicas' own page caches
 * drop entries by the same names. Producer (the responses) and consumers (the
 * purge, the invalidation) import them from here so the names cannot drift.
 * Keys are ASCII without spaces or commas (xkey splits on both).
 */
export const SurrogateKey = {
  /** the home page */
  home: 'home',
  /** anything showing the UPDATE list (latest published) */
  latest: 'latest',
  /** anything showing the Populer ranking */
  popular: 'popular',
  /** anything naming the rubrics (every page's navigation, GET /rubrics) */
  rubrics: 'rubrics',
  article: (articleId: string) => `article-${articleId}`,
  rubric: (rubricSlug: string) => `rubric-${rubricSlug}`,
} as const;

/**
 * What to drop when a published article appears, changes (update, correction)
 * or goes: its own page and JSON, its rubric's pages, and every list that may
 * hold it. Article pages' side blocks (Populer, UPDATE) are not purged here:
 * they refresh on their own short period, or one publish would purge every
 * article page at once.
 */
export function surrogateKeysOfArticleChange(change: { articleId: string; rubricSlug: string }): string[] {
  return [SurrogateKey.article(change.articleId), SurrogateKey.rubric(change.rubricSlug), SurrogateKey.latest, SurrogateKey.popular, SurrogateKey.home];
}
