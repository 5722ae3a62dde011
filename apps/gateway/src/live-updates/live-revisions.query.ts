import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ArticleView } from '@newsroom/contracts';
import { Article, baseOf, revisedFields } from '@newsroom/database';
import { ArticleStatus } from '@newsroom/domain';
import { ArticleAccess } from '../article-access/article-access.service';
import { AuthUser } from '../auth/auth-user';
import { contentOfRow, diffAgainstLive } from './live-diff';
import { LiveDiffResponse } from './live-diff.response';
import { LiveRevisions } from './live-revisions';

/** What staff read about a live article's revisions: the list, and what one would change on the live page. */
@Injectable()
export class LiveRevisionsQuery {
  constructor(
    private readonly em: EntityManager,
    private readonly access: ArticleAccess,
    private readonly revisions: LiveRevisions,
  ) {}

  /** The revisions of a live article that the caller may see (a reporter: their own), newest first; discarded ones are gone. */
  async list(id: string, user: AuthUser): Promise<ArticleView[]> {
    const em = this.em.fork();
    const live = await this.access.findForStaff(id, user, em);
    const revisions = await em.find(Article, { revisionOf: live.id, status: { $ne: ArticleStatus.Discarded } }, { populate: ['rubric', 'author'], orderBy: { createdAt: 'desc', id: 'desc' } });
    return this.access.presentMany(revisions.filter((r) => this.access.canSee(user, r)), em);
  }

  /**
   * The revision's current content against the live content readers see now
   * (not against the revision's own previous version): what an editor decides
   * on when reviewing an update, in the fields that would go live.
   */
  async diff(id: string, revisionId: string, user: AuthUser): Promise<LiveDiffResponse> {
    const em = this.em.fork();
    const { live, revision } = await this.revisions.find(id, revisionId, user, em);
    const revised = revisedFields(revision, await baseOf(em, revision));
    return { revisionId: revision.id, version: revision.version, liveVersion: live.version, changes: diffAgainstLive(contentOfRow(live), contentOfRow(revision), revised) };
  }
}
