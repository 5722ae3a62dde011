import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { SITE_CONTENT_CHANNEL, SiteContentChange, SurrogateKey, surrogateKeysOfArticleChange } from '@newsroom/contracts';
import { ReadReplicas } from '@newsroom/database';
import { DomainError } from '@newsroom/domain';
import { ChannelListener, RedisClient } from '@newsroom/redis';
import { LRUCache } from 'lru-cache';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SiteConfig } from '../site.config';
import { errorBody } from '@newsroom/http';
import { cacheKeyOf } from './cache-key';
import { CachedResponse, cachedResponse, sendCached, sizeOfResponse } from './cached-response';
import { ReadersRoute } from './readers-routes';
import { DropReason, Rendered, ResponseCache, ResponseCacheStats } from './response-cache';

/** Where a page's side block goes: rendered into the page, cut out, and filled in from the side-block cache when served. */
export const SIDE_SLOT = '<!--newsroom:side-block-->';
const JSON_TYPE = 'application/json; charset=utf-8';
/** Side blocks are few (one per kind of page and rubric): a small bound is plenty. */
const SIDE_BLOCK_MAX_BYTES = 4 * 1024 * 1024;
/** Articles whose last announced version a replica remembers (to ignore repeats): the recently changed ones. */
const ANNOUNCED_VERSIONS_KEPT = 10_000;

/** A page as its render gives it; the side block is left to `side`. */
export interface PageRender {
  status: 200 | 404;
  html: string;
  /** surrogate keys of what the page shows, its side block aside */
  keys: string[];
  /** the newest updatedAt/publishedAt the page shows, or the render time */
  lastModified: number;
}

/** A side block (Populer, UPDATE): shared by the pages that show the same one, refreshed on its own period. */
export interface SideBlockSpec {
  key: string;
  render: () => Promise<{ html: string; articleIds: string[] }>;
}

interface SideBlock {
  html: string;
  etag: string;
  /** since when this content has been shown (an unchanged re-read keeps it), for Last-Modified */
  since: number;
}

/** A kept page: the parts around its side block, and the whole page as last put together with one side block. */
interface KeptPage {
  status: PageRender['status'];
  before: string;
  after: string;
  keys: readonly string[];
  lastModified: number;
  cacheControl: string;
  assembled?: { sideKey: string; sideEtag: string; response: CachedResponse };
}

type Kept = { kind: 'response'; response: CachedResponse } | { kind: 'page'; page: KeptPage };

/**
 * The readers' side's cache in each gateway replica: rendered pages and
 * public JSON, kept by request (method, path and the query parameters the
 * handler reads), dropped by surrogate key when the content changes.
 *
 * Changes arrive on SITE_CONTENT_CHANNEL (the views service announces each
 * publish, unpublish and correction; the gateway each rubric change), and
 * every replica drops what holds them within milliseconds. On every
 * (re)connection of that subscription everything is dropped, since
 * announcements may have been missed meanwhile; each entry also expires after
 * NEWSROOM_SITE_CACHE_TTL_SECONDS, the bound should one be lost outright.
 *
 * Pages keep their side blocks (Populer, UPDATE) apart: those are read again
 * every NEWSROOM_SITE_SIDE_LISTS_SECONDS and put into the page when it is
 * served, so a new article does not drop every article page, and a side block
 * is dropped at once when an article it shows changes or is taken down.
 */
