import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { isKeyableSlug, SurrogateKey } from '@newsroom/contracts';
import { DomainError, isPossibleSlug, notFound } from '@newsroom/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_POPULAR_WINDOW, isPopularWindow, POPULAR_WINDOWS } from '../public/popular-window';
import { SiteConfig } from '../site.config';
import { PublicReadLimited } from '../rate-limit/public-read.guard';
import { cacheKeyOf, canonicalPath } from '../page-cache/cache-key';
import { PageRender, ReadersCache, SIDE_SLOT, SideBlockSpec } from '../page-cache/readers-cache.service';
import { READERS_ROUTES, ReadersRoute } from '../page-cache/readers-routes';
import { STRINGS } from '@newsroom/html';
import { articlePageMeta, listPageMeta, newsArticleJsonLd } from './site-meta';
import { FULL_LIST_LIMIT, SIDE_LATEST_LIMIT, SiteContent } from './site-content.service';

const LAYOUT = 'layouts/site.hbs' as const;
const WINDOW_LABELS = { '24h': STRINGS.window24h, '7d': STRINGS.window7d, '30d': STRINGS.window30d };

/** Which side lists a page shows beside its content; list pages leave out an empty one. */
interface SideBlockKind {
  popular: boolean;
  latest: boolean;
  /** "Naik Daun": the home page's */
  trending?: boolean;
  rubric?: string;
  hideEmpty?: boolean;
}
const BOTH_SIDE_LISTS: SideBlockKind = { popular: true, latest: true };
/**
 * Where the 404 page is kept once for every address: those that cannot name a
 * page answer with it as it is, unknown slugs copy it. No request's path gives this key.
 */
const NOT_FOUND_PAGE_KEY = 'GET <no such page>';

/** What a page's loader gives: the template, its data, the surrogate keys of what it shows (beside `rubrics`), and its Last-Modified. */
interface LoadedPage {
  template: string;
  data: Record<string, unknown>;
  keys: string[];
  lastModified?: number;
}

interface PageSpec {
  /** the route's cache key parts (READERS_ROUTES) */
  route: ReadersRoute;
  /** the cache key, when the parameters' values in the request do not say which page it is */
  cacheKey?: string;
  side: SideBlockKind;
  /** the article slug a 404 of this page is kept under, so its publication drops that 404 */
  slug?: string;
}

/**
 * The readers' site: server-rendered pages that work without JavaScript,
 * served from the replica cache (ReadersCache) with validators and
 * Cache-Control an edge cache can use. Only published articles appear;
 * anything else, an unknown rubric included, is the site's 404 page (never
 * the API's JSON error).
 */
@ApiExcludeController()
@PublicReadLimited()
@Controller()
export class SiteController {
  constructor(
    private readonly content: SiteContent,
    private readonly cache: ReadersCache,
    @Inject(SiteConfig) private readonly config: SiteConfig,
  ) {}

  @Get()
  home(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.page(request, reply, { route: READERS_ROUTES.home, side: { popular: true, latest: false, trending: true } }, async () => {
      const [rubrics, latest] = await Promise.all([this.content.rubrics(), this.content.latest({ limit: SIDE_LATEST_LIMIT })]);
      const [top, ...rest] = latest;
      return {
        template: 'site/home.hbs',
        data: { rubrics, top, latest: rest, meta: listPageMeta(this.pageUrl(request), STRINGS.siteName) },
        keys: [SurrogateKey.home, SurrogateKey.latest],
      };
    });
  }

