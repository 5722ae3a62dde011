import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ArticleView } from '@newsroom/contracts';
import { Article } from '@newsroom/database';
import { ArticleAccess } from '../article-access/article-access.service';
import { AuthUser } from '../auth/auth-user';

/** The revisions of a live article that the caller may see (a reporter: their own), newest first. */
@Injectable()
export class LiveRevisionsQuery {
  constructor(
    private readonly em: EntityManager,
    private readonly access: ArticleAccess,
  ) {}

  async list(id: string, user: AuthUser): Promise<ArticleView[]> {
    const em = this.em.fork();
    const live = await this.access.findForStaff(id, user, em);
    const revisions = await em.find(Article, { revisionOf: live.id }, { populate: ['rubric', 'author'], orderBy: { createdAt: 'desc', id: 'desc' } });
    return this.access.presentMany(revisions.filter((r) => this.access.canSee(user, r)), em);
  }
}
