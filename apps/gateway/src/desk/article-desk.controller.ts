import { Body, Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Role } from '@newsroom/domain';
import type { FastifyReply } from 'fastify';
import { hasRole } from '../auth/auth-user';
import { Public, Roles } from '../auth/auth.decorators';
import { STRINGS } from '@newsroom/html';
import { localInputValue } from './calendar-days';
import { CorrectionForm, correctionFields, correctionValues } from './correction-form';
import { DeskErrorsFilter } from './desk-errors.filter';
import { redirectWithFlash } from './desk-flash';
import { DeskPublishing, PUBLISHING_ACTIONS, PublishingForm } from './desk-publishing.service';
import { DeskRevisions } from './desk-revisions.service';
import { DeskGuard } from './desk.guard';
import { DeskRequest } from './desk-session';
import { DeskViews } from './desk-views.service';
import { deskActionBase, REVISION_ACTIONS } from './publishing-target';
import { apiMessage, StaffApi } from './staff-api.service';

/** Statuses from which an article can be given a slot or published now. */
const SCHEDULABLE = ['approved', 'scheduled'];

/**
 * One article as schedulers and editors work on it once it is approved: its
 * text, times, views and history, and the buttons its status allows: a slot,
 * publish now, take down with a reason, and (editors) a correction, filled
 * from the current version so that a stale one is refused, never saved over.
 * A live article also shows its revision on the way, or "Perbarui berita";
 * a revision names its live article, and its slot and "publish now" buttons
 * post to a route of its own that calls the revision endpoints.
 */
@ApiExcludeController()
@Public()
@UseGuards(DeskGuard)
@UseFilters(DeskErrorsFilter)
@Roles(Role.Scheduler, Role.Editor)
@Controller('desk/articles')
export class ArticleDeskController {
  constructor(
    private readonly api: StaffApi,
    private readonly views: DeskViews,
    private readonly publishing: DeskPublishing,
    private readonly revisions: DeskRevisions,
  ) {}

  @Get(':id')
  article(@Param('id') id: string, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.articlePage(request, reply, id);
  }

  @Post(':id/correct')
  @Roles(Role.Editor)
  async correct(@Param('id') id: string, @Body() form: CorrectionForm, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    const answer = await this.api.call(request, request.desk.token, 'POST', `/articles/${encodeURIComponent(id)}/corrections`, correctionFields(form ?? {}));
    if (answer.status === 200) return redirectWithFlash(reply, this.pageOf(id), 'corrected');
    // the editor's text stays in the form; a 409 names the version that is current now
    return this.articlePage(request, reply, id, { correction: form, correctionFailure: answer }, answer.status);
  }

  /** "Perbarui berita": a revision of the live article, opened in the draft editor (an editor who starts it becomes one of its authors). */
  @Post(':id/revisions')
  startRevision(@Param('id') id: string, @Body() form: { version?: string }, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.revisions.start(request, reply, id, form, (error, status) => this.articlePage(request, reply, id, { error }, status));
  }

  /** schedule, unschedule, publish, unpublish: the buttons beside the article. */
  @Post(':id/:action')
  act(@Param('id') id: string, @Param('action') action: string, @Body() form: PublishingForm, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.publishing.press(request, reply, { target: { id }, action, form, offered: PUBLISHING_ACTIONS, back: this.pageOf(id) }, (error, status) =>
      this.articlePage(request, reply, id, { error }, status),
    );
  }

  /**
   * "Buang pembaruan" on a revision's page (or its live article's, `from=live`):
   * the revision is dropped and the live article's page opens. Declared before
   * the route below, whose `:action` would take it: the API refuses a
   * scheduler, and the page shows why.
   */
  @Post(':id/revisions/:revisionId/discard')
  discardRevision(
    @Param('id') liveId: string,
    @Param('revisionId') revisionId: string,
    @Body() form: { from?: string } | undefined,
    @Req() request: DeskRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.revisions.discard(request, reply, { liveId, revisionId, from: form?.from }, (error, status, pageId) =>
      this.articlePage(request, reply, pageId, { error }, status),
    );
  }

  /** schedule, unschedule, publish of a revision, through its live article's revision endpoints; back to the revision's page. */
  @Post(':id/revisions/:revisionId/:action')
  actOnRevision(
    @Param('id') liveId: string,
    @Param('revisionId') revisionId: string,
    @Param('action') action: string,
    @Body() form: PublishingForm,
    @Req() request: DeskRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const target = { id: revisionId, revisionOf: liveId };
    return this.publishing.press(request, reply, { target, action, form, offered: REVISION_ACTIONS, back: this.pageOf(revisionId) }, (error, status) =>
      this.articlePage(request, reply, revisionId, { error }, status),
    );
  }

  private pageOf(id: string): string {
    return `/desk/articles/${encodeURIComponent(id)}`;
  }

  private async articlePage(
    request: DeskRequest,
    reply: FastifyReply,
    id: string,
    failed: { error?: string; correction?: CorrectionForm; correctionFailure?: { status: number; body: any } } = {},
    status = 200,
  ): Promise<void> {
    const path = `/drafts/${encodeURIComponent(id)}`;
    const [found, history] = await Promise.all([
      this.api.call(request, request.desk.token, 'GET', path),
      this.api.call<any[]>(request, request.desk.token, 'GET', `${path}/history`),
    ]);
    if (found.status !== 200) return this.views.page(request, reply, 'desk/message.hbs', { message: apiMessage(found) }, found.status);
    const article = found.body;
    const [live, liveUpdate] = await Promise.all([this.revisions.liveArticleBanner(request, article, '/desk/articles'), this.revisions.liveUpdateBox(request, article, '/desk/articles')]);
    const isPublished = article.status === 'published';
    const canSchedule = SCHEDULABLE.includes(article.status);
    const slot = article.scheduledFor ? new Date(article.scheduledFor) : new Date(Date.now() + 60 * 60_000);
    const correctionFailure = failed.correctionFailure;
    return this.views.page(
      request,
      reply,
      'desk/article.hbs',
      {
        article,
        live,
        liveUpdate,
        // a revision's buttons call its live article's revision endpoints, never the article's own
        actionBase: deskActionBase('/desk/articles', article),
        statusLabel: STRINGS.statuses[article.status] ?? article.status,
        scheduledDisplay: this.views.time(article.scheduledFor),
        publishedDisplay: this.views.time(article.publishedAt),
        isPublished,
        isScheduled: article.status === 'scheduled',
        canSchedule,
        scheduleValue: localInputValue(slot, this.views.timeZone),
        canCorrect: isPublished && hasRole(request.desk.user, Role.Editor),
        noActions: !isPublished && !canSchedule,
        correction: failed.correction ?? correctionValues(article),
        correctionError: correctionFailure
          ? correctionFailure.status === 409
            ? STRINGS.correctionConflict.replace('{version}', String(article.version))
            : `${STRINGS.actionFailed}: ${apiMessage(correctionFailure)}`
          : undefined,
        corrections: (article.corrections ?? []).map((c: { at: string; note: string }) => ({ ...c, atDisplay: this.views.time(c.at) })),
        history: this.views.history(history.body ?? []).reverse(),
        error: failed.error,
      },
      status,
    );
  }
}
