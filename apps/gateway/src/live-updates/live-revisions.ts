import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Article } from '@newsroom/database';
import { notFound } from '@newsroom/domain';
import { ArticleAccess, isUuid } from '../article-access/article-access.service';
import { AuthUser } from '../auth/auth-user';

/** A revision named under its live article's address, both loaded (rubric and author), or 404. */
@Injectable()
export class LiveRevisions {
  constructor(private readonly access: ArticleAccess) {}

  async find(articleId: string, revisionId: string, user: AuthUser, em: EntityManager): Promise<{ live: Article; revision: Article }> {
    const revision = await this.access.findForStaff(revisionId, user, em);
    if (revision.revisionOf?.id !== articleId) throw notFound('REVISION.NOT_FOUND', 'the article has no such revision');
    const live = await em.findOneOrFail(Article, { id: articleId }, { populate: ['rubric', 'author'] });
    return { live, revision };
  }

  /**
   * `find` inside the caller's transaction with both rows locked first (FOR
   * UPDATE), the live article before the revision, in the order the publisher
   * and unpublishing take them, so the two never wait on each other in
   * opposite orders. What is read is then what is written over: a publish, a
   * discard or an edit committed meanwhile is seen, and none can land between
   * this read and the caller's write. Needed because a flush that writes both
   * rows (a revision going live) batches them, and a batch checks their
   * versions with a read before the update, not in its WHERE clause.
   */
  async findLocked(articleId: string, revisionId: string, user: AuthUser, tx: EntityManager): Promise<{ live: Article; revision: Article }> {
    // a malformed id locks nothing and is a 404 below
    if (isUuid(articleId) && isUuid(revisionId)) {
      await tx.execute(`select id from articles where id = ? for update`, [articleId]);
      await tx.execute(`select id from articles where id = ? for update`, [revisionId]);
    }
    return this.find(articleId, revisionId, user, tx);
  }
}
