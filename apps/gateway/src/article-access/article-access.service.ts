import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ArticleView, PendingRevisionRef } from '@newsroom/contracts';
import { Article, ArticleCorrection, ArticleViewTotal, staffAuthorsOf, toArticleView } from '@newsroom/database';
import { ArticleStatus, notFound, PENDING_REVISION_STATUSES, Role } from '@newsroom/domain';
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

  /**
   * The article (rubric and authors loaded) if the caller may see it, else
   * 404. A discarded revision is gone as far as staff are concerned (its row
   * stays for its history): every endpoint that names it answers 404.
   */
  async findForStaff(id: string, user: AuthUser, em: EntityManager = this.em): Promise<Article> {
    const article = isUuid(id) ? await em.findOne(Article, { id }, { populate: ['rubric', 'author'] }) : null;
    if (!article || article.status === ArticleStatus.Discarded || !this.canSee(user, article)) throw notFound('ARTICLE.NOT_FOUND', 'no such article');
    return article;
  }

  /** The staff representation, with its view count, correction notes and (live) its revision on the way. */
  async present(article: Article, em: EntityManager = this.em): Promise<ArticleView> {
    const [total, corrections, pending] = await Promise.all([
      em.findOne(ArticleViewTotal, { articleId: article.id }),
      article.status === 'published' || article.status === 'unpublished'
        ? em.find(ArticleCorrection, { article: article.id }, { orderBy: { at: 'asc' } })
        : Promise.resolve([]),
      this.pendingRevisions([article], em),
    ]);
    return withPending(toArticleView(article, { views: total ? Number(total.views) : 0, corrections }), pending);
  }

  /** `present` for a list (rubric and author loaded), in two queries rather than two per article. */
  async presentMany(articles: Article[], em: EntityManager = this.em): Promise<ArticleView[]> {
    if (articles.length === 0) return [];
    const ids = articles.map((a) => a.id);
    const withNotes = articles.filter((a) => a.status === 'published' || a.status === 'unpublished').map((a) => a.id);
    const [totals, corrections, pending] = await Promise.all([
      em.find(ArticleViewTotal, { articleId: { $in: ids } }),
      withNotes.length ? em.find(ArticleCorrection, { article: { $in: withNotes } }, { orderBy: { at: 'asc' } }) : Promise.resolve([]),
      this.pendingRevisions(articles, em),
    ]);
    const views = new Map(totals.map((t) => [t.articleId, Number(t.views)]));
    return articles.map((a) =>
      withPending(toArticleView(a, { views: views.get(a.id) ?? 0, corrections: corrections.filter((c) => c.article.id === a.id) }), pending),
    );
  }

  /**
   * The revisions on their way of the published ones among `articles`, by live
   * article id, in one query (the partial unique index holds one per article).
   * A live article's view names its revision so that a client (the desk's
   * Berita terbit) offers it rather than a new one the API would refuse (409
   * REVISION.PENDING_EXISTS). Whoever sees a live article sees its revision:
   * the revision carries the live byline.
   */
  private async pendingRevisions(articles: Article[], em: EntityManager): Promise<Map<string, PendingRevisionRef> | undefined> {
    const live = articles.filter((a) => a.status === ArticleStatus.Published && !a.revisionOf).map((a) => a.id);
    if (live.length === 0) return undefined;
    const revisions = await em.find(Article, { revisionOf: { $in: live }, status: { $in: [...PENDING_REVISION_STATUSES] } }, { populate: ['author'] });
    return new Map(
      revisions.map((r) => [
        r.revisionOf!.id,
        {
          id: r.id,
          version: r.version,
          status: r.status,
          scheduledFor: r.scheduledFor?.toISOString() ?? null,
          authors: staffAuthorsOf(r).map((u) => ({ id: u.id, name: u.name })),
        },
      ]),
    );
  }
}

/** `pendingRevision` on a published article's view (null: none on its way); absent on every other status. */
function withPending(view: ArticleView, pending: Map<string, PendingRevisionRef> | undefined): ArticleView {
  return view.status === ArticleStatus.Published && !view.revisionOf ? { ...view, pendingRevision: pending?.get(view.id) ?? null } : view;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
