import { XMLBuilder } from 'fast-xml-parser';

/*
 * The feeds and sitemaps as XML, written by fast-xml-parser's builder, which
 * escapes every text and attribute value (`<script>`, `&`, quotes, and `]]>`
 * wherever it occurs: nothing is wrapped in CDATA). Tried and set aside:
 * `feed` (RSS 2.0 writer) wraps titles in CDATA and splits only the first
 * `]]>`, so a headline with two is ill-formed XML, and it puts authors'
 * names where RSS 2.0 wants an e-mail address; `sitemap` takes 1 to 2 s for
 * a month of 44,640 URLs on this machine (its per-URL normalisation and
 * validation), against the < 1 s a cold monthly sitemap must be built in.
 */

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', processEntities: true, suppressEmptyNode: true });
const DECLARATION = { '?xml': { '@version': '1.0', '@encoding': 'UTF-8' } };

/** sitemaps.org: at most 50,000 URLs in one sitemap, and as many sitemaps in one index. */
export const SITEMAP_MAX_URLS = 50_000;
/** Google News: articles of the last 48 hours, at most 1,000 a sitemap. */
export const NEWS_SITEMAP_MAX_URLS = 1_000;
export const NEWS_SITEMAP_HOURS = 48;
export const FEED_ITEMS = 50;

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';

export interface FeedChannel {
  title: string;
  /** the page the feed follows */
  link: string;
  /** the feed's own address (atom:link rel="self") */
  self: string;
  description: string;
  language: string;
}

export interface FeedItem {
  title: string;
  link: string;
  /** stable whatever happens to the slug or headline */
  guid: string;
  publishedAt: Date;
  /** the lead, as text */
  description: string | null;
  authors: string[];
  category: string;
}

/**
 * RSS 2.0. Authors as `dc:creator` (one each): RSS's own `author` must be an
 * e-mail address, which the newsroom does not publish. lastBuildDate is the
 * newest item's date, so the same items give the same bytes (and ETag).
 */
export function rssFeed(channel: FeedChannel, items: FeedItem[]): string {
  const newest = items.reduce<Date | undefined>((max, item) => (!max || item.publishedAt > max ? item.publishedAt : max), undefined);
  return builder.build({
    ...DECLARATION,
    rss: {
      '@version': '2.0',
      '@xmlns:atom': 'http://www.w3.org/2005/Atom',
      '@xmlns:dc': 'http://purl.org/dc/elements/1.1/',
      channel: {
        title: channel.title,
        link: channel.link,
        description: channel.description,
        language: channel.language,
        'atom:link': { '@href': channel.self, '@rel': 'self', '@type': 'application/rss+xml' },
        ...(newest ? { lastBuildDate: newest.toUTCString() } : {}),
        item: items.map((item) => ({
          title: item.title,
          link: item.link,
          guid: { '@isPermaLink': 'false', '#text': item.guid },
          pubDate: item.publishedAt.toUTCString(),
          ...(item.description ? { description: item.description } : {}),
          'dc:creator': item.authors,
          category: item.category,
        })),
      },
    },
  });
}

export interface SitemapUrl {
  loc: string;
  lastmod?: Date;
}

/** A sitemap index (sitemaps.org): one `sitemap` per file, its lastmod the newest of its URLs'. */
export function sitemapIndex(sitemaps: SitemapUrl[]): string {
  return builder.build({
    ...DECLARATION,
    sitemapindex: { '@xmlns': SITEMAP_NS, sitemap: sitemaps.slice(0, SITEMAP_MAX_URLS).map(urlEntry) },
  });
}

/** A sitemap (sitemaps.org urlset) of at most SITEMAP_MAX_URLS pages. */
export function urlSet(urls: SitemapUrl[]): string {
  return builder.build({ ...DECLARATION, urlset: { '@xmlns': SITEMAP_NS, url: urls.slice(0, SITEMAP_MAX_URLS).map(urlEntry) } });
}

export interface NewsUrl {
  loc: string;
  publicationName: string;
  /** ISO 639 code */
  language: string;
  publishedAt: Date;
  title: string;
}

/** A Google News sitemap: each URL with news:publication (name, language), news:publication_date and news:title. */
export function newsSitemap(urls: NewsUrl[]): string {
  return builder.build({
    ...DECLARATION,
    urlset: {
      '@xmlns': SITEMAP_NS,
      '@xmlns:news': NEWS_NS,
      url: urls.slice(0, NEWS_SITEMAP_MAX_URLS).map((url) => ({
        loc: url.loc,
        'news:news': {
          'news:publication': { 'news:name': url.publicationName, 'news:language': url.language },
          'news:publication_date': url.publishedAt.toISOString(),
          'news:title': url.title,
        },
      })),
    },
  });
}

function urlEntry(url: SitemapUrl): Record<string, string> {
  return url.lastmod ? { loc: url.loc, lastmod: url.lastmod.toISOString() } : { loc: url.loc };
}

/** What crawlers may read, and where the sitemaps are. The desk and the search results are not for indexing. */
export function robotsTxt(publicUrl: string): string {
  return ['User-agent: *', 'Disallow: /desk', 'Disallow: /cari', '', `Sitemap: ${publicUrl}/sitemap.xml`, `Sitemap: ${publicUrl}/sitemap-news.xml`, ''].join('\n');
}

/**
 * The monthly article sitemaps' file names under /sitemaps/: `articles-2026-12.xml`,
 * and `articles-2026-12-2.xml` onwards for a month past SITEMAP_MAX_URLS.
 */
export function monthSitemapFile(month: string, part: number): string {
  return part === 1 ? `articles-${month}.xml` : `articles-${month}-${part}.xml`;
}

/** The month (`YYYY-MM`) and part a file name names, or undefined. */
export function parseMonthSitemapFile(file: string): { month: string; year: number; monthNumber: number; part: number } | undefined {
  const match = /^articles-(19[7-9]\d|[2-9]\d{3})-(0[1-9]|1[0-2])(?:-([2-9]|[1-9]\d{1,3}))?\.xml$/.exec(file);
  if (!match) return undefined;
  return { month: `${match[1]}-${match[2]}`, year: Number(match[1]), monthNumber: Number(match[2]), part: match[3] ? Number(match[3]) : 1 };
}

export const SECTIONS_SITEMAP_FILE = 'sections.xml';
