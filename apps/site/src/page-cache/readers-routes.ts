/**
 * The cached readers' routes and what their cache key is made of: the one
 * table both the Nest handlers (site.controller.ts, public-articles.controller.ts, rubrics.controller.ts,
 * feeds.controller.ts, sitemaps.controller.ts)
 * and the fast path in front of Nest (readers-cache-fast-path.ts) read, so a
 * request finds the same entry whichever of them answers it.
 */
export interface ReadersRoute {
  /** a page (kept with its side block apart, 404s too), public JSON, or another document (a feed, a sitemap, robots.txt) */
  kind: 'page' | 'json' | 'document';
  /** the query parameters the handler reads (the rest do not make cache entries) */
  params: readonly string[];
  /**
   * the handler validates its query against a DTO that refuses unknown
   * parameters (400): a request with any other parameter must reach Nest,
   * even though its cache key would name a kept entry
   */
  strictQuery: boolean;
}

const page = (params: readonly string[] = []): ReadersRoute => ({ kind: 'page', params, strictQuery: false });
/** feeds, sitemaps and robots.txt read no parameter: any query is the same document */
const document: ReadersRoute = { kind: 'document', params: [], strictQuery: false };

export const READERS_ROUTES = {
  home: page(),
  rubric: page(),
  article: page(),
  latestPage: page(['before']),
  popularPage: page(['window']),
  searchPage: page(['q', 'cursor']),
  tagPage: page(['before']),
  latestJson: { kind: 'json', params: ['rubric', 'tag', 'limit', 'before'], strictQuery: true },
  searchJson: { kind: 'json', params: ['q', 'rubric', 'tag', 'from', 'to', 'limit', 'cursor'], strictQuery: true },
  relatedJson: { kind: 'json', params: ['limit'], strictQuery: true },
  popularJson: { kind: 'json', params: ['window', 'rubric', 'limit'], strictQuery: true },
  trendingJson: { kind: 'json', params: ['rubric', 'limit'], strictQuery: true },
  articleJson: { kind: 'json', params: [], strictQuery: false },
  rubricsJson: { kind: 'json', params: [], strictQuery: false },
  siteFeed: document,
  rubricFeed: document,
  tagFeed: document,
  sitemapIndex: document,
  sitemapFile: document,
  newsSitemap: document,
  robots: document,
} as const satisfies Record<string, ReadersRoute>;

/** One path segment, as Fastify's `:param` takes it. */
const SEGMENT = '[^/]+';
const BY_PATH: [RegExp, ReadersRoute][] = [
  [/^\/$/, READERS_ROUTES.home],
  [new RegExp(`^/rubrik/${SEGMENT}$`), READERS_ROUTES.rubric],
  [new RegExp(`^/berita/${SEGMENT}$`), READERS_ROUTES.article],
  [/^\/terbaru$/, READERS_ROUTES.latestPage],
  [/^\/populer$/, READERS_ROUTES.popularPage],
  [/^\/cari$/, READERS_ROUTES.searchPage],
  [new RegExp(`^/tag/${SEGMENT}$`), READERS_ROUTES.tagPage],
  // the fixed paths before `:slug`, as the controller declares them
  [/^\/articles\/latest$/, READERS_ROUTES.latestJson],
  [/^\/articles\/search$/, READERS_ROUTES.searchJson],
  [new RegExp(`^/articles/${SEGMENT}/related$`), READERS_ROUTES.relatedJson],
  [/^\/articles\/popular$/, READERS_ROUTES.popularJson],
  [/^\/articles\/trending$/, READERS_ROUTES.trendingJson],
  [new RegExp(`^/articles/${SEGMENT}$`), READERS_ROUTES.articleJson],
  [/^\/rubrics$/, READERS_ROUTES.rubricsJson],
  [/^\/rss\.xml$/, READERS_ROUTES.siteFeed],
  [new RegExp(`^/rubrik/${SEGMENT}/rss\\.xml$`), READERS_ROUTES.rubricFeed],
  [new RegExp(`^/tag/${SEGMENT}/rss\\.xml$`), READERS_ROUTES.tagFeed],
  [/^\/sitemap\.xml$/, READERS_ROUTES.sitemapIndex],
  [/^\/sitemap-news\.xml$/, READERS_ROUTES.newsSitemap],
  [new RegExp(`^/sitemaps/${SEGMENT}$`), READERS_ROUTES.sitemapFile],
  [/^\/robots\.txt$/, READERS_ROUTES.robots],
];

/**
 * The cached route a request URL is for, or undefined: then it is not a
 * readers' route, or (strict routes) it carries a query parameter its handler
 * would refuse, and only Nest may answer it.
 */
export function readersRouteOf(url: string): ReadersRoute | undefined {
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  const route = BY_PATH.find(([pattern]) => pattern.test(path))?.[1];
  if (!route || !route.strictQuery || queryAt === -1) return route;
  for (const name of new URLSearchParams(url.slice(queryAt + 1)).keys()) if (!route.params.includes(name)) return undefined;
  return route;
}

/**
 * Whether a URL's path is one of the readers' routes, whatever its query:
 * where the one origin in front (`npm start`) sends it, to this app, which
 * answers a refused parameter with its 400 (readersRouteOf says whether the
 * cache may answer it).
 */
export function isReadersPath(url: string): boolean {
  const queryAt = url.indexOf('?');
  const path = withUnreservedDecoded(queryAt === -1 ? url : url.slice(0, queryAt));
  return BY_PATH.some(([pattern]) => pattern.test(path));
}

/**
 * The path with percent-encoded unreserved characters decoded (`/%62erita/x`
 * is `/berita/x`, RFC 3986 6.2.2.2), as the router sees it; anything else,
 * `%2F` above all, stays encoded, so it cannot make a new segment.
 */
function withUnreservedDecoded(path: string): string {
  return path.replace(/%([0-9A-Fa-f]{2})/g, (encoded, hex: string) => {
    const character = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(character) ? character : encoded;
  });
}
