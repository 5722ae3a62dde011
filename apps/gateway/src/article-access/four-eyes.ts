import { staffAuthorsOf, type Article, type ReviewQueueItem } from '@newsroom/database';
import { forbidden } from '@newsroom/domain';

/**
 * Whether the user is one of the article's staff authors (its `author` or a
 * co-author): the one place that says who wrote it, for seeing, editing and
 * submitting it as for the four-eyes rule below.
 */
export function isAuthorOf(article: Pick<Article, 'author' | 'bylines'>, userId: string): boolean {
  return staffAuthorsOf(article).some((author) => author.id === userId);
}

/**
 * Four-eyes: no author of an article may claim, approve, request changes on,
 * reject or correct it, whatever roles they hold (403). Scheduling and
 * publishing an article another editor approved stay open to them.
 */
export function assertNotAuthor(article: Pick<Article, 'author' | 'bylines'>, userId: string, action: string): void {
  if (isAuthorOf(article, userId)) throw forbidden('REVIEW.OWN_ARTICLE', `no author of an article may ${action} it; another editor must`);
}

/** A queue item as one editor sees it: `actionable` is false on the articles they (co-)wrote, which they may not review. */
export function queueItemFor<T extends ReviewQueueItem | null>(item: T, userId: string): T extends null ? null : ReviewQueueItem & { actionable: boolean } {
  return (item && { ...item, actionable: !item.article.authors.some((author) => author.id === userId) }) as never;
}
