import { FilterQuery, raw } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ArticleView } from '@newsroom/contracts';
import { Article, ArticleEvent, ArticleRevision, authoredBySql } from '@newsroom/database';
import { ArticleStatus, invalid, notFound, Role } from '@newsroom/domain';
import { ArticleAccess } from '../article-access/article-access.service';
import { AuthUser, hasRole } from '../auth/auth-user';
import { ListDraftsQuery } from './dto/list-drafts.query';
import { HistoryEntryResponse } from './history-entry.response';
import { diffContent, VersionContent } from './revision-diff';
import { RevisionDiffResponse } from './revision-diff.response';
import { revisionContent, RevisionResponse } from './revision.response';

/** What staff read about articles in the making: lists, revisions, diffs and history. */
@Injectable()
export class DraftsQuery {
  constructor(
    private readonly em: EntityManager,
    private readonly access: ArticleAccess,
  ) {}

  /** Newest change first; reporters see the articles they write or co-write, everyone else on the staff sees all. */
  async list(query: ListDraftsQuery, user: AuthUser): Promise<ArticleView[]> {
    const where: FilterQuery<Article> = {};
    if (!hasRole(user, Role.Editor, Role.Scheduler, Role.Admin)) Object.assign(where, { [raw((alias) => authoredBySql(alias), [user.id, user.id])]: [] });
    // a discarded revision is kept for its history only (STAFF_STATUSES leaves it out of the filter too)
    where.status = query.status ?? { $ne: ArticleStatus.Discarded };
    if (query.beforeId !== undefined && query.before === undefined) throw invalid('LIST.BAD_CURSOR', 'beforeId goes with before (the last item\'s updatedAt)');
    if (query.before) {
      const before = new Date(query.before);
      // updatedAt is written from the application's clock, in milliseconds, so the item's value compares exactly
      if (query.beforeId) where.$or = [{ updatedAt: { $lt: before } }, { updatedAt: before, id: { $lt: query.beforeId } }];
      else where.updatedAt = { $lt: before };
    }
    const articles = await this.em.find(Article, where, {
      populate: ['rubric', 'author'],
      orderBy: { updatedAt: 'desc', id: 'desc' },
      limit: query.limit,
    });
    return this.access.presentMany(articles);
  }

  async revisions(id: string, user: AuthUser): Promise<RevisionResponse[]> {
    const article = await this.access.findForStaff(id, user);
    const revisions = await this.em.find(ArticleRevision, { article: article.id }, { orderBy: { version: 'desc' }, populate: ['editedBy'] });
    return revisions.map((r) => RevisionResponse.of(r));
  }

  async history(id: string, user: AuthUser): Promise<HistoryEntryResponse[]> {
    const article = await this.access.findForStaff(id, user);
    const events = await this.em.find(ArticleEvent, { article: article.id }, { orderBy: { id: 'asc' }, populate: ['actor'] });
    return events.map((e) => HistoryEntryResponse.of(e));
  }

  /** What changed from the content at `against` to the content at `version`. */
  async diff(id: string, version: number, against: number, user: AuthUser): Promise<RevisionDiffResponse> {
    const article = await this.access.findForStaff(id, user);
    const [to, from] = await Promise.all([this.contentAt(article, version), this.contentAt(article, against)]);
    return { version, against, changes: diffContent(from, to) };
  }

  /**
   * The content an article had at a version. Revisions are written when content
   * changes and when a submission is checked, so a version that changed only the
   * status (a decision, a schedule) has the content of the latest revision before it.
   */
  private async contentAt(article: Article, version: number): Promise<VersionContent> {
    const revision =
      version <= article.version
        ? await this.em.findOne(ArticleRevision, { article: article.id, version: { $lte: version } }, { orderBy: { version: 'desc' } })
        : null;
    if (!revision) throw notFound('REVISION.NOT_FOUND', `the article has no version ${version} (it is at version ${article.version})`);
    return revisionContent(revision);
  }
}
