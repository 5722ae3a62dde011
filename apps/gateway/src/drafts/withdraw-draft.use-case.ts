import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { ArticleView, EventType } from '@newsroom/contracts';
import { ArticleJournal, OutboxEvent, ReviewClaim, User } from '@newsroom/database';
import { ArticleAction, ArticleStatus, forbidden, HistoryType, nextStatus, Role } from '@newsroom/domain';
import { ArticleAccess } from '../article-access/article-access.service';
import { ArticleChangeCommitter } from '../article-access/article-change-committer';
import { isAuthorOf } from '../article-access/four-eyes';
import { AuthUser, hasRole } from '../auth/auth-user';
import { assertVersion } from './assert-version';

/** Takes a submitted or in-review article back to a draft (its author, or an editor). */
@Injectable()
export class WithdrawDraft {
  constructor(
    private readonly em: EntityManager,
    private readonly access: ArticleAccess,
    private readonly committer: ArticleChangeCommitter,
  ) {}

  async execute(id: string, version: number | undefined, user: AuthUser): Promise<ArticleView> {
    const em = this.em.fork();
    const article = await this.access.findForStaff(id, user, em);
    if (!isAuthorOf(article, user.id) && !hasRole(user, Role.Editor)) {
      throw forbidden('ARTICLE.WITHDRAW_FORBIDDEN', 'only an author or an editor may withdraw an article');
    }
    assertVersion(article, version);
    const from = article.status;
    article.status = nextStatus(from, ArticleAction.Withdraw);
    // Its place in the queue is given up; a later submission queues it afresh.
    article.submittedAt = null;

    // Removed in the same flush as the status change, so a claim never outlives the queue item.
    const claim = await em.findOne(ReviewClaim, { articleId: article.id });
    if (claim) em.remove(claim);
    const journal = new ArticleJournal(em);
    journal.history(article, { type: HistoryType.Withdrawn, actor: em.getReference(User, user.id), from, to: article.status });
    // Only an article that was in the queue leaves it; a merely submitted one was never there.
    const events: OutboxEvent[] = from === ArticleStatus.InReview ? [journal.announce(EventType.ReviewWithdrawn, article)] : [];
    return this.committer.commit(em, article, events);
  }
}
