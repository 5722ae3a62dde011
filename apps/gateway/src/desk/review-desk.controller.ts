import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Role } from '@newsroom/domain';
import type { FastifyReply } from 'fastify';
import { Public, Roles } from '../auth/auth.decorators';
import { STRINGS } from '@newsroom/html';
import { DeskErrorsFilter } from './desk-errors.filter';
import { DeskGuard } from './desk.guard';
import { DeskRequest } from './desk-session';
import { DeskRevisions } from './desk-revisions.service';
import { DeskViews } from './desk-views.service';
import { apiMessage, StaffApi } from './staff-api.service';
import { waitDuration } from './wait-duration';
import { wordDiffHtml } from './word-diff-html';

/** What the desk's buttons do, as the review queue's API names it. */
const ACTIONS = ['claim', 'release', 'approve', 'request-changes', 'reject'] as const;
type ReviewAction = (typeof ACTIONS)[number];
/** After a decision the article has left the queue: back to the queue. */
const DECISIONS: ReviewAction[] = ['approve', 'request-changes', 'reject'];
/** The windows the desk figures offer, the first by default. */
const FIGURE_WINDOWS = ['24h', '7d', '30d'] as const;

interface ReviewStats {
  window: string;
  submitted: number;
  decided: { approved: number; changes_requested: number; rejected: number };
  timeToClaim: { p50: number | null; p90: number | null };
  timeToDecision: { p50: number | null; p90: number | null };
  overSla: { article: { id: string }; waitingSeconds: number }[];
}

/** The figures as the desk's panel shows them. */
function figures(stats: ReviewStats) {
  return {
    ...stats,
    timeToClaim: { p50: waitDuration(stats.timeToClaim.p50), p90: waitDuration(stats.timeToClaim.p90) },
    timeToDecision: { p50: waitDuration(stats.timeToDecision.p50), p90: waitDuration(stats.timeToDecision.p90) },
    overSlaCount: stats.overSla.length,
  };
}

/** The diff as the review page shows it. */
interface ReviewDiff {
  title: string;
  versions: string;
  againstLive: boolean;
  /** said when nothing changed (against the live content, that is worth saying) */
  empty?: string;
  changes: { field: string; from: string; to: string; wordsHtml?: string }[];
}

/** One field's change, its values as text (the body also word by word, escaped). */
function changeShown(c: any): ReviewDiff['changes'][number] {
  return {
    field: c.field,
    from: typeof c.from === 'string' ? c.from : JSON.stringify(c.from),
    to: typeof c.to === 'string' ? c.to : JSON.stringify(c.to),
    wordsHtml: c.words ? wordDiffHtml(c.words) : undefined,
  };
}

/** Statuses whose content is bound to an approval: the page names the approved version. */
const APPROVED = ['approved', 'scheduled'];

/**
 * The editor's desk: the review queue, kept current by the queue's event
 * stream (desk.js asks htmx to reload the rows on every change), and one
 * article with its diff (against the previous version, or for an update of a
 * live article against the live content) and the decisions.
 */
@ApiExcludeController()
@Public()
@UseGuards(DeskGuard)
@UseFilters(DeskErrorsFilter)
@Roles(Role.Editor)
@Controller('desk/review')
export class ReviewDeskController {
  constructor(
    private readonly api: StaffApi,
    private readonly views: DeskViews,
    private readonly revisions: DeskRevisions,
  ) {}

  @Get()
  async queue(@Query('window') window: string | undefined, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    const shown = FIGURE_WINDOWS.includes(window as never) ? (window as string) : FIGURE_WINDOWS[0];
    const stats = await this.stats(request, shown);
    return this.views.page(request, reply, 'desk/review-queue.hbs', {
      items: await this.items(request, stats),
      figures: stats && figures(stats),
      windows: FIGURE_WINDOWS.map((w) => ({ window: w, current: w === shown })),
    });
  }

  /** The queue's rows alone, for htmx. */
  @Get('rows')
  async rows(@Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.views.fragment(reply, 'desk/review-rows.hbs', { items: await this.items(request, await this.stats(request, FIGURE_WINDOWS[0])) });
  }

  @Get(':id')
  article(@Param('id') id: string, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.articlePage(id, request, reply);
  }

