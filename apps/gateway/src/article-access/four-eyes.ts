import type { Article, ReviewQueueItem } from '@newsroom/database';
import { forbidden } from '@newsroom/domain';

/**
 * Whether the user wrote the article. The one place that says who its authors
 * are for the four-eyes rule: today the article's `author`; co-authors join
 * here, and every decision below follows.
 */
export function isAuthorOf(article: Pick<Article, 'author'>, userId: string): boolean {
  return article.author.id === userId;
}

/**
 * Four-eyes: no author of an article may claim, approve, request changes on,
 * reject or correct it, whatever roles they hold (403). Scheduling and
 * publishing an article another editor approved stay open to them.
 */
export function assertNotAuthor(article: Pick<Article, 'author'>, userId: string, action: string): void {
  if (isAuthorOf(article, userId)) throw forbidden('REVIEW.OWN_ARTICLE', `no author of an article may ${action} it; another editor must`);
}

/** A queue item as one editor sees it: `actionable` is false on their own articles, which they may not review. */
export function queueItemFor<T extends ReviewQueueItem | null>(item: T, userId: string): T extends null ? null : ReviewQueueItem & { actionable: boolean } {
  return (item && { ...item, actionable: item.article.author.id !== userId }) as never;
}
