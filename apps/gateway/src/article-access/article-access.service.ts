import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ArticleView } from '@newsroom/contracts';
import { Article, ArticleCorrection, ArticleViewTotal, toArticleView } from '@newsroom/database';
import { notFound, Role } from '@newsroom/domain';
import { AuthUser, hasRole } from '../auth/auth-user';
import { isAuthorOf } from './four-eyes';

/**
 * Who may see which article, in one place. Reporters see the articles they
 * write (as author or co-author);
 * editors, schedulers and admins see all. Everything else is a 404, so a
 * reporter cannot even learn that someone else's draft exists.
 */
@Injectable()
export class ArticleAccess {
  constructor(private readonly em: EntityManager) {}

  canSee(user: AuthUser, article: Article): boolean {
    return hasRole(user, Role.Editor, Role.Scheduler, Role.Admin) || isAuthorOf(article, user.id);
  }

  /** The article (rubric and authors loaded) if the caller may see it, else 404. */
  async findForStaff(id: string, user: AuthUser, em: EntityManager = this.em): Promise<Article> {
    const article = isUuid(id) ? await em.findOne(Article, { id }, { populate: ['rubric', 'author'] }) : null;
    if (!article || !this.canSee(user, article)) throw notFound('ARTICLE.NOT_FOUND', 'no such article');
    return article;
  }

  /** The staff representation, with its view count and correction notes. */
  async present(article: Article, em: EntityManager = this.em): Promise<ArticleView> {
    const [total, corrections] = await Promise.all([
      em.findOne(ArticleViewTotal, { articleId: article.id }),
      article.status === 'published' || article.status === 'unpublished'
        ? em.find(ArticleCorrection, { article: article.id }, { orderBy: { at: 'asc' } })
        : Promise.resolve([]),
    ]);
    return toArticleView(article, { views: total ? Number(total.views) : 0, corrections });
  }

  /** `present` for a list (rubric and author loaded), in two queries rather than two per article. */
  async presentMany(articles: Article[], em: EntityManager = this.em): Promise<ArticleView[]> {
    if (articles.length === 0) return [];
    const ids = articles.map((a) => a.id);
    const withNotes = articles.filter((a) => a.status === 'published' || a.status === 'unpublished').map((a) => a.id);
    const [totals, corrections] = await Promise.all([
      em.find(ArticleViewTotal, { articleId: { $in: ids } }),
      withNotes.length ? em.find(ArticleCorrection, { article: { $in: withNotes } }, { orderBy: { at: 'asc' } }) : Promise.resolve([]),
    ]);
    const views = new Map(totals.map((t) => [t.articleId, Number(t.views)]));
    return articles.map((a) =>
      toArticleView(a, { views: views.get(a.id) ?? 0, corrections: corrections.filter((c) => c.article.id === a.id) }),
    );
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
