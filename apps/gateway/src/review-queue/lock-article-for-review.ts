import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Article } from '@newsroom/database';
import { ArticleStatus, notFound } from '@newsroom/domain';
import { isUuid } from '../article-access/article-access.service';

/**
 * Loads an article inside the caller's transaction with a row lock, so that a
 * claim (shared lock) and a decision (exclusive lock) on the same article are
 * serialized: a decision cannot miss a claim committed a moment earlier, and a
 * claim cannot land on an article that has just left the queue. 404 if unknown.
 */
export async function lockArticleForReview(tx: EntityManager, articleId: string, mode: 'share' | 'update'): Promise<Article> {
  const lockMode = mode === 'share' ? LockMode.PESSIMISTIC_READ : LockMode.PESSIMISTIC_WRITE;
  // Locked on its own (no joins): FOR UPDATE/SHARE cannot lock the nullable side of the outer joins populate uses.
  const article = isUuid(articleId) ? await tx.findOne(Article, { id: articleId }, { lockMode }) : null;
  // a discarded revision is a 404 everywhere on the staff API (ArticleAccess.findForStaff)
  if (!article || article.status === ArticleStatus.Discarded) throw notFound('ARTICLE.NOT_FOUND', 'no such article');
  await tx.populate(article, ['rubric', 'author']);
  return article;
}

/** The editor holding a live claim on the article (by database time), if any. */
export async function liveClaimHolder(tx: EntityManager, articleId: string): Promise<string | null> {
  const rows = await tx.execute<{ editor_id: string }[]>(`select editor_id from review_claims where article_id = ? and expires_at > now()`, [articleId]);
  return rows[0]?.editor_id ?? null;
}