  @Get('rubrik/:slug')
  rubric(@Param('slug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!isPossibleSlug(slug)) return this.impossiblePage(request, reply);
    return this.page(request, reply, { route: READERS_ROUTES.rubric, side: { popular: true, latest: false, rubric: slug, hideEmpty: true } }, async () => {
      const [rubrics, latest] = await Promise.all([this.content.rubrics(), this.content.latest({ rubric: slug })]);
      const rubric = rubrics.find((r) => r.slug === slug)!;
      return {
        template: 'site/list.hbs',
        data: {
          rubrics,
          activeRubric: slug,
          title: rubric.name,
          items: latest,
          meta: listPageMeta(this.pageUrl(request), rubric.name, `${STRINGS.rubricDescription} ${rubric.name}`),
          feed: this.feedLink(`/rubrik/${slug}`, rubric.name),
        },
        // `latest` too: a correction may move an article out of this rubric, and the change names only its new one
        keys: [SurrogateKey.rubric(slug), SurrogateKey.latest],
      };
    });
  }

  @Get('berita/:slug')
  article(@Param('slug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!isPossibleSlug(slug)) return this.impossiblePage(request, reply);
    return this.page(request, reply, { route: READERS_ROUTES.article, side: BOTH_SIDE_LISTS, slug }, async () => {
      const [rubrics, page] = await Promise.all([this.content.rubrics(), this.content.article(slug)]);
      const url = this.pageUrl(request);
      return {
        template: 'site/article.hbs',
        data: {
          rubrics,
          activeRubric: page.article.rubric.slug,
          article: page.article,
          related: page.related,
          meta: articlePageMeta(url, page.article),
          jsonLd: newsArticleJsonLd(url, page.article),
        },
        // Berita Terkait too: a related article taken down or changed drops this page
        keys: [SurrogateKey.article(page.id), ...page.related.map((item) => SurrogateKey.article(item.id))],
        lastModified: Math.max(Date.parse(page.article.updatedAt), Date.parse(page.article.publishedAt)),
      };
    });
  }

  /** A tag's articles, newest first, like a rubric page; a tag no published article carries is the 404 page. */
  @Get('tag/:slug')
  tag(@Param('slug') slug: string, @Query('before') before: string | undefined, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!isPossibleSlug(slug)) return this.impossiblePage(request, reply);
    return this.page(request, reply, { route: READERS_ROUTES.tagPage, side: { popular: true, latest: false, hideEmpty: true } }, async () => {
      const [rubrics, items] = await Promise.all([this.content.rubrics(), this.content.latest({ tag: slug, before })]);
      if (items.length === 0 && before === undefined) throw notFound('TAG.NOT_FOUND', `no published article is tagged "${slug}"`);
      const name = (await this.content.tagName(slug, items)) ?? slug;
      const last = items.at(-1);
      return {
        template: 'site/list.hbs',
        data: {
          rubrics,
          title: `${STRINGS.tagTitle}: ${name}`,
          items,
          nextPage: items.length === FULL_LIST_LIMIT && last ? `/tag/${slug}?before=${encodeURIComponent(last.cursor)}` : null,
          meta: listPageMeta(this.pageUrl(request), `${STRINGS.tagTitle}: ${name}`, `${STRINGS.tagDescription} ${name}`),
          feed: this.feedLink(`/tag/${slug}`, `${STRINGS.tagTitle}: ${name}`),
        },
        // every change of a published article drops `latest`: a tag added or removed by a correction included
        keys: [SurrogateKey.tag(slug), SurrogateKey.latest],
      };
    });
  }

  /** Search results (the readers' search, published articles only); the box in every page's header leads here. */
  @Get('cari')
  search(@Query('q') q: string | undefined, @Query('cursor') cursor: string | undefined, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const text = typeof q === 'string' ? q : '';
    const next = typeof cursor === 'string' ? cursor : undefined;
    return this.page(request, reply, { route: READERS_ROUTES.searchPage, side: { popular: true, latest: false, hideEmpty: true } }, async () => {
      const rubrics = await this.content.rubrics();
      const base = { rubrics, searchQuery: text, meta: listPageMeta(this.pageUrl(request), STRINGS.searchTitle), noindex: true };
      if (text.trim() === '') return { template: 'site/search.hbs', data: { ...base, searched: false }, keys: [SurrogateKey.latest] };
      try {
        const results = await this.content.search({ q: text, cursor: next });
        return {
          template: 'site/search.hbs',
          data: { ...base, searched: true, items: results.items, nextPage: results.nextCursor ? `/cari?q=${encodeURIComponent(text)}&cursor=${encodeURIComponent(results.nextCursor)}` : null },
          keys: [SurrogateKey.latest],
        };
      } catch (error) {
        // a query the search refuses (too long, a foreign cursor) shows the page with what is wrong, not the 404 page
        if (!(error instanceof DomainError && error.kind === 'invalid')) throw error;
        return { template: 'site/search.hbs', data: { ...base, searched: false, problem: STRINGS.searchBadQuery }, keys: [SurrogateKey.latest] };
      }
    });
  }

  /** The UPDATE list in full ("Selengkapnya"), paged by the last item's cursor. */
  @Get('terbaru')
  latest(@Query('before') before: string | undefined, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.page(request, reply, { route: READERS_ROUTES.latestPage, side: { popular: true, latest: false, hideEmpty: true } }, async () => {
      const [rubrics, items] = await Promise.all([this.content.rubrics(), this.content.latest({ before })]);
      const last = items.at(-1);
      return {
        template: 'site/list.hbs',
        data: {
          rubrics,
          title: STRINGS.latestTitle,
          items,
          nextPage: items.length === FULL_LIST_LIMIT && last ? `/terbaru?before=${encodeURIComponent(last.cursor)}` : null,
          meta: listPageMeta(this.pageUrl(request), STRINGS.latestTitle),
        },
        keys: [SurrogateKey.latest],
      };
    });
  }

  /** The Populer list in full, for one of the rolling windows. */
  @Get('populer')
  popular(@Query('window') window: string | undefined, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const chosen = isPopularWindow(window) ? window : DEFAULT_POPULAR_WINDOW;
    // a window it does not know shows the default one: the same page, so the same entry (`?window=<random>` makes none)
    const cacheKey = cacheKeyOf('GET', `${canonicalPath(request.url)}?window=${chosen}`, READERS_ROUTES.popularPage.params);
    return this.page(request, reply, { route: READERS_ROUTES.popularPage, cacheKey, side: { popular: false, latest: true, hideEmpty: true } }, async () => {
      const [rubrics, items] = await Promise.all([this.content.rubrics(), this.content.popular(chosen)]);
      return {
        template: 'site/list.hbs',
        data: {
          rubrics,
          title: STRINGS.popularTitle,
          items,
          windows: POPULAR_WINDOWS.map((w) => ({ href: `/populer?window=${w}`, label: WINDOW_LABELS[w], active: w === chosen })),
          meta: listPageMeta(this.pageUrl(request), STRINGS.popularTitle),
        },
        keys: [SurrogateKey.popular],
      };
    });
  }

  /**
   * Serves the page from the replica cache, or renders what `load` returns;
   * a not_found or invalid input (an unknown slug, a bad cursor) becomes the
   * 404 page, kept briefly. Every page names the rubrics (its navigation).
   */
  private page(request: FastifyRequest, reply: FastifyReply, spec: PageSpec, load: () => Promise<LoadedPage>): Promise<void> {
    const side = (status: PageRender['status']) => this.sideBlock(reply, status === 200 ? spec.side : BOTH_SIDE_LISTS);
    return this.cache.servePage(request, reply, { route: spec.route, cacheKey: spec.cacheKey, side }, async () => {
      let loaded: LoadedPage;
      try {
        loaded = await load();
      } catch (error) {
        if (error instanceof DomainError && (error.kind === 'not_found' || error.kind === 'invalid')) return this.notFound(reply, spec.slug);
        throw error;
      }
      // every page names the site's feed, a rubric's or tag's page its own first
      const feeds = [...(loaded.data.feed ? [loaded.data.feed] : []), this.feedLink('', STRINGS.siteName)];
      const html = await reply.viewAsync(loaded.template, { ...loaded.data, feeds, sideSlot: SIDE_SLOT }, { layout: LAYOUT });
      return { status: 200, html, keys: [SurrogateKey.rubrics, ...loaded.keys], lastModified: loaded.lastModified ?? Date.now() };
    });
  }

  /**
   * The 404 page of an address that cannot name a page: no lookup, and one
   * cache entry shared by all such addresses, so a scan of them costs one
   * render per NEWSROOM_SITE_NOT_FOUND_TTL_SECONDS and keeps nothing per address.
   */
  private impossiblePage(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    return this.cache.servePage(request, reply, { route: READERS_ROUTES.article, cacheKey: NOT_FOUND_PAGE_KEY, side: () => this.sideBlock(reply, BOTH_SIDE_LISTS) }, () =>
      this.renderNotFound(reply),
    );
  }

  /**
   * The 404 of an address that could name a page but does not: the shared 404
   * page (no render of its own), kept for this address under the article
   * slug's key if any, so asking again costs no lookup until it is published.
   */
  private async notFound(reply: FastifyReply, slug: string | undefined): Promise<PageRender> {
    const html = await this.cache.sharedPage(NOT_FOUND_PAGE_KEY, () => this.renderNotFound(reply));
    const keys: string[] = [SurrogateKey.rubrics];
    if (slug !== undefined && isKeyableSlug(slug)) keys.push(SurrogateKey.missing(slug));
    return { status: 404, html, keys, lastModified: Date.now() };
  }

  /** The 404 page: the same for every address (it names none, having no canonical one). */
  private async renderNotFound(reply: FastifyReply): Promise<PageRender> {
    const rubrics = await this.content.rubrics();
    const html = await reply.viewAsync(
      'site/not-found.hbs',
      { rubrics, sideSlot: SIDE_SLOT, meta: listPageMeta(undefined, STRINGS.notFoundTitle, STRINGS.notFoundText), noindex: true },
      { layout: LAYOUT },
    );
    return { status: 404, html, keys: [SurrogateKey.rubrics], lastModified: Date.now() };
  }

  /** The Populer and UPDATE blocks of a kind of page, shared by every page of that kind and read again on their own period. */
  private sideBlock(reply: FastifyReply, kind: SideBlockKind): SideBlockSpec {
    return {
      key: `${kind.popular ? 'popular' : ''}+${kind.latest ? 'latest' : ''}${kind.trending ? '+trending' : ''}${kind.hideEmpty ? '-hide-empty' : ''}@${kind.rubric ?? ''}`,
      render: async () => {
        const lists = await this.content.sideLists(kind.rubric, kind);
        const html = await reply.viewAsync('site/side.hbs', {
          ...lists,
          showPopular: kind.popular && (!kind.hideEmpty || lists.popular.length > 0),
          showLatest: kind.latest && (!kind.hideEmpty || lists.latest.length > 0),
          // a quiet hour has nothing rising: the block then stays away
          showTrending: !!kind.trending && lists.trending.length > 0,
        });
        return { html, articleIds: [...lists.popular, ...lists.latest, ...lists.trending].map((item) => item.id) };
      },
    };
  }

  /** A feed as a page's <link rel="alternate"> names it: `path` is the page's, '' the site's. */
  private feedLink(path: string, title: string): { href: string; title: string } {
    return { href: `${this.config.publicUrl}${path}/rss.xml`, title: title === STRINGS.siteName ? title : `${title} - ${STRINGS.siteName}` };
  }

  /**
   * The page's canonical address (canonical link, og:url, JSON-LD): the
   * configured public origin and the path. Never the request's Host or
   * X-Forwarded-Host, which a client chooses and an edge cache would then
   * serve to everyone; never the query, whose tracking tags are not the page.
   */
  private pageUrl(request: FastifyRequest): string {
    // canonicalPath: the page is kept once for every spelling of its path, and must not name the first reader's
    return `${this.config.publicUrl}${canonicalPath(request.url)}`;
  }
}
