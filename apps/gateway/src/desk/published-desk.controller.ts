import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Role } from '@newsroom/domain';
import type { FastifyReply } from 'fastify';
import { isUuid } from '../article-access/article-access.service';
import { hasRole } from '../auth/auth-user';
import { Public, Roles } from '../auth/auth.decorators';
import { DeskErrorsFilter } from './desk-errors.filter';
import { backQuery, deskBack } from './desk-flash';
import { DeskPublishing, PublishingForm } from './desk-publishing.service';
import { DeskRevisions } from './desk-revisions.service';
import { DeskGuard } from './desk.guard';
import { DeskRequest } from './desk-session';
import { DeskViews } from './desk-views.service';
import { STRINGS } from '@newsroom/html';
import { mayDiscardRevision, mayStartRevision, revisionHref } from './live-revision';
import { apiMessage, StaffApi } from './staff-api.service';

const PAGE_SIZE = 50;

/** Which list to show: live articles or those taken down, and the cursor of the page (the last item's updatedAt and id). */
interface PublishedQuery {
  status: 'published' | 'unpublished';
  before?: string;
  beforeId?: string;
}

function publishedQuery(query: { status?: unknown; before?: unknown; beforeId?: unknown }): PublishedQuery {
  // the API checks the cursor strictly; this only keeps junk out of the links
  const before = typeof query.before === 'string' && !Number.isNaN(Date.parse(query.before)) ? query.before : undefined;
  return {
    status: query.status === 'unpublished' ? 'unpublished' : 'published',
    before,
    beforeId: before && typeof query.beforeId === 'string' && isUuid(query.beforeId) ? query.beforeId : undefined,
  };
}

/** The cursor's part of a query string (the list's own link and the API call alike). */
function setCursor(params: URLSearchParams, query: PublishedQuery): void {
  if (query.before) params.set('before', query.before);
  if (query.beforeId) params.set('beforeId', query.beforeId);
}

function listHref(query: PublishedQuery): string {
  const params = new URLSearchParams(query.status === 'unpublished' ? { status: 'unpublished' } : {});
  setCursor(params, query);
  const search = params.toString();
  return search ? `/desk/published?${search}` : '/desk/published';
}

/**
 * What is live on the site, newest change first (the publication or the
 * latest correction), with each article's public page and views, taking an
 * article down with a reason, and the way to its correction; and what was
 * taken down. It reads the staff list of the API (`GET /drafts?status=`).
 */
@ApiExcludeController()
@Public()
@UseGuards(DeskGuard)
@UseFilters(DeskErrorsFilter)
@Roles(Role.Scheduler, Role.Editor)
@Controller('desk/published')
export class PublishedDeskController {
  constructor(
    private readonly api: StaffApi,
    private readonly views: DeskViews,
    private readonly publishing: DeskPublishing,
    private readonly revisions: DeskRevisions,
  ) {}

  @Get()
  list(@Query() query: Record<string, unknown>, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.listPage(request, reply, publishedQuery(query ?? {}));
  }

  /** "Tarik dari situs": the reason is required (the API says so when it is blank). */
  @Post(':id/unpublish')
  unpublish(@Param('id') id: string, @Body() form: PublishingForm, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    const back = deskBack(form?.back, '/desk/published');
    return this.publishing.press(request, reply, { target: { id }, action: 'unpublish', form, offered: ['unpublish'], back }, (error, status) =>
      this.listPage(request, reply, publishedQuery(backQuery(back)), error, status),
    );
  }

  /** "Perbarui berita" (editors, and an article's own authors): a revision, opened in the draft editor; refused, the list again with the API's reason. */
  @Post(':id/revisions')
  startRevision(@Param('id') id: string, @Body() form: PublishingForm, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    const back = deskBack(form?.back, '/desk/published');
    return this.revisions.start(request, reply, id, form, (error, status) => this.listPage(request, reply, publishedQuery(backQuery(back)), error, status));
  }

  /** "Buang pembaruan" beside a row's revision on its way: dropped, the list again saying so; refused, the list with the API's reason. */
  @Post(':id/revisions/:revisionId/discard')
  discardRevision(
    @Param('id') liveId: string,
    @Param('revisionId') revisionId: string,
    @Body() form: PublishingForm,
    @Req() request: DeskRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const back = deskBack(form?.back, '/desk/published');
    return this.revisions.discard(request, reply, { liveId, revisionId, back }, (error, status) => this.listPage(request, reply, publishedQuery(backQuery(back)), error, status));
  }

  private async listPage(request: DeskRequest, reply: FastifyReply, shown: PublishedQuery, error?: string, status = 200): Promise<void> {
    const params = new URLSearchParams({ status: shown.status, limit: String(PAGE_SIZE) });
    setCursor(params, shown);
    const answer = await this.api.call<any[]>(request, request.desk.token, 'GET', `/drafts?${params}`);
    const articles = answer.status === 200 ? answer.body : [];
    const last = articles.at(-1);
    return this.views.page(
      request,
      reply,
      'desk/published.hbs',
      {
        isPublished: shown.status === 'published',
        isEditor: hasRole(request.desk.user, Role.Editor),
        back: listHref(shown),
        articles: articles.map((a) => ({
          ...a,
          // with a revision on its way the row links to it: starting another would be a 409
          canRevise: mayStartRevision(request.desk.user, a),
          pendingUpdate: a.pendingRevision && {
            id: a.pendingRevision.id,
            href: revisionHref(request.desk.user, a.pendingRevision),
            status: a.pendingRevision.status,
            statusLabel: STRINGS.statuses[a.pendingRevision.status] ?? a.pendingRevision.status,
            scheduledDisplay: a.pendingRevision.status === 'scheduled' ? this.views.time(a.pendingRevision.scheduledFor) : '',
            mayDiscard: mayDiscardRevision(request.desk.user, { ...a.pendingRevision, revisionOf: a.id }),
          },
          publishedDisplay: this.views.time(a.publishedAt),
          // an unpublished article's last change is its taking down
          changedDisplay: this.views.time(a.updatedAt),
        })),
        // a scheduled burst goes live in batches sharing one updatedAt: the id keeps the next page from skipping the rest
        next: articles.length === PAGE_SIZE && last ? listHref({ status: shown.status, before: last.updatedAt, beforeId: last.id }) : undefined,
        error: error ?? (answer.status === 200 ? undefined : apiMessage(answer)),
      },
      status,
    );
  }
}
