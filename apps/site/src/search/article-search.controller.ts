import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { SurrogateKey } from '@newsroom/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ReadersCache } from '../page-cache/readers-cache.service';
import { READERS_ROUTES } from '../page-cache/readers-routes';
import { PublicReadLimited } from '../rate-limit/public-read.guard';
import { ArticleSearch } from './article-search.service';
import { SearchArticlesQuery } from './dto/search-articles.query';
import { SearchResults } from './search-result.response';

@ApiTags('public')
@PublicReadLimited()
@Controller('articles')
export class ArticleSearchController {
  constructor(
    private readonly search: ArticleSearch,
    private readonly cache: ReadersCache,
  ) {}

  /**
   * Kept like JSON with counts (under a second): a takedown or correction
   * must leave the results within 1 s, and the same search asked by many
   * readers at once still costs one query.
   */
  @Get('search')
  @ApiOperation({ summary: 'Search published articles (Indonesian word forms, "phrases", -word, one typo forgiven in words of 5+ letters)' })
  @ApiOkResponse({ type: SearchResults })
  @ApiBadRequestResponse({ description: 'q empty or over 200 characters, limit outside 1..50, a bad time, or a cursor not from a previous page of the same search' })
  @ApiServiceUnavailableResponse({ description: 'the search ran past NEWSROOM_SEARCH_TIMEOUT_MS; Retry-After says when to try again' })
  find(@Query() query: SearchArticlesQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.cache.serveJson(request, reply, { route: READERS_ROUTES.searchJson, counts: true }, async () => ({
      body: await this.search.search(query),
      keys: [SurrogateKey.latest],
      lastModified: Date.now(),
    }));
  }
}
