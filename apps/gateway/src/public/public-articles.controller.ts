import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { RateLimit } from '../rate-limit/rate-limit.module';
import { RateLimited } from '../rate-limit/rate-limited.decorator';
import { ListLatestQuery } from './dto/list-latest.query';
import { ListPopularQuery } from './dto/list-popular.query';
import { PublishedArticlesService } from './published-articles.service';
import { PopularArticleItem, PublicArticle, PublicArticleItem } from './public-article.response';

/** What readers see, without a token. The fixed paths come before `:slug`, so `latest` is never taken for a slug. */
@ApiTags('public')
@Public()
@RateLimited(RateLimit.PublicRead)
@Controller('articles')
export class PublicArticlesController {
  constructor(private readonly articles: PublishedArticlesService) {}

  @Get('latest')
  @ApiOperation({ summary: 'The UPDATE list: published articles, newest first; page with `before` = the last item\'s `cursor`' })
  @ApiOkResponse({ type: PublicArticleItem, isArray: true })
  @ApiBadRequestResponse({ description: 'limit outside 1..100, or `before` neither a cursor nor a time' })
  @ApiNotFoundResponse({ description: 'unknown rubric' })
  latest(@Query() query: ListLatestQuery): Promise<PublicArticleItem[]> {
    return this.articles.latest(query);
  }

  @Get('popular')
  @ApiOperation({
    summary: 'The Populer list: most viewed inside the window first (ties: newest); articles without views in the window follow, newest first',
  })
  @ApiOkResponse({ type: PopularArticleItem, isArray: true })
  @ApiBadRequestResponse({ description: 'window not one of 24h, 7d, 30d, or limit outside 1..100' })
  @ApiNotFoundResponse({ description: 'unknown rubric' })
  popular(@Query() query: ListPopularQuery): Promise<PopularArticleItem[]> {
    return this.articles.popular(query);
  }

  @Get(':slug')
  @ApiOperation({ summary: 'A published article\'s page' })
  @ApiOkResponse({ type: PublicArticle })
  @ApiNotFoundResponse({ description: 'no published article with that slug (drafts, scheduled and unpublished articles included)' })
  article(@Param('slug') slug: string): Promise<PublicArticle> {
    return this.articles.bySlug(slug);
  }
}
