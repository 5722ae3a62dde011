import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { ArticleView, EventType } from '@newsroom/contracts';
import { ArticleJournal, databaseNow, User } from '@newsroom/database';
import { ArticleAction, ArticleStatus, HistoryType, nextStatus, parseNewsroomTime } from '@newsroom/domain';
import { ArticleAccess } from '../article-access/article-access.service';
import { AuthUser } from '../auth/auth-user';
import { GatewayConfig } from '../gateway.config';
import { ArticleChangeCommitter } from '../article-access/article-change-committer';
import { ScheduleArticleDto } from './dto/schedule-article.dto';
import { expectVersion } from './expected-version';
import { PendingPublishJobs } from './pending-publish-jobs';
import { assertNotRevision, assertSlotAllowed } from './publish-slot';

/**
 * Schedules an approved article, or moves the slot of a scheduled one. The
 * ArticleScheduled event becomes the delayed publish job (libs/outbox), keyed
 * by the new version, so the old slot's job can no longer publish anything.
 */
@Injectable()
export class ScheduleArticleUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly access: ArticleAccess,
    private readonly committer: ArticleChangeCommitter,
    private readonly pendingJobs: PendingPublishJobs,
    private readonly config: GatewayConfig,
  ) {}

  async execute(id: string, dto: ScheduleArticleDto, user: AuthUser): Promise<ArticleView> {
    const publishAt = parseNewsroomTime(dto.publishAt, this.config.NEWSROOM_TZ);
    const em = this.em.fork();
    const article = await this.access.findForStaff(id, user, em);
    assertNotRevision(article);
    expectVersion(article, dto.version);
    const from = article.status;
    const to = nextStatus(from, ArticleAction.Schedule);
    const now = await databaseNow(em);
    assertSlotAllowed(publishAt, now, article.embargoUntil);
    const previousSlot = from === ArticleStatus.Scheduled ? { version: article.version, at: article.scheduledFor } : null;
    article.status = to;
    article.scheduledFor = publishAt;
    const journal = new ArticleJournal(em);
    journal.history(article, {
      type: HistoryType.Scheduled,
      actor: em.getReference(User, user.id),
      from,
      to,
      data: { scheduledFor: publishAt.toISOString(), ...(previousSlot?.at ? { previousScheduledFor: previousSlot.at.toISOString() } : {}) },
    });
    const event = journal.announce(EventType.ArticleScheduled, article);
    const view = await this.committer.commit(em, article, event);
    if (previousSlot) await this.pendingJobs.cancel(article.id, previousSlot.version);
    return view;
  }
}
