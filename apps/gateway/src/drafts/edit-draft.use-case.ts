import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { ArticleView, EventType } from '@newsroom/contracts';
import { Article, ArticleJournal, OutboxEvent, User } from '@newsroom/database';
import { ArticleStatus, forbidden, HistoryType, invalid, Role, statusAfterEdit } from '@newsroom/domain';
import { ArticleAccess } from '../article-access/article-access.service';
import { ArticleChangeCommitter } from '../article-access/article-change-committer';
import { applyContent, hasContentFields } from '../article-access/article-content';
import { assertBylineUntouched } from '../live-updates/revision-byline';
import { isAuthorOf } from '../article-access/four-eyes';
import { AuthUser, hasRole } from '../auth/auth-user';
import { GatewayConfig } from '../gateway.config';
import { refreshBodyStats } from './article-body-stats';
import { assertVersion } from './assert-version';
import { EditDraftDto } from './dto/edit-draft.dto';
import { freeSlug, retryOnSlugClash, slugFitsHeadline } from './unique-slug';

/**
 * A content edit. Authors edit their drafts; editors also what is in review,
 * approved or scheduled. An edit after approval sends the article back to
 * review (and off the schedule): what goes live is exactly what was approved.
 */
@Injectable()
export class EditDraft {
  constructor(
    private readonly em: EntityManager,
    private readonly access: ArticleAccess,
    private readonly committer: ArticleChangeCommitter,
    private readonly config: GatewayConfig,
  ) {}

  execute(id: string, dto: EditDraftDto, user: AuthUser): Promise<ArticleView> {
    if (!hasContentFields(dto)) throw invalid('ARTICLE.NOTHING_TO_CHANGE', 'name at least one field to change besides version');
    return retryOnSlugClash(() => this.edit(this.em.fork(), id, dto, user));
  }

  private async edit(em: EntityManager, id: string, dto: EditDraftDto, user: AuthUser): Promise<ArticleView> {
    const article = await this.access.findForStaff(id, user, em);
    const isAuthor = isAuthorOf(article, user.id);
    const isEditor = hasRole(user, Role.Editor);
    if (!isAuthor && !isEditor) throw forbidden('ARTICLE.EDIT_FORBIDDEN', 'only an author or an editor may edit an article');
    if (article.revisionOf) assertBylineUntouched(dto);
    assertVersion(article, dto.version);
    const from = article.status;
    const to = statusAfterEdit(from, { isAuthor, isEditor });

    const headlineBefore = article.headline;
    if (!(await applyContent(em, article, dto, this.config.NEWSROOM_TZ))) return this.access.present(article, em);
    refreshBodyStats(article);
    // Once published, the slug is the article's public address: it never moves. A revision's is never an address.
    if (article.headline !== headlineBefore && !article.publishedAt && !article.revisionOf && !slugFitsHeadline(article.slug, article.headline)) {
      article.slug = await freeSlug(em, article.headline, article.id);
    }

    const editor = em.getReference(User, user.id);
    const journal = new ArticleJournal(em);
    const events: OutboxEvent[] = [];
    if (to !== from) {
      // Approved or scheduled, now changed: the approval no longer covers this content.
      article.status = to;
      article.approvedVersion = null;
      article.approvedBy = null;
      // It keeps the place in the queue it had when first submitted.
      article.submittedAt ??= new Date();
      if (from === ArticleStatus.Scheduled) {
        const slotBefore = article.scheduledFor;
        article.scheduledFor = null;
        journal.history(article, { type: HistoryType.Unscheduled, actor: editor, from, to: ArticleStatus.Approved, comment: 'edited after scheduling' });
        events.push(journal.announce(EventType.ArticleUnscheduled, article));
        if (article.revisionOf) {
          // the live article's history said an update was scheduled: it says it no longer is, as DELETE .../schedule does
          // (its row does not change, so the line keeps its version)
          const live = await em.findOneOrFail(Article, { id: article.revisionOf.id });
          const data = { revisionId: article.id, ...(slotBefore ? { scheduledFor: slotBefore.toISOString() } : {}) };
          journal.history(live, { type: HistoryType.UpdateUnscheduled, actor: editor, from: live.status, to: live.status, version: live.version, comment: 'edited after scheduling', data });
        }
      }
    }
    const historyFrom = from === ArticleStatus.Scheduled ? ArticleStatus.Approved : from;
    journal.history(article, { type: HistoryType.Updated, actor: editor, from: historyFrom, to });
    journal.revision(article, editor);
    if (to === ArticleStatus.InReview) events.push(journal.announce(from === ArticleStatus.InReview ? EventType.ReviewChanged : EventType.ReviewEntered, article));

    return this.committer.commit(em, article, events);
  }
}
