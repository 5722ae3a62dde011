import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { ArticleView, EventType } from '@newsroom/contracts';
import { ArticleJournal, cancelPendingRevisions, User } from '@newsroom/database';
import { ArticleAction, HistoryType, nextStatus } from '@newsroom/domain';
import { ArticleAccess } from '../article-access/article-access.service';
import { AuthUser } from '../auth/auth-user';
import { ArticleChangeCommitter } from '../article-access/article-change-committer';
import { UnpublishArticleDto } from './dto/unpublish-article.dto';
import { expectVersion } from './expected-version';
import { PendingPublishJobs } from './pending-publish-jobs';
import { assertNotRevision } from './publish-slot';

/** Takes a published article down; the reason stays in its history. Its revision on the way, if any, is cancelled. */
@Injectable()
export class UnpublishArticleUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly access: ArticleAccess,
    private readonly committer: ArticleChangeCommitter,
    private readonly pendingJobs: PendingPublishJobs,
  ) {}

  async execute(id: string, dto: UnpublishArticleDto, user: AuthUser): Promise<ArticleView> {
    const em = this.em.fork();
    const article = await this.access.findForStaff(id, user, em);
    // its state machine refuses a revision anyway (never published); this says why
    assertNotRevision(article);
    expectVersion(article, dto.version);
    const from = article.status;
    const to = nextStatus(from, ArticleAction.Unpublish);
    const reason = dto.reason.trim();
    article.status = to;
    const actor = em.getReference(User, user.id);
    const journal = new ArticleJournal(em);
    journal.history(article, { type: HistoryType.Unpublished, actor, from, to, comment: reason });
    const event = journal.announce(EventType.ArticleUnpublished, article, { reason });
    // in the same flush: a revision of an article that is down can never go live
    const pending = await cancelPendingRevisions(em, article, actor, `the article was unpublished: ${reason}`);
    const view = await this.committer.commit(em, article, [event, ...pending.events]);
    for (const slot of pending.slots) await this.pendingJobs.cancel(slot.id, slot.version);
    return view;
  }
}
