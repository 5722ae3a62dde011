import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { monthSitemapFile, newsSitemap, parseMonthSitemapFile, rssFeed, SITEMAP_MAX_URLS, urlSet } from './xml-documents';

const HEADLINE = 'Harga <script>alert(1)</script> ]]> Beras ]]> "Naik" & Turun';

describe('feeds and sitemaps as XML', () => {
  it('escapes markup and every ]]> in an RSS item, and gives the text back to a parser as written', () => {
    const xml = rssFeed({ title: 'Newsroom', link: 'http://x/', self: 'http://x/rss.xml', description: 'd', language: 'id' }, [
      { title: HEADLINE, link: 'http://x/berita/a?b=1&c=2', guid: 'urn:uuid:1', publishedAt: new Date('2026-12-06T10:00:00Z'), description: HEADLINE, authors: ['A <b>', 'B'], category: 'E&F' },
    ]);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('CDATA');
    const item = new XMLParser({ ignoreAttributes: false }).parse(xml).rss.channel.item;
    expect(item.title).toBe(HEADLINE);
    expect(item.description).toBe(HEADLINE);
    expect(item['dc:creator']).toEqual(['A <b>', 'B']);
    expect(item.link).toBe('http://x/berita/a?b=1&c=2');
    expect(item.pubDate).toBe('Sun, 06 Dec 2026 10:00:00 GMT');
  });

  it('gives the same bytes for the same items (a stable ETag)', () => {
    const channel = { title: 'N', link: 'http://x/', self: 'http://x/rss.xml', description: 'd', language: 'id' };
    const items = [{ title: 't', link: 'http://x/a', guid: 'g', publishedAt: new Date(0), description: null, authors: [], category: 'c' }];
    expect(rssFeed(channel, items)).toBe(rssFeed(channel, items));
  });

  it('keeps a sitemap within 50,000 URLs and escapes a news title', () => {
    const many = Array.from({ length: SITEMAP_MAX_URLS + 5 }, (_, i) => ({ loc: `http://x/berita/${i}` }));
    expect(urlSet(many).match(/<url>/g)).toHaveLength(SITEMAP_MAX_URLS);
    const news = newsSitemap([{ loc: 'http://x/a', publicationName: 'N', language: 'id', publishedAt: new Date(0), title: HEADLINE }]);
    expect(XMLValidator.validate(news)).toBe(true);
    expect(news).toContain('<news:title>Harga &lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; Beras ]]&gt;');
  });

  it('names monthly sitemap files and reads them back, refusing anything else', () => {
    expect(monthSitemapFile('2026-12', 1)).toBe('articles-2026-12.xml');
    expect(parseMonthSitemapFile(monthSitemapFile('2026-12', 3))).toEqual({ month: '2026-12', year: 2026, monthNumber: 12, part: 3 });
    for (const bad of ['articles-2026-13.xml', 'articles-0000-01.xml', 'articles-2026-12-1.xml', 'articles-2026-12-0.xml', 'articles-2026-1.xml', '../x', 'articles-2026-12.xml.gz']) {
      expect(parseMonthSitemapFile(bad)).toBeUndefined();
    }
  });
});
