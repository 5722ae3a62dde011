import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
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
import { CorrectArticleUseCase } from './correct-article.use-case';
import { CorrectArticleDto } from './dto/correct-article.dto';
import { ExpectedVersionDto } from './dto/expected-version.dto';
import { ScheduleArticleDto } from './dto/schedule-article.dto';
import { UnpublishArticleDto } from './dto/unpublish-article.dto';
import { PublishNowUseCase } from './publish-now.use-case';
import { ScheduleArticleUseCase } from './schedule-article.use-case';
import { UnpublishArticleUseCase } from './unpublish-article.use-case';
import { UnscheduleArticleUseCase } from './unschedule-article.use-case';

@ApiTags('publishing')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'not a scheduler or editor (corrections: not an editor, or an author of the article: REVIEW.OWN_ARTICLE). Scheduling and publishing stay open to an article\'s authors once another editor approved it' })
@Roles(Role.Scheduler, Role.Editor)
@Controller('articles/:id')
export class PublishingController {
  constructor(
    private readonly scheduleArticle: ScheduleArticleUseCase,
    private readonly unscheduleArticle: UnscheduleArticleUseCase,
    private readonly publishNow: PublishNowUseCase,
    private readonly unpublishArticle: UnpublishArticleUseCase,
    private readonly correctArticle: CorrectArticleUseCase,
  ) {}

  @Post('schedule')
  @HttpCode(200)
  @ApiOperation({ summary: 'Schedule an approved article, or move the slot of a scheduled one' })
  @ApiOkResponse({ type: ArticleResponse })
  @ApiUnprocessableEntityResponse({ description: 'publishAt in the past or before the embargo, the article is not approved/scheduled, or it is a revision (ARTICLE.IS_REVISION: a revision of a live article goes through /articles/{id}/revisions/{revisionId}); nothing changes' })
  @ApiConflictResponse({ description: 'stale version' })
  schedule(@Param('id') id: string, @Body() dto: ScheduleArticleDto, @CurrentUser() user: AuthUser): Promise<ArticleView> {
    return this.scheduleArticle.execute(id, dto, user);
  }

  @Delete('schedule')
  @ApiOperation({ summary: 'Take a scheduled article off the calendar (back to approved)' })
  @ApiOkResponse({ type: ArticleResponse })
  @ApiUnprocessableEntityResponse({ description: 'the article is not scheduled, or it is a revision (ARTICLE.IS_REVISION: a revision of a live article goes through /articles/{id}/revisions/{revisionId}); nothing changes' })
  unschedule(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<ArticleView> {
    return this.unscheduleArticle.execute(id, user);
  }

  @Post('publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish an approved or scheduled article now' })
  @ApiOkResponse({ type: ArticleResponse })
  @ApiUnprocessableEntityResponse({ description: 'under embargo, the article is not approved/scheduled, or it is a revision (ARTICLE.IS_REVISION: a revision of a live article goes through /articles/{id}/revisions/{revisionId}); nothing changes' })
  @ApiConflictResponse({ description: 'stale version' })
  publish(@Param('id') id: string, @Body() dto: ExpectedVersionDto, @CurrentUser() user: AuthUser): Promise<ArticleView> {
    return this.publishNow.execute(id, dto, user);
  }

  @Post('unpublish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take a published article down' })
  @ApiOkResponse({ type: ArticleResponse })
  @ApiUnprocessableEntityResponse({ description: 'the article is not published, or it is a revision (ARTICLE.IS_REVISION: a revision of a live article goes through /articles/{id}/revisions/{revisionId}); nothing changes' })
  @ApiConflictResponse({ description: 'stale version' })
  unpublish(@Param('id') id: string, @Body() dto: UnpublishArticleDto, @CurrentUser() user: AuthUser): Promise<ArticleView> {
    return this.unpublishArticle.execute(id, dto, user);
  }

  @Post('corrections')
  @HttpCode(200)
  @Roles(Role.Editor)
  @ApiOperation({ summary: 'Correct a published article in place; readers see the note' })
  @ApiOkResponse({ type: ArticleResponse })
  @ApiUnprocessableEntityResponse({ description: 'the article is not published, or it is a revision (ARTICLE.IS_REVISION: a revision of a live article goes through /articles/{id}/revisions/{revisionId}); nothing changes' })
  @ApiConflictResponse({ description: 'stale version' })
  correct(@Param('id') id: string, @Body() dto: CorrectArticleDto, @CurrentUser() user: AuthUser): Promise<ArticleView> {
    return this.correctArticle.execute(id, dto, user);
  }
}