  @Post(':id/:action')
  async act(
    @Param('id') id: string,
    @Param('action') action: string,
    @Body() form: { version?: string; comment?: string },
    @Req() request: DeskRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!(ACTIONS as readonly string[]).includes(action)) return this.views.page(request, reply, 'desk/message.hbs', { message: STRINGS.actionFailed }, 404);
    const comment = form?.comment?.trim();
    const answer = await this.api.call(request, request.desk.token, 'POST', `/review-queue/${encodeURIComponent(id)}/${action}`, {
      ...(DECISIONS.includes(action as ReviewAction) ? { version: Number(form?.version) } : {}),
      // an empty reason goes to the API as is, which names the missing comment
      ...(comment !== undefined && action !== 'claim' && action !== 'release' ? { comment } : {}),
    });
    if (answer.status !== 200) return this.articlePage(id, request, reply, `${STRINGS.actionFailed}: ${apiMessage(answer)}`, answer.status);
    await reply.redirect(DECISIONS.includes(action as ReviewAction) ? '/desk/review' : `/desk/review/${encodeURIComponent(id)}`, 303);
  }

  /** The article under review: its text, its diff (diffOf), the claim and the decision forms. */
  private async articlePage(id: string, request: DeskRequest, reply: FastifyReply, error?: string, status = 200): Promise<void> {
    const path = `/drafts/${encodeURIComponent(id)}`;
    const [article, revisions, queue] = await Promise.all([
      this.api.call(request, request.desk.token, 'GET', path),
      this.api.call<{ version: number }[]>(request, request.desk.token, 'GET', `${path}/revisions`),
      this.items(request, undefined),
    ]);
    if (article.status !== 200) return this.views.page(request, reply, 'desk/message.hbs', { message: apiMessage(article) }, article.status);
    // a revision of a live article says which one it updates
    const live = await this.revisions.liveArticleBanner(request, article.body);
    const diff = await this.diffOf(request, id, article.body, revisions.body ?? []);
    const item = queue.find((i) => i.article.id === id);
    const approved: number | undefined = APPROVED.includes(article.body.status) ? (article.body.approvedVersion ?? undefined) : undefined;
    return this.views.page(
      request,
      reply,
      'desk/review-article.hbs',
      {
        article: article.body,
        live,
        statusLabel: STRINGS.statuses[article.body.status],
        // the text shown is the current content: the version under review, or (approved,
        // scheduled) the approved one, since any later edit sends the article back to review
        contentLabel: STRINGS.contentOfVersion.replace('{version}', String(approved ?? article.body.version)),
        approvedLabel: approved != null ? STRINGS.approvedVersion.replace('{version}', String(approved)) : undefined,
        inQueue: !!item,
        // four-eyes: an author sees their article here, but neither claims nor decides it
        ownArticle: item ? !item.actionable : false,
        claimedBy: item?.claimedBy,
        claimedByMe: item?.claimedBy?.id === request.desk.user.id,
        diff,
        error,
      },
      status,
    );
  }

  /**
   * The diff an editor decides on. An article: its version under review
   * against the version before. A revision of a live article: against the live
   * content readers see now (its own earlier versions were never public), in
   * the fields that would go live.
   */
  private async diffOf(request: DeskRequest, id: string, article: { revisionOf?: string | null }, revisions: { version: number }[]): Promise<ReviewDiff | undefined> {
    if (article.revisionOf) {
      const answer = await this.api.call(request, request.desk.token, 'GET', `/articles/${encodeURIComponent(article.revisionOf)}/revisions/${encodeURIComponent(id)}/diff`);
      if (answer.status !== 200) return undefined;
      const versions = STRINGS.diffAgainstLiveVersions.replace('{live}', String(answer.body.liveVersion)).replace('{version}', String(answer.body.version));
      return { title: STRINGS.diffAgainstLive, versions, againstLive: true, empty: STRINGS.noDiffAgainstLive, changes: answer.body.changes.map(changeShown) };
    }
    const [latest, previous] = revisions;
    if (!latest || !previous) return undefined;
    const answer = await this.api.call(request, request.desk.token, 'GET', `/drafts/${encodeURIComponent(id)}/revisions/${latest.version}/diff?against=${previous.version}`);
    if (answer.status !== 200) return undefined;
    return { title: STRINGS.diff, versions: `v${previous.version} → v${latest.version}`, againstLive: false, changes: answer.body.changes.map(changeShown) };
  }

  private async items(request: DeskRequest, stats: ReviewStats | undefined): Promise<any[]> {
    const answer = await this.api.call<any[]>(request, request.desk.token, 'GET', '/review-queue?limit=200');
    const overSla = new Map((stats?.overSla ?? []).map((o) => [o.article.id, o.waitingSeconds]));
    return (answer.body ?? []).map((item) => ({
      ...item,
      breaking: item.article.priority === 'breaking',
      submittedDisplay: this.views.time(item.submittedAt),
      // marked on the desk the moment it waits longer than the newsroom's SLA
      overSla: overSla.has(item.article.id) ? waitDuration(overSla.get(item.article.id)!) : undefined,
    }));
  }

  /** The desk figures (GET /review-queue/stats); the queue still shows if they fail. */
  private async stats(request: DeskRequest, window: string): Promise<ReviewStats | undefined> {
    const answer = await this.api.call<ReviewStats>(request, request.desk.token, 'GET', `/review-queue/stats?window=${window}`);
    return answer.status === 200 ? answer.body : undefined;
  }
}
