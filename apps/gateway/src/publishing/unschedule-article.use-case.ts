import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { ArticleView, EventType } from '@newsroom/contracts';
import { ArticleJournal, User } from '@newsroom/database';
import { ArticleAction, HistoryType, nextStatus } from '@newsroom/domain';
import { ArticleAccess } from '../article-access/article-access.service';
import { AuthUser } from '../auth/auth-user';
import { ArticleChangeCommitter } from '../article-access/article-change-committer';
import { PendingPublishJobs } from './pending-publish-jobs';
import { assertNotRevision } from './publish-slot';

/** Takes a scheduled article off the calendar, back to `approved` (a revision of a live article: 422, see assertNotRevision). */
@Injectable()
export class UnscheduleArticleUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly access: ArticleAccess,
    private readonly committer: ArticleChangeCommitter,
    private readonly pendingJobs: PendingPublishJobs,
  ) {}

  async execute(id: string, user: AuthUser): Promise<ArticleView> {
    const em = this.em.fork();
    const article = await this.access.findForStaff(id, user, em);
    // a scheduled revision taken off here would skip its live article's history (update_unscheduled)
    assertNotRevision(article);
    const from = article.status;
    const to = nextStatus(from, ArticleAction.Unschedule);
    const slot = { version: article.version, at: article.scheduledFor };
    article.status = to;
    article.scheduledFor = null;
    const journal = new ArticleJournal(em);
    journal.history(article, {
      type: HistoryType.Unscheduled,
      actor: em.getReference(User, user.id),
      from,
      to,
      data: slot.at ? { scheduledFor: slot.at.toISOString() } : null,
    });
    const event = journal.announce(EventType.ArticleUnscheduled, article);
    const view = await this.committer.commit(em, article, event);
    await this.pendingJobs.cancel(article.id, slot.version);
    return view;
  }
}
