import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SurrogateKey } from '@newsroom/contracts';
import { isPossibleSlug } from '@newsroom/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ReadersCache } from '../page-cache/readers-cache.service';
import { READERS_ROUTES } from '../page-cache/readers-routes';
import { PublicReadLimited } from '../rate-limit/public-read.guard';
import { ListLatestQuery } from './dto/list-latest.query';
import { ListPopularQuery } from './dto/list-popular.query';
import { ListRelatedQuery, RELATED_DEFAULT_LIMIT } from './dto/list-related.query';
import { noSuchPublishedArticle, PublishedArticlesService } from './published-articles.service';
import { PublicListQuery } from './dto/public-list.query';
import { PopularArticleItem, PublicArticle, PublicArticleItem, TrendingArticleItem } from './public-article.response';
import { TrendingArticlesService } from './trending-articles.service';

/**
 * What readers see, without a token. The fixed paths come before `:slug`, so
 * `latest` is never taken for a slug. Answers come from the replica cache
 * (ReadersCache), kept under a second since they show view counts.
 */
@ApiTags('public')
@PublicReadLimited()
@Controller('articles')
export class PublicArticlesController {
  constructor(
    private readonly articles: PublishedArticlesService,
    private readonly cache: ReadersCache,
    private readonly trendingArticles: TrendingArticlesService,
  ) {}

  @Get('latest')
  @ApiOperation({ summary: 'The UPDATE list: published articles, newest first; page with `before` = the last item\'s `cursor`' })
  @ApiOkResponse({ type: PublicArticleItem, isArray: true })
  @ApiBadRequestResponse({ description: 'limit outside 1..100, or `before` neither a cursor nor a time' })
  @ApiNotFoundResponse({ description: 'unknown rubric' })
  latest(@Query() query: ListLatestQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.cache.serveJson(request, reply, { route: READERS_ROUTES.latestJson, counts: true, notFoundKeys: UNKNOWN_RUBRIC_KEYS }, async () => ({
      body: await this.articles.latest(query),
      keys: listKeys(SurrogateKey.latest, query.rubric),
      lastModified: Date.now(),
    }));
  }

  @Get('popular')
  @ApiOperation({
    summary: 'The Populer list: most viewed inside the window first (ties: newest); articles without views in the window follow, newest first',
  })
  @ApiOkResponse({ type: PopularArticleItem, isArray: true })
  @ApiBadRequestResponse({ description: 'window not one of 24h, 7d, 30d, or limit outside 1..100' })
  @ApiNotFoundResponse({ description: 'unknown rubric' })
  popular(@Query() query: ListPopularQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.cache.serveJson(request, reply, { route: READERS_ROUTES.popularJson, counts: true, notFoundKeys: UNKNOWN_RUBRIC_KEYS }, async () => ({
      body: await this.articles.popular(query),
      keys: listKeys(SurrogateKey.popular, query.rubric),
      lastModified: Date.now(),
    }));
  }

  @Get('trending')
  @ApiOperation({
    summary: '"Naik Daun": published articles read faster in the last 15 minutes than in their own previous hour, fastest rising first (refreshed every few seconds)',
  })
  @ApiOkResponse({ type: TrendingArticleItem, isArray: true })
  @ApiBadRequestResponse({ description: 'limit outside 1..100' })
  @ApiNotFoundResponse({ description: 'unknown rubric' })
  trending(@Query() query: PublicListQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.cache.serveJson(request, reply, { route: READERS_ROUTES.trendingJson, counts: true, notFoundKeys: UNKNOWN_RUBRIC_KEYS }, async () => ({
      body: await this.trendingArticles.trending(query),
      // view-driven like Populer, and kept under a second like it
      keys: listKeys(SurrogateKey.popular, query.rubric),
      lastModified: Date.now(),
    }));
  }

  @Get(':slug/related')
  @ApiOperation({ summary: '"Berita Terkait": other published articles related by shared tags and text, same rubric preferred (never the article itself)' })
  @ApiOkResponse({ type: PublicArticleItem, isArray: true })
  @ApiBadRequestResponse({ description: 'limit outside 1..10' })
  @ApiNotFoundResponse({ description: 'no published article with that slug' })
  related(@Param('slug') slug: string, @Query() query: ListRelatedQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!isPossibleSlug(slug)) throw noSuchPublishedArticle();
    return this.cache.serveJson(request, reply, { route: READERS_ROUTES.relatedJson, counts: true, notFoundKeys: [SurrogateKey.missing(slug)] }, async () => {
      const id = await this.articles.publishedId(slug);
      const items = await this.articles.related(id, query.limit ?? RELATED_DEFAULT_LIMIT);
      return { body: items, keys: [SurrogateKey.article(id), ...items.map((item) => SurrogateKey.article(item.id))], lastModified: Date.now() };
    });
  }

  @Get(':slug')
  @ApiOperation({ summary: 'A published article\'s page' })
  @ApiOkResponse({ type: PublicArticle })
  @ApiNotFoundResponse({ description: 'no published article with that slug (drafts, scheduled and unpublished articles included)' })
  article(@Param('slug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    // no article has such a slug, nor ever will: no query, no cache entry
    if (!isPossibleSlug(slug)) throw noSuchPublishedArticle();
    return this.cache.serveJson(request, reply, { route: READERS_ROUTES.articleJson, counts: true, notFoundKeys: [SurrogateKey.missing(slug)] }, async () => {
      const { id, article } = await this.articles.publishedBySlug(slug);
      return { body: article, keys: [SurrogateKey.article(id)], lastModified: Date.now() };
    });
  }
}

/** A list's only 404 is an unknown rubric: it exists once a rubric is created (which drops `rubrics`). */
const UNKNOWN_RUBRIC_KEYS = [SurrogateKey.rubrics];

/** A list names what it is, and its rubric when filtered (a correction moving an article between rubrics drops both through `latest`/`popular`). */
function listKeys(list: string, rubric: string | undefined): string[] {
  return rubric === undefined ? [list] : [list, SurrogateKey.rubric(rubric)];
}
