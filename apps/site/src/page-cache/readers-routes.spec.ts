import { cacheKeyOf } from './cache-key';
import { isReadersPath, READERS_ROUTES, readersRouteOf } from './readers-routes';

describe('the readers\' routes the cache knows', () => {
  it('recognises each cached page and JSON route, the fixed JSON paths before :slug', () => {
    expect(readersRouteOf('/')).toBe(READERS_ROUTES.home);
    expect(readersRouteOf('/?utm_source=x')).toBe(READERS_ROUTES.home);
    expect(readersRouteOf('/rubrik/dunia')).toBe(READERS_ROUTES.rubric);
    expect(readersRouteOf('/berita/gempa-di-cianjur?fbclid=1')).toBe(READERS_ROUTES.article);
    expect(readersRouteOf('/terbaru?before=abc')).toBe(READERS_ROUTES.latestPage);
    expect(readersRouteOf('/populer?window=7d')).toBe(READERS_ROUTES.popularPage);
    expect(readersRouteOf('/articles/latest?limit=5')).toBe(READERS_ROUTES.latestJson);
    expect(readersRouteOf('/articles/popular')).toBe(READERS_ROUTES.popularJson);
    expect(readersRouteOf('/articles/gempa')).toBe(READERS_ROUTES.articleJson);
    expect(readersRouteOf('/rubrics')).toBe(READERS_ROUTES.rubricsJson);
  });

  it('recognises the feeds, the sitemaps and robots.txt, whatever their query', () => {
    for (const url of ['/rss.xml', '/rubrik/dunia/rss.xml', '/tag/korea-utara/rss.xml?utm_source=x', '/sitemap.xml', '/sitemap-news.xml', '/sitemaps/articles-2026-12.xml', '/robots.txt']) {
      expect(readersRouteOf(url)?.kind).toBe('document');
      expect(isReadersPath(url)).toBe(true);
    }
    expect(readersRouteOf('/rubrik/dunia/rss.json')).toBeUndefined();
    expect(readersRouteOf('/sitemaps/a/b.xml')).toBeUndefined();
  });

  it('leaves every other path to Nest', () => {
    for (const url of ['/health', '/docs', '/berita', '/berita/', '/berita/a/b', '/rubrik/', '/articles', '/desk', '/views', '/terbaru/x', '/rubrics/x']) {
      expect(readersRouteOf(url)).toBeUndefined();
    }
  });

  it('leaves to Nest a JSON list request with a parameter its DTO refuses (400), even though its key names a kept entry', () => {
    expect(readersRouteOf('/articles/latest?limit=5&rubric=dunia&before=x')).toBe(READERS_ROUTES.latestJson);
    expect(readersRouteOf('/articles/latest?limit=5&utm_source=x')).toBeUndefined();
    expect(readersRouteOf('/articles/popular?window=24h&x=1')).toBeUndefined();
    // pages read what they read and ignore the rest, as their handlers do
    expect(readersRouteOf('/populer?window=24h&x=1')).toBe(READERS_ROUTES.popularPage);
  });

  it('gives the key the Nest handler computes', () => {
    const url = '/articles/latest?rubric=dunia&limit=5';
    expect(cacheKeyOf('GET', url, readersRouteOf(url)!.params)).toBe('GET /articles/latest?limit=5&rubric=dunia');
  });
});

describe('isReadersPath (where the one origin sends a request)', () => {
  it('takes the readers\' routes whatever their query, and another spelling of their path', () => {
    expect(isReadersPath('/articles/latest?foo=1')).toBe(true);
    expect(isReadersPath('/%62erita/%68ot-news')).toBe(true);
    expect(isReadersPath('/berita/..%2f..%2fetc%2fpasswd')).toBe(true);
  });

  it('leaves the staff\'s routes, and a %2F that would make another segment', () => {
    expect(isReadersPath('/drafts')).toBe(false);
    expect(isReadersPath('/articles/1/history')).toBe(false);
    expect(isReadersPath('/berita%2Fx')).toBe(false);
  });
});
