import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError } from '@newsroom/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { DEFAULT_POPULAR_WINDOW, isPopularWindow, POPULAR_WINDOWS } from '../public/popular-window';
import { GatewayConfig } from '../gateway.config';
import { RateLimit } from '../rate-limit/rate-limit.module';
import { RateLimited } from '../rate-limit/rate-limited.decorator';
import { PAGE_CACHE, sendPage } from '../ui/html-page';
import { STRINGS } from '../ui/strings.id';
import { articlePageMeta, listPageMeta, newsArticleJsonLd } from './site-meta';
import { FULL_LIST_LIMIT, SiteContent } from './site-content.service';

const LAYOUT = 'layouts/site.hbs' as const;
const WINDOW_LABELS = { '24h': STRINGS.window24h, '7d': STRINGS.window7d, '30d': STRINGS.window30d };

/**
 * The readers' site: server-rendered pages that work without JavaScript and
 * that a CDN may cache (ETag, short max-age). Only published articles appear;
 * anything else, an unknown rubric included, is the site's 404 page (never
 * the API's JSON error).
 */
@ApiExcludeController()
@Public()
@RateLimited(RateLimit.PublicRead)
@Controller()
export class SiteController {
  constructor(
    private readonly content: SiteContent,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
  ) {}

  @Get()
  home(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.page(request, reply, async () => {
      const [rubrics, side] = await Promise.all([this.content.rubrics(), this.content.sideLists()]);
      const [top, ...rest] = side.latest;
      return {
        template: 'site/home.hbs',
        data: { rubrics, top, latest: rest, popular: side.popular, meta: listPageMeta(this.pageUrl(request), STRINGS.siteName) },
      };
    });
  }

  @Get('rubrik/:slug')
  rubric(@Param('slug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.page(request, reply, async () => {
      const [rubrics, latest, side] = await Promise.all([this.content.rubrics(), this.content.latest({ rubric: slug }), this.content.sideLists(slug)]);
      const rubric = rubrics.find((r) => r.slug === slug)!;
      return {
        template: 'site/list.hbs',
        data: {
          rubrics,
          activeRubric: slug,
          title: rubric.name,
          items: latest,
          popular: side.popular,
          meta: listPageMeta(this.pageUrl(request), rubric.name, `${STRINGS.rubricDescription} ${rubric.name}`),
        },
      };
    });
  }

  @Get('berita/:slug')
  article(@Param('slug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.page(request, reply, async () => {
      const [rubrics, page, side] = await Promise.all([this.content.rubrics(), this.content.article(slug), this.content.sideLists()]);
      const url = this.pageUrl(request);
      return {
        template: 'site/article.hbs',
        data: {
          rubrics,
          activeRubric: page.article.rubric.slug,
          ...page,
          ...side,
          meta: articlePageMeta(url, page.article),
          jsonLd: newsArticleJsonLd(url, page.article),
        },
      };
    });
  }

  /** The UPDATE list in full ("Selengkapnya"), paged by the last item's cursor. */
  @Get('terbaru')
  latest(@Query('before') before: string | undefined, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.page(request, reply, async () => {
      const [rubrics, items, side] = await Promise.all([this.content.rubrics(), this.content.latest({ before }), this.content.sideLists()]);
      const last = items.at(-1);
      return {
        template: 'site/list.hbs',
        data: {
          rubrics,
          title: STRINGS.latestTitle,
          items,
          popular: side.popular,
          nextPage: items.length === FULL_LIST_LIMIT && last ? `/terbaru?before=${encodeURIComponent(last.cursor)}` : null,
          meta: listPageMeta(this.pageUrl(request), STRINGS.latestTitle),
        },
      };
    });
  }

  /** The Populer list in full, for one of the rolling windows. */
  @Get('populer')
  popular(@Query('window') window: string | undefined, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const chosen = isPopularWindow(window) ? window : DEFAULT_POPULAR_WINDOW;
    return this.page(request, reply, async () => {
      const [rubrics, items, side] = await Promise.all([this.content.rubrics(), this.content.popular(chosen), this.content.sideLists()]);
      return {
        template: 'site/list.hbs',
        data: {
          rubrics,
          title: STRINGS.popularTitle,
          items,
          latest: side.latest,
          windows: POPULAR_WINDOWS.map((w) => ({ href: `/populer?window=${w}`, label: WINDOW_LABELS[w], active: w === chosen })),
          meta: listPageMeta(this.pageUrl(request), STRINGS.popularTitle),
        },
      };
    });
  }

  /** Renders what `load` returns; a not_found or invalid input (an unknown slug, a bad cursor) becomes the 404 page. */
  private async page(
    request: FastifyRequest,
    reply: FastifyReply,
    load: () => Promise<{ template: string; data: Record<string, unknown> }>,
  ): Promise<void> {
    let loaded: { template: string; data: Record<string, unknown> };
    try {
      loaded = await load();
    } catch (error) {
      if (error instanceof DomainError && (error.kind === 'not_found' || error.kind === 'invalid')) return this.notFound(request, reply);
      throw error;
    }
    await sendPage(request, reply, loaded.template, loaded.data, { layout: LAYOUT, cache: PAGE_CACHE.public });
  }

  private async notFound(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const [rubrics, side] = await Promise.all([this.content.rubrics(), this.content.sideLists()]);
    await sendPage(
      request,
      reply,
      'site/not-found.hbs',
      { rubrics, ...side, meta: listPageMeta(this.pageUrl(request), STRINGS.notFoundTitle, STRINGS.notFoundText), noindex: true },
      { layout: LAYOUT, status: 404, cache: PAGE_CACHE.notFound },
    );
  }

  /**
   * The page's canonical address (canonical link, og:url, JSON-LD): the
   * configured public origin and the path. Never the request's Host or
   * X-Forwarded-Host, which a client chooses and an edge cache would then
   * serve to everyone; never the query, whose tracking tags are not the page.
   */
  private pageUrl(request: FastifyRequest): string {
    return `${this.config.publicUrl}${request.url.split('?')[0]}`;
  }
}
