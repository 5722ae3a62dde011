import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { ArticleView } from '@newsroom/contracts';
import { Role } from '@newsroom/domain';
import { ArticleResponse } from '../article-access/article.response';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ExpectedVersionDto } from '../publishing/dto/expected-version.dto';
import { ScheduleArticleDto } from '../publishing/dto/schedule-article.dto';
import { CreateRevision } from './create-revision.use-case';
import { CreateRevisionDto } from './dto/create-revision.dto';
import { DiscardRevision } from './discard-revision.use-case';
import { LiveDiffResponse } from './live-diff.response';
import { LiveRevisionsQuery } from './live-revisions.query';
import { PublishRevisionNow } from './publish-revision-now.use-case';
import { RevisionCreatedResponse } from './revision-created.response';
import { ScheduleRevision } from './schedule-revision.use-case';

/**
 * Scheduled updates of a live article (API v1.1). A revision is reviewed
 * like a draft through /drafts/:revisionId and /review-queue/:revisionId;
 * these endpoints start it and make it live.
 */
@ApiTags('live updates')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'no such article or revision, or not visible to the caller' })
@Controller('articles/:id/revisions')
export class LiveUpdatesController {
  constructor(
    private readonly createRevision: CreateRevision,
    private readonly scheduleRevision: ScheduleRevision,
    private readonly publishRevision: PublishRevisionNow,
    private readonly discardRevision: DiscardRevision,
    private readonly query: LiveRevisionsQuery,
  ) {}

  @Post()
  @Roles(Role.Reporter, Role.Editor)
  @ApiOperation({ summary: 'Start a pending revision of a published article (a copy of the live content with these changes); readers keep seeing the live content' })
  @ApiCreatedResponse({ type: RevisionCreatedResponse })
  @ApiBadRequestResponse({ description: "invalid fields, or authors/guestBylines (REVISION.BYLINE_FIXED: a revision carries the live article's byline, with whoever started it as a co-author, and never changes it); nothing is stored" })
  @ApiForbiddenResponse({ description: 'neither an author of the article nor an editor' })
  @ApiConflictResponse({ description: 'the article is not published (REVISION.ARTICLE_NOT_LIVE), a stale version, or another revision is on its way (REVISION.PENDING_EXISTS)' })
  create(@Param('id') id: string, @Body() dto: CreateRevisionDto, @CurrentUser() user: AuthUser): Promise<RevisionCreatedResponse> {
    return this.createRevision.execute(id, dto, user);
  }

  @Get()
  @ApiOperation({ summary: "The article's revisions, newest first, in every status (applied: went live; cancelled: the article was unpublished first) but a discarded one, which is gone" })
  @ApiOkResponse({ type: ArticleResponse, isArray: true })
  list(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<ArticleView[]> {
    return this.query.list(id, user);
  }

  @Get(':revisionId/diff')
  @ApiOperation({ summary: 'What the revision would change on the live page if it went live now: the live content (what readers see) against the revision, field by field, the body word by word' })
  @ApiOkResponse({ type: LiveDiffResponse })
  diff(@Param('id') id: string, @Param('revisionId') revisionId: string, @CurrentUser() user: AuthUser): Promise<LiveDiffResponse> {
    return this.query.diff(id, revisionId, user);
  }

  @Post(':revisionId/schedule')
  @HttpCode(200)
  @Roles(Role.Scheduler, Role.Editor)
  @ApiOperation({ summary: 'Schedule an approved revision to become the live content at publishAt (or move its slot)' })
  @ApiOkResponse({ type: ArticleResponse, description: 'the revision, scheduled' })
  @ApiForbiddenResponse({ description: 'not a scheduler or editor' })
  @ApiUnprocessableEntityResponse({ description: 'publishAt in the past, or the revision is not approved/scheduled' })
  @ApiConflictResponse({ description: 'stale version, or the article is no longer published' })
  schedule(@Param('id') id: string, @Param('revisionId') revisionId: string, @Body() dto: ScheduleArticleDto, @CurrentUser() user: AuthUser): Promise<ArticleView> {
    return this.scheduleRevision.execute(id, revisionId, dto, user);
  }

  @Delete(':revisionId/schedule')
  @Roles(Role.Scheduler, Role.Editor)
  @ApiOperation({ summary: 'Take a scheduled revision off the calendar (back to approved)' })
  @ApiOkResponse({ type: ArticleResponse, description: 'the revision, approved again' })
  @ApiForbiddenResponse({ description: 'not a scheduler or editor' })
  @ApiUnprocessableEntityResponse({ description: 'the revision is not scheduled' })
  unschedule(@Param('id') id: string, @Param('revisionId') revisionId: string, @CurrentUser() user: AuthUser): Promise<ArticleView> {
    return this.scheduleRevision.cancel(id, revisionId, user);
  }

  @Post(':revisionId/publish')
  @HttpCode(200)
  @Roles(Role.Scheduler, Role.Editor)
  @ApiOperation({ summary: 'Make an approved or scheduled revision the live content now' })
  @ApiOkResponse({ type: ArticleResponse, description: 'the live article, updated' })
  @ApiForbiddenResponse({ description: 'not a scheduler or editor' })
  @ApiUnprocessableEntityResponse({ description: 'the revision is not approved/scheduled' })
  @ApiConflictResponse({ description: 'stale version, or the article is no longer published' })
  publish(@Param('id') id: string, @Param('revisionId') revisionId: string, @Body() dto: ExpectedVersionDto, @CurrentUser() user: AuthUser): Promise<ArticleView> {
    return this.publishRevision.execute(id, revisionId, dto, user);
  }

  @Delete(':revisionId')
  @HttpCode(204)
  @Roles(Role.Reporter, Role.Editor)
  @ApiOperation({
    summary: 'Discard a revision on its way (draft, submitted, in review, changes requested, approved or scheduled)',
    description:
      "An author of the revision or an editor (four-eyes does not apply). A scheduled one leaves the calendar and never goes live; one in review leaves the queue; " +
      "its preview links stop working. The live article is untouched and can take a new revision at once; its history records `update_discarded` (who, which revision). " +
      'From then on the revision is a 404 on every endpoint and in no list.',
  })
  @ApiNoContentResponse({ description: 'discarded' })
  @ApiForbiddenResponse({ description: 'neither an author of the revision nor an editor (REVISION.FORBIDDEN), or a scheduler-only or admin-only caller' })
  @ApiConflictResponse({
    description:
      'the revision is no longer on its way: it went live, was cancelled or rejected (REVISION.NOT_PENDING), or it changed meanwhile, e.g. published at that moment (ARTICLE.STALE_VERSION); nothing changes',
  })
  discard(@Param('id') id: string, @Param('revisionId') revisionId: string, @CurrentUser() user: AuthUser): Promise<void> {
    return this.discardRevision.execute(id, revisionId, user);
  }
}
