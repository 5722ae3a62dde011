import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { ArticleView, EventType } from '@newsroom/contracts';
import { ArticleJournal, databaseNow, User } from '@newsroom/database';
import { ArticleAction, ArticleStatus, conflict, HistoryType, nextStatus, parseNewsroomTime } from '@newsroom/domain';
import { ArticleChangeCommitter } from '../article-access/article-change-committer';
import { AuthUser } from '../auth/auth-user';
import { GatewayConfig } from '../gateway.config';
import { ScheduleArticleDto } from '../publishing/dto/schedule-article.dto';
import { expectVersion } from '../publishing/expected-version';
import { PendingPublishJobs } from '../publishing/pending-publish-jobs';
import { assertSlotAllowed } from '../publishing/publish-slot';
import { LiveRevisions } from './live-revisions';

/**
 * Schedules an approved revision of a live article (or moves its slot). Its
 * `article.update_scheduled` event becomes the same delayed publish job a
 * scheduled article gets, keyed by the revision's id and new version; the
 * publisher makes it the live content at the slot, exactly once.
 */
@Injectable()
export class ScheduleRevision {
  constructor(
    private readonly em: EntityManager,
    private readonly revisions: LiveRevisions,
    private readonly committer: ArticleChangeCommitter,
    private readonly pendingJobs: PendingPublishJobs,
    private readonly config: GatewayConfig,
  ) {}

  async execute(id: string, revisionId: string, dto: ScheduleArticleDto, user: AuthUser): Promise<ArticleView> {
    const publishAt = parseNewsroomTime(dto.publishAt, this.config.NEWSROOM_TZ);
    const em = this.em.fork();
    const { live, revision } = await this.revisions.find(id, revisionId, user, em);
    expectVersion(revision, dto.version);
    const from = revision.status;
    const to = nextStatus(from, ArticleAction.Schedule);
    if (live.status !== ArticleStatus.Published) throw conflict('REVISION.ARTICLE_NOT_LIVE', `the article is ${live.status}`);
    assertSlotAllowed(publishAt, await databaseNow(em), revision.embargoUntil);
    const previousSlot = from === ArticleStatus.Scheduled ? { version: revision.version, at: revision.scheduledFor } : null;
    revision.status = to;
    revision.scheduledFor = publishAt;
    const actor = em.getReference(User, user.id);
    const journal = new ArticleJournal(em);
    const data = { revisionId: revision.id, scheduledFor: publishAt.toISOString(), ...(previousSlot?.at ? { previousScheduledFor: previousSlot.at.toISOString() } : {}) };
    journal.history(revision, { type: HistoryType.Scheduled, actor, from, to, data });
    // the live article's own row does not change until the slot: its history line keeps its version
    journal.history(live, { type: HistoryType.UpdateScheduled, actor, from: live.status, to: live.status, version: live.version, data });
    const event = journal.announce(EventType.ArticleUpdateScheduled, revision);
    const view = await this.committer.commit(em, revision, event);
    if (previousSlot) await this.pendingJobs.cancel(revision.id, previousSlot.version);
    return view;
  }

  /** Takes a scheduled revision off the calendar, back to `approved` (it can be scheduled or published again). */
  async cancel(id: string, revisionId: string, user: AuthUser): Promise<ArticleView> {
    const em = this.em.fork();
    const { live, revision } = await this.revisions.find(id, revisionId, user, em);
    const from = revision.status;
    const to = nextStatus(from, ArticleAction.Unschedule);
    const slot = { version: revision.version, at: revision.scheduledFor };
    revision.status = to;
    revision.scheduledFor = null;
    const actor = em.getReference(User, user.id);
    const journal = new ArticleJournal(em);
    const data = { revisionId: revision.id, ...(slot.at ? { scheduledFor: slot.at.toISOString() } : {}) };
    journal.history(revision, { type: HistoryType.Unscheduled, actor, from, to, data });
    journal.history(live, { type: HistoryType.UpdateUnscheduled, actor, from: live.status, to: live.status, version: live.version, data });
    const view = await this.committer.commit(em, revision, []);
    await this.pendingJobs.cancel(revision.id, slot.version);
    return view;
  }
}
