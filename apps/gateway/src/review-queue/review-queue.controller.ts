import { EntityManager } from '@mikro-orm/postgresql';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ArticleView } from '@newsroom/contracts';
import { loadReviewQueue, ReviewQueueItem } from '@newsroom/database';
import { Role } from '@newsroom/domain';
import { ArticleResponse } from '../article-access/article.response';
import { queueItemFor } from '../article-access/four-eyes';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ApproveArticleDto } from './dto/approve-article.dto';
import { DecideWithReasonDto } from './dto/decide-with-reason.dto';
import { ListReviewQueueQuery, REVIEW_QUEUE_DEFAULT_LIMIT } from './dto/list-review-queue.query';
import { ReviewClaimsService } from './review-claims.service';
import { ReviewDecision, ReviewDecisionsService } from './review-decisions.service';
import { ReviewQueueItemResponse } from './review-queue-item.response';

@ApiTags('review')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'not an editor' })
@Roles(Role.Editor)
@Controller('review-queue')
export class ReviewQueueController {
  constructor(
    private readonly em: EntityManager,
    private readonly claims: ReviewClaimsService,
    private readonly decisions: ReviewDecisionsService,
  ) {}

  @Get()
  @ApiOkResponse({ type: ReviewQueueItemResponse, isArray: true, description: 'every article in review: breaking first, then oldest submission first; the caller\'s own articles are listed with `actionable: false`' })
  async list(@Query() query: ListReviewQueueQuery, @CurrentUser() user: AuthUser): Promise<ReviewQueueItem[]> {
    const items = await loadReviewQueue(this.em, { rubric: query.rubric, limit: query.limit ?? REVIEW_QUEUE_DEFAULT_LIMIT });
    return items.map((item) => queueItemFor(item, user.id));
  }

  @Post(':articleId/claim')
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewQueueItemResponse, description: 'claimed (or the caller\'s own claim extended)' })
  @ApiForbiddenResponse({ description: 'not an editor, or an author of the article, whatever their roles (REVIEW.OWN_ARTICLE)' })
  @ApiNotFoundResponse({ description: 'no such article' })
  @ApiConflictResponse({ description: 'another editor holds a live claim (REVIEW.CLAIMED)' })
  @ApiUnprocessableEntityResponse({ description: 'the article is not in review' })
  async claim(@Param('articleId') articleId: string, @CurrentUser() user: AuthUser): Promise<ReviewQueueItem> {
    return queueItemFor(await this.claims.claim(articleId, user), user.id);
  }

  @Post(':articleId/release')
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewQueueItemResponse, description: 'the caller\'s claim is released; no claim is a no-op' })
  @ApiNotFoundResponse({ description: 'no such article' })
  @ApiConflictResponse({ description: 'the live claim belongs to another editor' })
  @ApiUnprocessableEntityResponse({ description: 'the article is not in review' })
  async release(@Param('articleId') articleId: string, @CurrentUser() user: AuthUser): Promise<ReviewQueueItem> {
    return queueItemFor(await this.claims.release(articleId, user), user.id);
  }

  @Post(':articleId/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: ArticleResponse, description: 'approved; the approval binds to the given version' })
  @ApiForbiddenResponse({ description: 'not an editor, or an author of the article, whatever their roles (REVIEW.OWN_ARTICLE)' })
  @ApiNotFoundResponse({ description: 'no such article' })
  @ApiConflictResponse({ description: 'another editor holds a live claim, or the version is stale' })
  @ApiUnprocessableEntityResponse({ description: 'the article is not in review' })
  approve(@Param('articleId') articleId: string, @Body() dto: ApproveArticleDto, @CurrentUser() user: AuthUser): Promise<ArticleView> {
    return this.decisions.decide(ReviewDecision.Approve, articleId, user, dto);
  }

  @Post(':articleId/request-changes')
  @HttpCode(200)
  @ApiOkResponse({ type: ArticleResponse, description: 'sent back to the reporter (changes_requested)' })
  @ApiForbiddenResponse({ description: 'not an editor, or an author of the article, whatever their roles (REVIEW.OWN_ARTICLE)' })
  @ApiNotFoundResponse({ description: 'no such article' })
  @ApiConflictResponse({ description: 'another editor holds a live claim, or the version is stale' })
  @ApiUnprocessableEntityResponse({ description: 'the article is not in review' })
  requestChanges(@Param('articleId') articleId: string, @Body() dto: DecideWithReasonDto, @CurrentUser() user: AuthUser): Promise<ArticleView> {
    return this.decisions.decide(ReviewDecision.RequestChanges, articleId, user, dto);
  }

  @Post(':articleId/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: ArticleResponse, description: 'rejected' })
  @ApiForbiddenResponse({ description: 'not an editor, or an author of the article, whatever their roles (REVIEW.OWN_ARTICLE)' })
  @ApiNotFoundResponse({ description: 'no such article' })
  @ApiConflictResponse({ description: 'another editor holds a live claim, or the version is stale' })
  @ApiUnprocessableEntityResponse({ description: 'the article is not in review' })
  reject(@Param('articleId') articleId: string, @Body() dto: DecideWithReasonDto, @CurrentUser() user: AuthUser): Promise<ArticleView> {
    return this.decisions.decide(ReviewDecision.Reject, articleId, user, dto);
  }
}