@Injectable()
export class ReadersCache implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReadersCache.name);
  private readonly responses: ResponseCache<Kept>;
  /**
   * 404 pages and JSON apart, in an eighth of the bytes: a scan of made-up
   * addresses fills this one and never evicts the pages readers actually read.
   */
  private readonly notFoundPages: ResponseCache<Kept>;
  private readonly sideBlocks: ResponseCache<SideBlock>;
  /** the content of each side block last shown, so an unchanged re-read keeps its Last-Modified */
  private readonly lastSide = new Map<string, { etag: string; since: number }>();
  /** article id -> the newest version (and state) whose change this replica has dropped for */
  private readonly announcedVersions = new LRUCache<string, { version: number; live?: boolean }>({ max: ANNOUNCED_VERSIONS_KEPT });
  private listener?: ChannelListener;
  readonly cacheControl: { page: string; notFound: string; counts: string; list: string };

  constructor(
    private readonly redis: RedisClient,
    @Inject(SiteConfig) private readonly config: SiteConfig,
    private readonly reads: ReadReplicas,
  ) {
    const staleGraceMs = config.NEWSROOM_SITE_CHANGE_GRACE_MS;
    this.responses = new ResponseCache<Kept>({ maxBytes: config.NEWSROOM_SITE_CACHE_MAX_BYTES, sizeOf: sizeOfKept, staleGraceMs });
    // a 404 kept for a slug goes at once when that slug is published
    this.notFoundPages = new ResponseCache<Kept>({ maxBytes: Math.floor(config.NEWSROOM_SITE_CACHE_MAX_BYTES / 8), sizeOf: sizeOfKept });
    this.sideBlocks = new ResponseCache<SideBlock>({ maxBytes: SIDE_BLOCK_MAX_BYTES, sizeOf: (block) => block.html.length, staleGraceMs });
    const swr = `stale-while-revalidate=${config.NEWSROOM_STALE_WHILE_REVALIDATE_SECONDS}`;
    const sie = `stale-if-error=${config.NEWSROOM_STALE_IF_ERROR_SECONDS}`;
    const page = `public, max-age=${config.NEWSROOM_PAGE_MAX_AGE_SECONDS}, s-maxage=${config.NEWSROOM_EDGE_MAX_AGE_SECONDS}, ${swr}, ${sie}`;
    this.cacheControl = {
      page,
      // JSON without view counts (the rubrics) is kept like a page
      list: page,
      // a 404 must not outlive the moment an article is published under its slug for long
      notFound: `public, max-age=0, s-maxage=${config.NEWSROOM_SITE_NOT_FOUND_TTL_SECONDS}`,
      // counts reach readers within 2 s of a view: no cache may keep them longer than a second
      counts: `public, max-age=0, s-maxage=1, ${sie}`,
    };
  }

  onModuleInit(): void {
    this.listener = this.redis.listen(
      SITE_CONTENT_CHANNEL,
      (message) => this.changed(message),
      // announcements sent while the subscription was down are lost: nothing kept can be trusted,
      // and what is rendered again must not come from a replica that may not have those changes yet
      () => {
        this.reads.preferPrimaryFor();
        this.dropAll();
      },
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.listener?.close();
  }

  /**
   * Answers a page from the cache, or renders it (once, however many readers
   * ask at the same time) and keeps it: a 200 for NEWSROOM_SITE_CACHE_TTL_SECONDS,
   * a 404 for NEWSROOM_SITE_NOT_FOUND_TTL_SECONDS.
   */
  async servePage(
    request: FastifyRequest,
    reply: FastifyReply,
    spec: {
      route: ReadersRoute;
      /** the key to keep the page under, when the request's path and parameters do not say it (another spelling of the same page) */
      cacheKey?: string;
      side: (status: PageRender['status']) => SideBlockSpec;
    },
    render: () => Promise<PageRender>,
  ): Promise<void> {
    const cacheKey = spec.cacheKey ?? cacheKeyOf('GET', request.url, spec.route.params);
    const { value, hit } = await this.keptOrRendered(cacheKey, async () => {
      const page = await render();
      return { status: page.status, value: { kind: 'page', page: this.keptPage(page) }, keys: page.keys, ttlMs: this.ttlOf(page.status) };
    });
    if (value.kind !== 'page') throw new Error('a page key held another kind of response');
    const response = await this.assemble(value.page, spec.side);
    await sendCached(request, reply, response, hit);
  }

  /**
   * A page kept under `cacheKey` (rendered by `render` if it is not), whole,
   * its side block slot in place: for a page that many addresses share, such
   * as the 404 page, which each address then keeps without a render of its own.
   */
  async sharedPage(cacheKey: string, render: () => Promise<PageRender>): Promise<string> {
    const { value } = await this.keptOrRendered(cacheKey, async () => {
      const page = await render();
      return { status: page.status, value: { kind: 'page', page: this.keptPage(page) }, keys: page.keys, ttlMs: this.ttlOf(page.status) };
    });
    if (value.kind !== 'page') throw new Error('a page key held another kind of response');
    return value.page.before + SIDE_SLOT + value.page.after;
  }

  /**
   * Answers public JSON from the cache, or renders and keeps it; `counts` JSON
   * (it shows views) only for NEWSROOM_SITE_COUNTS_TTL_MS. With `notFoundKeys`,
   * a render that finds nothing (a not_found domain error) is kept as the 404
   * it answers, like a 404 page: briefly, under those keys (what would make it
   * exist), so asking again for the same missing thing costs no query.
   */
  async serveJson(
    request: FastifyRequest,
    reply: FastifyReply,
    spec: { route: ReadersRoute; counts: boolean; notFoundKeys?: readonly string[] },
    render: () => Promise<{ body: unknown; keys: string[]; lastModified: number }>,
  ): Promise<void> {
    await this.serveResponse(request, reply, { ...spec, contentType: JSON_TYPE }, async () => {
      const rendered = await render();
      return { ...rendered, body: JSON.stringify(rendered.body) };
    });
  }

  /**
   * Answers a document that is not a page (a feed, a sitemap, robots.txt)
   * from the cache, or renders and keeps it like public JSON without counts:
   * its ETag and Last-Modified, a page's Cache-Control, dropped (and purged at
   * the edge) by its surrogate keys; a not_found render is the JSON 404, kept
   * briefly under `notFoundKeys`.
   */
  async serveDocument(
    request: FastifyRequest,
    reply: FastifyReply,
    spec: { route: ReadersRoute; contentType: string; notFoundKeys?: readonly string[] },
    render: () => Promise<{ body: string; keys: string[]; lastModified: number }>,
  ): Promise<void> {
    await this.serveResponse(request, reply, { ...spec, counts: false }, render);
  }

  private async serveResponse(
    request: FastifyRequest,
    reply: FastifyReply,
    spec: { route: ReadersRoute; counts: boolean; contentType: string; notFoundKeys?: readonly string[] },
    render: () => Promise<{ body: string; keys: string[]; lastModified: number }>,
  ): Promise<void> {
    const { value, hit } = await this.keptOrRendered(cacheKeyOf('GET', request.url, spec.route.params), async () => {
      let rendered: Awaited<ReturnType<typeof render>>;
      try {
        rendered = await render();
      } catch (error) {
        if (!spec.notFoundKeys || !(error instanceof DomainError && error.kind === 'not_found')) throw error;
        const body = JSON.stringify(errorBody(404, error.message, error.code));
        const response = cachedResponse({ status: 404, contentType: JSON_TYPE, body, lastModified: Date.now(), cacheControl: this.cacheControl.notFound, surrogateKeys: spec.notFoundKeys });
        return { status: 404, value: { kind: 'response', response }, keys: spec.notFoundKeys, ttlMs: this.ttlOf(404) };
      }
      const response = cachedResponse({
        status: 200,
        contentType: spec.contentType,
        body: rendered.body,
        lastModified: rendered.lastModified,
        cacheControl: spec.counts ? this.cacheControl.counts : this.cacheControl.list,
        surrogateKeys: rendered.keys,
      });
      const ttlMs = spec.counts ? this.config.NEWSROOM_SITE_COUNTS_TTL_MS : this.config.NEWSROOM_SITE_CACHE_TTL_SECONDS * 1000;
      return { status: 200, value: { kind: 'response', response }, keys: rendered.keys, ttlMs };
    });
    if (value.kind !== 'response') throw new Error('a JSON or document key held another kind of response');
    await sendCached(request, reply, value.response, hit);
  }

  /**
   * The response kept for a request (GET or HEAD) of `route`, ready to be sent
   * as it is, or undefined: not kept, expired, or a page whose side block is
   * due to be read again or changed since it was put together (Nest's handler
   * then does that, with the page's render at hand). Counts a hit only when it
   * gives a response, as servePage and serveJson count theirs.
   */
  keptResponse(route: ReadersRoute, url: string): CachedResponse | undefined {
    const cacheKey = cacheKeyOf('GET', url, route.params);
    const usable = (kept: Kept): CachedResponse | undefined => (kept.kind === 'response' ? kept.response : this.assembledIfCurrent(kept.page));
    // 404s (pages, and JSON for unknown rubrics or slugs) are kept apart, for every kind of route
    return this.notFoundPages.peekIf(cacheKey, usable) ?? this.responses.peekIf(cacheKey, usable);
  }

  stats(): { responses: ResponseCacheStats; notFoundPages: ResponseCacheStats; sideBlocks: ResponseCacheStats } {
    return { responses: this.responses.stats(), notFoundPages: this.notFoundPages.stats(), sideBlocks: this.sideBlocks.stats() };
  }

  dropAll(): void {
    this.responses.dropAll();
    this.notFoundPages.dropAll();
    this.sideBlocks.dropAll();
  }

  /** One announcement on SITE_CONTENT_CHANNEL; one that cannot be read drops everything rather than guess. */
  private changed(message: string): void {
    // the pages re-rendered now must show the change: read them from the primary until any replica has it
    this.reads.preferPrimaryFor();
    const change = parseChange(message);
    if (!change) {
      this.logger.warn('an unreadable site content change: dropping every cached page');
      return this.dropAll();
    }
    if (change.kind === 'rubrics') {
      this.responses.dropKeys([SurrogateKey.rubrics], 'changed', (kept) => kept.kind === 'page');
      this.notFoundPages.dropKeys([SurrogateKey.rubrics]);
      return;
    }
    const reason: DropReason = change.live ? 'changed' : 'gone';
    // the side blocks are read from the views service's index, which the second announcement follows
    this.sideBlocks.dropKeys([SurrogateKey.article(change.articleId)], reason);
    if (change.version !== undefined) {
      const dropped = this.announcedVersions.get(change.articleId);
      // a repeat of a change already dropped for (same version, same state): the pages rendered since show it
      if (dropped && (dropped.version > change.version || (dropped.version === change.version && dropped.live === change.live))) return;
      this.announcedVersions.set(change.articleId, { version: change.version, live: change.live });
    }
    const keys = surrogateKeysOfArticleChange(change);
    // pages only (the hot path readers queue on): a JSON client reads its own write at once (and JSON with counts lives half a second anyway)
    this.responses.dropKeys(keys, reason, (kept) => kept.kind === 'page');
    this.notFoundPages.dropKeys(keys);
  }

  /**
   * What is kept under `cacheKey`, or what `render` gives (one render per key
   * at a time). A 404 is kept in its own store, never among the answers
   * readers actually read (unless a drop of its keys came in meanwhile).
   */
  private async keptOrRendered(cacheKey: string, render: () => Promise<Rendered<Kept> & { status: number }>): Promise<{ value: Kept; hit: boolean }> {
    const missing = this.notFoundPages.peek(cacheKey);
    if (missing) return { value: missing, hit: true };
    const notFoundDrops = this.notFoundPages.dropsSoFar;
    return this.responses.get(cacheKey, async () => {
      const { status, ...rendered } = await render();
      if (status === 200) return rendered;
      this.notFoundPages.keepUnlessDropped(cacheKey, rendered, notFoundDrops);
      return { ...rendered, ttlMs: 0 };
    });
  }

  /** A rendered page as kept: the parts around its side block slot. */
  private keptPage(page: PageRender): KeptPage {
    const at = page.html.indexOf(SIDE_SLOT);
    if (at === -1) throw new Error('a site page without its side block slot');
    return {
      status: page.status,
      before: page.html.slice(0, at),
      after: page.html.slice(at + SIDE_SLOT.length),
      keys: page.keys,
      lastModified: page.lastModified,
      cacheControl: page.status === 200 ? this.cacheControl.page : this.cacheControl.notFound,
    };
  }

  private ttlOf(status: number): number {
    return status === 200 ? this.config.NEWSROOM_SITE_CACHE_TTL_SECONDS * 1000 : this.config.NEWSROOM_SITE_NOT_FOUND_TTL_SECONDS * 1000;
  }

  private async sideBlock(spec: SideBlockSpec): Promise<SideBlock> {
    const { value } = await this.sideBlocks.get(spec.key, async () => {
      const { html, articleIds } = await spec.render();
      const etag = cachedResponse({ status: 200, contentType: '', body: html, lastModified: 0, cacheControl: '', surrogateKeys: [] }).etag;
      const last = this.lastSide.get(spec.key);
      const since = last?.etag === etag ? last.since : Date.now();
      this.lastSide.set(spec.key, { etag, since });
      return { value: { html, etag, since }, keys: articleIds.map(SurrogateKey.article), ttlMs: this.config.NEWSROOM_SITE_SIDE_LISTS_SECONDS * 1000 };
    });
    return value;
  }

  /** The page as last put together, if its side block is still kept and the same. */
  private assembledIfCurrent(page: KeptPage): CachedResponse | undefined {
    const assembled = page.assembled;
    if (!assembled) return undefined;
    const side = this.sideBlocks.peekIf(assembled.sideKey, (block) => (block.etag === assembled.sideEtag ? block : undefined));
    return side && assembled.response;
  }

  /** The page with the current side block; put together again only when that block changed. */
  private async assemble(page: KeptPage, sideOf: (status: PageRender['status']) => SideBlockSpec): Promise<CachedResponse> {
    const spec = sideOf(page.status);
    const side = await this.sideBlock(spec);
    if (page.assembled?.sideEtag === side.etag) return page.assembled.response;
    const response = cachedResponse({
      status: page.status,
      contentType: 'text/html; charset=utf-8',
      body: page.before + side.html + page.after,
      lastModified: Math.max(page.lastModified, side.since),
      cacheControl: page.cacheControl,
      surrogateKeys: page.keys,
    });
    page.assembled = { sideKey: spec.key, sideEtag: side.etag, response };
    return response;
  }
}

function sizeOfKept(kept: Kept): number {
  if (kept.kind === 'response') return sizeOfResponse(kept.response);
  // the parts, and the whole page put together from them
  return 2 * (kept.page.before.length + kept.page.after.length) + 8 * 1024;
}

function parseChange(message: string): SiteContentChange | null {
  try {
    const change = JSON.parse(message) as Partial<Record<string, unknown>>;
    if (change.kind === 'rubrics') return { kind: 'rubrics' };
    if (change.kind === 'article' && typeof change.articleId === 'string' && typeof change.slug === 'string' && typeof change.rubricSlug === 'string') {
      return {
        kind: 'article',
        articleId: change.articleId,
        slug: change.slug,
        rubricSlug: change.rubricSlug,
        ...(typeof change.version === 'number' ? { version: change.version } : {}),
        ...(typeof change.live === 'boolean' ? { live: change.live } : {}),
      };
    }
  } catch {
    // not JSON: handled as unreadable below
  }
  return null;
}
