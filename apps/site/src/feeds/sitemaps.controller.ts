import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SurrogateKey } from '@newsroom/contracts';
import { notFound } from '@newsroom/domain';
import { STRINGS } from '@newsroom/html';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ReadersCache } from '../page-cache/readers-cache.service';
import { READERS_ROUTES, ReadersRoute } from '../page-cache/readers-routes';
import { PublicReadLimited } from '../rate-limit/public-read.guard';
import { SiteConfig } from '../site.config';
import { FeedContent } from './feed-content.service';
import {
  monthSitemapFile,
  newsSitemap,
  parseMonthSitemapFile,
  robotsTxt,
  SECTIONS_SITEMAP_FILE,
  SITEMAP_MAX_URLS,
  sitemapIndex,
  SitemapUrl,
  urlSet,
} from './xml-documents';

const XML_TYPE = 'application/xml; charset=utf-8';
/**
 * Every sitemap lists published articles, and every change of one (publish,
 * update, correction, take-down) drops `latest`: so does each sitemap, here
 * and at the edge. A month's sitemap is built again on its next request.
 */
const ARTICLE_KEYS = [SurrogateKey.latest];
const noSuchSitemap = () => notFound('SITEMAP.NOT_FOUND', 'no such sitemap');

/**
 * /sitemap.xml (an index of monthly article sitemaps and one of rubrics and
 * tags), /sitemap-news.xml (Google News), /robots.txt naming both.
 */
@ApiTags('feeds and sitemaps')
@PublicReadLimited()
@Controller()
export class SitemapsController {
  constructor(
    private readonly content: FeedContent,
    private readonly cache: ReadersCache,
    @Inject(SiteConfig) private readonly config: SiteConfig,
  ) {}

  @Get('sitemap.xml')
  @ApiOperation({ summary: 'Sitemap index: the monthly article sitemaps (/sitemaps/articles-YYYY-MM.xml, lastmod = newest updatedAt) and /sitemaps/sections.xml' })
  @ApiProduces('application/xml')
  @ApiOkResponse({ description: 'sitemaps.org sitemapindex' })
  index(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.xml(request, reply, READERS_ROUTES.sitemapIndex, ARTICLE_KEYS, async () => {
      const months = await this.content.months();
      const sitemaps: SitemapUrl[] = months.flatMap((month) =>
        Array.from({ length: Math.ceil(month.articles / SITEMAP_MAX_URLS) }, (_, i) => ({ loc: this.sitemapUrl(monthSitemapFile(month.month, i + 1)), lastmod: month.lastmod })),
      );
      return sitemapIndex([{ loc: this.sitemapUrl(SECTIONS_SITEMAP_FILE) }, ...sitemaps]);
    });
  }

  /** A month's articles (`articles-2026-12.xml`, `-2` onwards past 50,000), or the rubrics' and tags' pages (`sections.xml`). */
  @Get('sitemaps/:file')
  @ApiOperation({
    summary: 'A month\'s published articles (`articles-YYYY-MM.xml` in the newsroom\'s zone, `articles-YYYY-MM-N.xml` for the Nth 50,000; lastmod = updatedAt), or `sections.xml`: every rubric page and every tag page',
  })
  @ApiProduces('application/xml')
  @ApiOkResponse({ description: 'sitemaps.org urlset' })
  @ApiNotFoundResponse({ description: 'no such file, or a month without published articles (JSON error)' })
  file(@Param('file') file: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (file === SECTIONS_SITEMAP_FILE) {
      // a new rubric is announced under `rubrics`
      return this.xml(request, reply, READERS_ROUTES.sitemapFile, [...ARTICLE_KEYS, SurrogateKey.rubrics], async () => {
        const sections = await this.content.sections();
        return urlSet([
          ...sections.rubrics.map((slug) => ({ loc: `${this.config.publicUrl}/rubrik/${slug}` })),
          ...sections.tags.map((slug) => ({ loc: `${this.config.publicUrl}/tag/${slug}` })),
        ]);
      });
    }
    return this.xml(request, reply, READERS_ROUTES.sitemapFile, ARTICLE_KEYS, async () => {
      const named = parseMonthSitemapFile(file);
      if (!named) throw noSuchSitemap();
      const articles = await this.content.monthArticles(named.year, named.monthNumber, named.part);
      if (articles.length === 0) throw noSuchSitemap();
      return urlSet(articles.map((a) => ({ loc: `${this.config.publicUrl}/berita/${a.slug}`, lastmod: new Date(a.updated_at) })));
    });
  }

  @Get('sitemap-news.xml')
  @ApiOperation({ summary: 'Google News sitemap: articles published in the last 48 hours, at most 1,000, newest first, each with news:publication (name, language id), news:publication_date and news:title' })
  @ApiProduces('application/xml')
  @ApiOkResponse({ description: 'urlset with the news: namespace' })
  news(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.xml(request, reply, READERS_ROUTES.newsSitemap, ARTICLE_KEYS, async () => {
      const recent = await this.content.recentNews();
      return newsSitemap(
        recent.map((a) => ({
          loc: `${this.config.publicUrl}/berita/${a.slug}`,
          publicationName: STRINGS.siteName,
          language: 'id',
          publishedAt: new Date(a.published_at),
          title: a.headline,
        })),
      );
    });
  }

  @Get('robots.txt')
  @ApiOperation({ summary: 'robots.txt: keeps crawlers off /desk and /cari, names /sitemap.xml and /sitemap-news.xml' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'text' })
  robots(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.cache.serveDocument(request, reply, { route: READERS_ROUTES.robots, contentType: 'text/plain; charset=utf-8' }, async () => ({
      body: robotsTxt(this.config.publicUrl),
      keys: [],
      lastModified: Date.now(),
    }));
  }

  private xml(request: FastifyRequest, reply: FastifyReply, route: ReadersRoute, keys: string[], build: () => Promise<string>): Promise<void> {
    return this.cache.serveDocument(request, reply, { route, contentType: XML_TYPE, notFoundKeys: keys }, async () => ({
      body: await build(),
      keys,
      lastModified: Date.now(),
    }));
  }

  private sitemapUrl(file: string): string {
    return `${this.config.publicUrl}/sitemaps/${file}`;
  }
}
