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
  /** a tag's page and feed (every article change drops `latest` too, which they also carry) */
  tag: (tagSlug: string) => `tag-${tagSlug}`,

  /**
   * what answers for an article slug while nothing is published under it (the
   * 404 page, kept briefly): dropped when an article is published there
   */
  missing: (slug: string) => `missing-${slug}`,
} as const;

/** Slugs that can name a key (ASCII without spaces or commas); others can never be published, so their 404 needs no key. */
export function isKeyableSlug(slug: string): boolean {
  return /^[a-z0-9][a-z0-9-]{0,199}$/.test(slug);
}

/**
 * What to drop when a published article appears, changes (update, correction)
 * or goes: its own page and JSON, its rubric's pages, and every list that may
 * hold it. Article pages' side blocks (Populer, UPDATE) are not purged here:
 * they refresh on their own short period, or one publish would purge every
 * article page at once.
 */
export function surrogateKeysOfArticleChange(change: { articleId: string; rubricSlug: string; slug?: string }): string[] {
  const keys = [SurrogateKey.article(change.articleId), SurrogateKey.rubric(change.rubricSlug), SurrogateKey.latest, SurrogateKey.popular, SurrogateKey.home];
  // a 404 kept for its slug must not outlive the article's publication
  if (change.slug !== undefined && isKeyableSlug(change.slug)) keys.push(SurrogateKey.missing(change.slug));
  return keys;
}

/**
 * What to drop when the rubrics change (one is added): every page (its
 * navigation names them) and GET /rubrics carry `rubrics`; `home` is named as
 * well, since the home page is where a new rubric must show first, even if it
 * ever stops naming the navigation in its keys.
 */
export function surrogateKeysOfRubricChange(): string[] {
  return [SurrogateKey.rubrics, SurrogateKey.home];
}
