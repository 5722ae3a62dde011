import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Article } from '@newsroom/database';
import { notFound } from '@newsroom/domain';
import { ArticleAccess } from '../article-access/article-access.service';
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
}
