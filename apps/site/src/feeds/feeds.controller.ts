import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SurrogateKey } from '@newsroom/contracts';
import { isPossibleSlug, notFound } from '@newsroom/domain';
import { STRINGS } from '@newsroom/html';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ReadersCache } from '../page-cache/readers-cache.service';
import { READERS_ROUTES, ReadersRoute } from '../page-cache/readers-routes';
import { PublicReadLimited } from '../rate-limit/public-read.guard';
import { SiteConfig } from '../site.config';
import { FeedArticle, FeedContent } from './feed-content.service';
import { FEED_ITEMS, rssFeed } from './xml-documents';

const RSS_TYPE = 'application/rss+xml; charset=utf-8';

/**
 * RSS 2.0 feeds of the 50 newest published articles: the site's, a rubric's
 * and a tag's. Cached and dropped like the pages that list the same articles
 * (`latest`: every change of a published article, take-downs and corrections
 * included, drops it, here and at the edge).
 */
@ApiTags('feeds and sitemaps')
@ApiProduces('application/rss+xml')
@PublicReadLimited()
@Controller()
export class FeedsController {
  constructor(
    private readonly content: FeedContent,
    private readonly cache: ReadersCache,
    @Inject(SiteConfig) private readonly config: SiteConfig,
  ) {}

  @Get('rss.xml')
  @ApiOperation({ summary: 'RSS 2.0: the 50 newest published articles (title, link, guid, pubDate, the lead as description, authors as dc:creator, the rubric as category)' })
  @ApiOkResponse({ description: 'RSS 2.0 XML' })
  site(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.feed(request, reply, READERS_ROUTES.siteFeed, [SurrogateKey.latest], async () => ({
      title: STRINGS.siteName,
      description: STRINGS.siteTagline,
      path: '',
      items: await this.content.newest({}, FEED_ITEMS),
    }));
  }

  @Get('rubrik/:slug/rss.xml')
  @ApiOperation({ summary: 'RSS 2.0: a rubric\'s 50 newest published articles' })
  @ApiOkResponse({ description: 'RSS 2.0 XML' })
  @ApiNotFoundResponse({ description: 'unknown rubric (JSON error)' })
  rubric(@Param('slug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    // before the keys are made of it: a slug no rubric can have (odd bytes) would be no valid Surrogate-Key header
    if (!isPossibleSlug(slug)) throw notFound('RUBRIC.NOT_FOUND', `there is no rubric "${slug}"`);
    // a rubric added later is announced under `rubrics`
    return this.feed(request, reply, READERS_ROUTES.rubricFeed, [SurrogateKey.rubric(slug), SurrogateKey.latest, SurrogateKey.rubrics], async () => {
      const rubric = await this.content.rubric(slug);
      return {
        title: `${rubric.name} - ${STRINGS.siteName}`,
        description: `${STRINGS.rubricDescription} ${rubric.name}`,
        path: `/rubrik/${slug}`,
        items: await this.content.newest({ rubricId: rubric.id }, FEED_ITEMS),
      };
    });
  }

  @Get('tag/:slug/rss.xml')
  @ApiOperation({ summary: 'RSS 2.0: the 50 newest published articles with this tag (its slug, as in /tag/:slug)' })
  @ApiOkResponse({ description: 'RSS 2.0 XML' })
  @ApiNotFoundResponse({ description: 'no published article carries the tag (JSON error)' })
  tag(@Param('slug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    // a tag no published article carries is a 404, like its page, until one is published (which drops `latest`)
    if (!isPossibleSlug(slug)) throw notFound('TAG.NOT_FOUND', `no published article is tagged "${slug}"`);
    return this.feed(request, reply, READERS_ROUTES.tagFeed, [SurrogateKey.tag(slug), SurrogateKey.latest], async () => {
      const name = await this.content.tagName(slug);
      return {
        title: `${STRINGS.tagTitle}: ${name} - ${STRINGS.siteName}`,
        description: `${STRINGS.tagDescription} ${name}`,
        path: `/tag/${slug}`,
        items: await this.content.newest({ tag: slug }, FEED_ITEMS),
      };
    });
  }

  private feed(
    request: FastifyRequest,
    reply: FastifyReply,
    route: ReadersRoute,
    keys: string[],
    load: () => Promise<{ title: string; description: string; path: string; items: FeedArticle[] }>,
  ): Promise<void> {
    const origin = this.config.publicUrl;
    return this.cache.serveDocument(request, reply, { route, contentType: RSS_TYPE, notFoundKeys: keys }, async () => {
      const feed = await load();
      const body = rssFeed(
        { title: feed.title, link: `${origin}${feed.path || '/'}`, self: `${origin}${feed.path}/rss.xml`, description: feed.description, language: 'id' },
        feed.items.map((item) => ({
          title: item.headline,
          link: `${origin}/berita/${item.slug}`,
          guid: `urn:uuid:${item.id}`,
          publishedAt: item.publishedAt,
          description: item.lead,
          authors: item.authors,
          category: item.rubricName,
        })),
      );
      // the render's time, as the lists have it: a correction or a take-down changes a feed without a newer item
      return { body, keys, lastModified: Date.now() };
    });
  }
}
