import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { randomBytes } from 'node:crypto';
import {
  createStaff,
  ensureRubric,
  eventually,
  insertArticle,
  NewsroomProcesses,
  queryTestDatabase,
  resetDatabase,
  Staff,
  waitForQueuesToDrain,
} from '@newsroom/testing';

/**
 * RSS feeds, sitemaps, the Google News sitemap and robots.txt as feed
 * readers and crawlers read them: feeds through a feed parser from the
 * registry, sitemaps through an XML parser checked against the sitemaps.org
 * and Google News element rules. Published articles only; a take-down or a
 * correction shows in every one of them within a second.
 */
describe('feeds and sitemaps (site, views service, real Postgres and Redis)', () => {
  let newsroom: NewsroomProcesses;
  let desk: Staff;
  let reporter: Staff;
  const suffix = randomBytes(2).toString('hex');
  const MARKED = `Harga <script>alert(1)</script> ]]> Beras ]]> Naik ${suffix}`;
  const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['url', 'sitemap', 'news:news'].includes(name) });

  /** An approved article (by the reporter) published through the API by the desk, announced before this returns. */
  async function publishNew(headline: string, options: { rubricSlug?: string; tags?: string[] } = {}) {
    const article = await insertArticle({ authorId: reporter.id, status: 'approved', rubricSlug: options.rubricSlug ?? 'dunia', headline });
    await queryTestDatabase(`update articles set tags = $2, lead = $3 where id = $1`, [article.id, options.tags ?? [], `Teras ${headline}`]);
    const published = await desk.api.post(`/articles/${article.id}/publish`, { version: article.version });
    expect(published.status).toBe(200);
    await waitForQueuesToDrain(newsroom.redisPrefix);
    return { ...article, version: published.body.version as number };
  }

  let marked: { id: string; slug: string; version: number };
  let plain: { id: string; slug: string; version: number };
  let old: { id: string; slug: string };
  const hidden: { slug: string; headline: string }[] = [];

  beforeAll(async () => {
    await resetDatabase();
    newsroom = await NewsroomProcesses.start({ apps: ['gateway', 'views'] });
    const admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    await ensureRubric(admin, 'ekonomi', 'Ekonomi');
    desk = await createStaff(admin, ['editor', 'scheduler'], 'Hani Fatunnisa');
    reporter = await createStaff(admin, ['reporter'], 'Sari <b>Dewi</b>');
    marked = await publishNew(MARKED, { rubricSlug: 'ekonomi', tags: ['Pangan'] });
    plain = await publishNew(`Pakta Pertahanan Mulai Berlaku ${suffix}`, { tags: ['Korea Utara'] });
    // published two months ago: its month's sitemap, not the news sitemap
    old = await insertArticle({ authorId: reporter.id, status: 'published', headline: `Berita Lama ${suffix}`, publishedAt: new Date(Date.now() - 62 * 86_400_000) });
    for (const [status, extra] of [
      ['draft', {}],
      ['approved', {}],
      ['scheduled', { scheduledFor: new Date(Date.now() + 86_400_000), embargoUntil: new Date(Date.now() + 86_400_000) }],
      ['unpublished', {}],
    ] as const) {
      const headline = `Tersembunyi ${status} ${suffix}`;
      const article = await insertArticle({ authorId: reporter.id, status, headline, ...extra });
      hidden.push({ slug: article.slug, headline });
    }
  }, 120_000);

  afterAll(() => newsroom?.stop());

  const expectNothingHidden = (text: string) => {
    for (const h of hidden) {
      expect(text).not.toContain(h.slug);
      expect(text).not.toContain(h.headline);
    }
  };

  it('serves the site feed as RSS 2.0 a feed parser reads: title, link, guid, pubDate, the lead, the authors, the rubric', async () => {
    const res = await newsroom.api.get('/rss.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect(XMLValidator.validate(res.text)).toBe(true);
    expect(res.text).toContain('<rss version="2.0"');
    const feed = parseFeed(res.text);
    const titles = feed.items.map((item) => item.title);
    expect(titles).toEqual([`Pakta Pertahanan Mulai Berlaku ${suffix}`, MARKED, `Berita Lama ${suffix}`]);
    const item = feed.items[1];
    expect(item.url).toMatch(new RegExp(`^http://[^/]+/berita/${marked.slug}$`));
    expect(item.id).toBe(`urn:uuid:${marked.id}`);
    expect(item.published?.toISOString()).toEqual(expect.any(String));
    expect(item.description).toBe(`Teras ${MARKED}`);
    expect(item.authors.map((a) => a.name)).toEqual(['Sari <b>Dewi</b>']);
    expect(item.categories.map((c) => c.label)).toEqual(['Ekonomi']);
    // markup and CDATA ends come out escaped, never as markup
    expect(res.text).not.toContain('<script>');
    expect(res.text).not.toContain('<b>');
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; Beras ]]&gt;');
    expectNothingHidden(res.text);
  });

  it('serves rubric and tag feeds, and 404 for a rubric or tag that has none', async () => {
    const rubric = parseFeed((await newsroom.api.get('/rubrik/ekonomi/rss.xml')).text);
    expect(rubric.items.map((i) => i.title)).toEqual([MARKED]);
    const tag = parseFeed((await newsroom.api.get('/tag/korea-utara/rss.xml')).text);
    expect(tag.items.map((i) => i.title)).toEqual([`Pakta Pertahanan Mulai Berlaku ${suffix}`]);
    expect(tag.title).toContain('Korea Utara');
    expect((await newsroom.api.get('/rubrik/tidak-ada/rss.xml')).status).toBe(404);
    expect((await newsroom.api.get('/tag/tidak-ada/rss.xml')).status).toBe(404);
    // a slug no rubric or tag can have (found by test/schema-fuzz: its Surrogate-Key header was a 500)
    for (const odd of ['%E2%AF%B2e%CC%8C', '%C3%A9']) {
      expect((await newsroom.api.get(`/rubrik/${odd}/rss.xml`)).status).toBe(404);
      expect((await newsroom.api.get(`/tag/${odd}/rss.xml`)).status).toBe(404);
    }
    // and bytes that are no UTF-8 at all are the malformed URL's 400
    expect((await newsroom.api.get('/rubrik/%FF/rss.xml')).status).toBe(400);
  });

  it('names the feeds in the pages\' <link rel="alternate">', async () => {
    const feedLinks = (html: string) => [...html.matchAll(/<link rel="alternate" type="application\/rss\+xml" title="[^"]*" href="([^"]+)">/g)].map((m) => new URL(m[1]).pathname);
    expect(feedLinks((await newsroom.api.get('/')).text)).toEqual(['/rss.xml']);
    expect(feedLinks((await newsroom.api.get('/rubrik/ekonomi')).text)).toEqual(['/rubrik/ekonomi/rss.xml', '/rss.xml']);
    expect(feedLinks((await newsroom.api.get('/tag/pangan')).text)).toEqual(['/tag/pangan/rss.xml', '/rss.xml']);
  });

  it('caches feeds and sitemaps like pages: ETag, 304, Surrogate-Key, Cache-Control', async () => {
    for (const path of ['/rss.xml', '/sitemap.xml', '/sitemap-news.xml', '/tag/pangan/rss.xml']) {
      const first = await newsroom.api.get(path);
      const again = await newsroom.api.get(path);
      expect(again.headers.get('x-origin-cache')).toBe('hit');
      expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(again.headers.get('surrogate-key')?.split(' ')).toContain('latest');
      expect(again.headers.get('cache-control')).toMatch(/^public, max-age=\d+, s-maxage=\d+/);
      const revalidated = await newsroom.api.request('GET', path, undefined, { 'if-none-match': first.headers.get('etag')! });
      expect(revalidated.status).toBe(304);
    }
    expect((await newsroom.api.get('/tag/pangan/rss.xml')).headers.get('surrogate-key')?.split(' ')).toContain('tag-pangan');
  });

  /** A sitemap's XML, parsed, after checking what every sitemap must be. */
  async function sitemap(url: string): Promise<any> {
    const res = await newsroom.api.get(new URL(url, newsroom.api.baseUrl).pathname);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(XMLValidator.validate(res.text)).toBe(true);
    expect(res.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expectNothingHidden(res.text);
    return { doc: xml.parse(res.text), text: res.text };
  }

  /** sitemaps.org: an absolute http(s) URL under 2,048 characters; lastmod in W3C datetime. */
  const expectLoc = (loc: string) => {
    expect(loc).toMatch(/^https?:\/\/[^/]+\//);
    expect(loc.length).toBeLessThan(2048);
  };
  const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

  it('serves a sitemap index of monthly article sitemaps and one of rubrics and tags, by the sitemaps.org rules', async () => {
    const { doc } = await sitemap('/sitemap.xml');
    expect(Object.keys(doc).filter((k) => k !== '?xml')).toEqual(['sitemapindex']);
    expect(doc.sitemapindex['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    const entries: { loc: string; lastmod?: string }[] = doc.sitemapindex.sitemap;
    expect(entries.length).toBeLessThanOrEqual(50_000);
    const articleUrls: string[] = [];
    let sections: any;
    for (const entry of entries) {
      expect(Object.keys(entry).every((k) => ['loc', 'lastmod'].includes(k))).toBe(true);
      expectLoc(entry.loc);
      if (entry.lastmod !== undefined) expect(entry.lastmod).toMatch(W3C_DATETIME);
      const { doc: set } = await sitemap(entry.loc);
      expect(set.urlset['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
      const urls: { loc: string; lastmod?: string }[] = set.urlset.url;
      expect(urls.length).toBeGreaterThan(0);
      expect(urls.length).toBeLessThanOrEqual(50_000);
      for (const url of urls) {
        expect(Object.keys(url).every((k) => ['loc', 'lastmod', 'changefreq', 'priority'].includes(k))).toBe(true);
        expectLoc(url.loc);
        if (url.lastmod !== undefined) expect(url.lastmod).toMatch(W3C_DATETIME);
      }
      if (entry.loc.endsWith('/sitemaps/sections.xml')) sections = urls.map((u) => new URL(u.loc).pathname);
      else articleUrls.push(...urls.map((u) => new URL(u.loc).pathname));
    }
    // two months: this one and the old article's
    expect(entries.filter((e) => /\/sitemaps\/articles-\d{4}-\d{2}\.xml$/.test(e.loc))).toHaveLength(2);
    expect(articleUrls.sort()).toEqual([`/berita/${marked.slug}`, `/berita/${plain.slug}`, `/berita/${old.slug}`].sort());
    expect(sections).toEqual(expect.arrayContaining(['/rubrik/dunia', '/rubrik/ekonomi', '/tag/korea-utara', '/tag/pangan']));
    expect((await newsroom.api.get('/sitemaps/articles-1999-01.xml')).status).toBe(404);
    expect((await newsroom.api.get('/sitemaps/articles-0000-13.xml')).status).toBe(404);
    expect((await newsroom.api.get('/sitemaps/lain.xml')).status).toBe(404);
  });

  it('serves a Google News sitemap of the last 48 hours: news:publication (name, language), publication_date, title', async () => {
    const { doc, text } = await sitemap('/sitemap-news.xml');
    expect(doc.urlset['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(doc.urlset['@xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9');
    const urls: any[] = doc.urlset.url;
    expect(urls.length).toBeLessThanOrEqual(1000);
    expect(urls.map((u) => new URL(u.loc).pathname)).toEqual([`/berita/${plain.slug}`, `/berita/${marked.slug}`]);
    for (const url of urls) {
      expectLoc(url.loc);
      expect(url['news:news']).toHaveLength(1);
      const news = url['news:news'][0];
      expect(Object.keys(news).sort()).toEqual(['news:publication', 'news:publication_date', 'news:title']);
      expect(news['news:publication']['news:name']).toEqual(expect.any(String));
      expect(news['news:publication']['news:language']).toBe('id');
      expect(news['news:publication_date']).toMatch(W3C_DATETIME);
      expect(Date.now() - Date.parse(news['news:publication_date'])).toBeLessThan(48 * 3_600_000);
    }
    // the parser gives the text back: escaped in the XML, the headline as written
    expect(urls[1]['news:news'][0]['news:title']).toBe(MARKED);
    expect(text).not.toContain('<script>');
  });

  it('serves robots.txt naming both sitemaps', async () => {
    const res = await newsroom.api.get('/robots.txt');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.text).toMatch(/^Sitemap: https?:\/\/[^/]+\/sitemap\.xml$/m);
    expect(res.text).toMatch(/^Sitemap: https?:\/\/[^/]+\/sitemap-news\.xml$/m);
    expect(res.text).toMatch(/^User-agent: \*$/m);
  });

  it('describes the feeds, sitemaps and the v1.2 JSON on /docs', async () => {
    const paths = Object.keys((await newsroom.api.get('/docs/openapi.json')).body.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/rss.xml', '/rubrik/{slug}/rss.xml', '/tag/{slug}/rss.xml', '/sitemap.xml', '/sitemaps/{file}', '/sitemap-news.xml', '/robots.txt',
        '/articles/search', '/articles/{slug}/related', '/drafts/search',
      ]),
    );
  });

  it('drops a taken-down article from every feed and sitemap, and shows a correction, within a second', async () => {
    const paths = ['/rss.xml', '/rubrik/dunia/rss.xml', '/tag/korea-utara/rss.xml', '/sitemap-news.xml', '/sitemaps/sections.xml'];
    paths.push(...(await newsroom.api.get('/sitemap.xml')).text.match(/\/sitemaps\/articles-\d{4}-\d{2}\.xml/g)!);
    // all kept
    for (const path of paths) await newsroom.api.get(path);
    const unpublished = await desk.api.post(`/articles/${plain.id}/unpublish`, { reason: 'Permintaan narasumber.' });
    expect(unpublished.status).toBe(200);
    const since = Date.now();
    await eventually(
      async () => {
        const answers = await Promise.all(paths.map((path) => newsroom.api.get(path)));
        return answers.every((res) => !res.text.includes(plain.slug) && !res.text.includes('Pakta Pertahanan'));
      },
      { timeoutMs: Math.max(1, 1000 - (Date.now() - since)), intervalMs: 20, what: 'the take-down in every feed and sitemap' },
    );
    const headline = `Harga Beras Turun ${suffix}`;
    const corrected = await desk.api.post(`/articles/${marked.id}/corrections`, { version: marked.version, note: 'Judul diperbaiki.', headline });
    expect(corrected.status).toBe(200);
    const correctedAt = Date.now();
    await eventually(
      async () => {
        const [feed, news] = await Promise.all([newsroom.api.get('/rubrik/ekonomi/rss.xml'), newsroom.api.get('/sitemap-news.xml')]);
        return parseFeed(feed.text).items[0]?.title === headline && news.text.includes(headline) && !news.text.includes('alert(1)');
      },
      { timeoutMs: Math.max(1, 1000 - (Date.now() - correctedAt)), intervalMs: 20, what: 'the correction in the feed and the news sitemap' },
    );
  });
});
