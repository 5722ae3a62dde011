import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SurrogateKey } from '@newsroom/contracts';
import { RubricResponse } from '@newsroom/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ReadersCache } from '../page-cache/readers-cache.service';
import { READERS_ROUTES } from '../page-cache/readers-routes';
import { PublicReadLimited } from '../rate-limit/public-read.guard';
import { PublishedArticlesService } from './published-articles.service';

/** GET /rubrics, the readers' list (the staff add rubrics through the gateway's POST /rubrics). */
@ApiTags('rubrics')
@Controller('rubrics')
export class RubricsListController {
  constructor(
    private readonly articles: PublishedArticlesService,
    private readonly cache: ReadersCache,
  ) {}

  @PublicReadLimited()
  @Get()
  @ApiOkResponse({ type: RubricResponse, isArray: true })
  list(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.cache.serveJson(request, reply, { route: READERS_ROUTES.rubricsJson, counts: false }, async () => {
      const rubrics = await this.articles.rubrics();
      return { body: rubrics.map((r) => ({ slug: r.slug, name: r.name })), keys: [SurrogateKey.rubrics], lastModified: Date.now() };
    });
  }
}
