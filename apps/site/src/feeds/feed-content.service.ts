import { Inject, Injectable } from '@nestjs/common';
import { bylineNames, ReadReplicas } from '@newsroom/database';
import { notFound } from '@newsroom/domain';
import { SiteConfig } from '../site.config';
import { NEWS_SITEMAP_HOURS, NEWS_SITEMAP_MAX_URLS, SITEMAP_MAX_URLS } from './xml-documents';

export interface FeedArticle {
  id: string;
  slug: string;
  headline: string;
  lead: string | null;
  authors: string[];
  rubricName: string;
  publishedAt: Date;
}

export interface SitemapMonth {
  /** `YYYY-MM`, in the newsroom's zone */
  month: string;
  articles: number;
  lastmod: Date;
}

/**
 * What the feeds and sitemaps list: published articles only (drafts,
 * scheduled, embargoed, unpublished and previewed ones never have that
 * status), read like the rest of the readers' side (a replica when one keeps
 * up). Months are the newsroom's (NEWSROOM_TZ), as its readers date them.
 */
@Injectable()
export class FeedContent {
  constructor(
    private readonly reads: ReadReplicas,
    @Inject(SiteConfig) private readonly config: SiteConfig,
  ) {}

  /** The newest published articles, of one rubric or tag if asked: the UPDATE list's indexes. */
  async newest(filter: { rubricId?: string; tag?: string }, limit: number): Promise<FeedArticle[]> {
    const where = [`a.status = 'published'`];
    const params: unknown[] = [];
    if (filter.rubricId !== undefined) {
      where.push('a.rubric_id = ?');
      params.push(filter.rubricId);
    }
    if (filter.tag !== undefined) {
      where.push('a.tag_slugs @> array[?]::text[]');
      params.push(filter.tag);
    }
    const rows: { id: string; slug: string; headline: string; lead: string | null; byline: string; rubric_name: string; published_at: Date }[] =
      await this.reads.execute(
        `select a.id, a.slug, a.headline, a.lead, a.byline, r.name as rubric_name, a.published_at
           from articles a join rubrics r on r.id = a.rubric_id
          where ${where.join(' and ')}
          order by a.published_at desc, a.id desc
          limit ?`,
        [...params, limit],
      );
    return rows.map((row) => ({
      id: row.id,
      slug: row.slug,
      headline: row.headline,
      lead: row.lead,
      authors: bylineNames(row.byline),
      rubricName: row.rubric_name,
      publishedAt: new Date(row.published_at),
    }));
  }

  /** A rubric by slug, or a not_found DomainError. */
  async rubric(slug: string): Promise<{ id: string; name: string }> {
    const [row]: { id: string; name: string }[] = await this.reads.execute('select id, name from rubrics where slug = ?', [slug]);
    if (!row) throw notFound('RUBRIC.NOT_FOUND', `there is no rubric "${slug}"`);
    return row;
  }

  /** The tag's name as written on its newest published article, or a not_found DomainError (no published article carries it). */
  async tagName(slug: string): Promise<string> {
    const [row]: { name: string }[] = await this.reads.execute(
      `select t as name
         from (select a.tags from articles a where a.status = 'published' and a.tag_slugs @> array[?]::text[] order by a.published_at desc, a.id desc limit 1) a,
              unnest(a.tags) t
        where newsroom_tag_slug(t) = ? limit 1`,
      [slug, slug],
    );
    if (!row) throw notFound('TAG.NOT_FOUND', `no published article is tagged "${slug}"`);
    return row.name;
  }

  /** Every month with a published article, newest first: how many, and the newest updatedAt among them. */
  async months(): Promise<SitemapMonth[]> {
    const rows: { month: string; articles: number; lastmod: Date }[] = await this.reads.execute(
      `select to_char(a.published_at at time zone ?, 'YYYY-MM') as month, count(*)::int as articles, max(a.updated_at) as lastmod
         from articles a where a.status = 'published'
        group by 1 order by 1 desc`,
      [this.config.NEWSROOM_TZ],
    );
    return rows.map((row) => ({ month: row.month, articles: row.articles, lastmod: new Date(row.lastmod) }));
  }

  /**
   * One part (SITEMAP_MAX_URLS each) of a month's published articles, oldest
   * first so a part's content changes only when its own articles do: a range
   * of the published_at index.
   */
  monthArticles(year: number, month: number, part: number): Promise<{ slug: string; updated_at: Date }[]> {
    const start = `${year}-${String(month).padStart(2, '0')}-01 00:00:00`;
    return this.reads.execute(
      `select a.slug, a.updated_at from articles a
        where a.status = 'published'
          and a.published_at >= (?::timestamp at time zone ?)
          and a.published_at < ((?::timestamp + interval '1 month') at time zone ?)
        order by a.published_at asc, a.id asc
        limit ? offset ?`,
      [start, this.config.NEWSROOM_TZ, start, this.config.NEWSROOM_TZ, SITEMAP_MAX_URLS, (part - 1) * SITEMAP_MAX_URLS],
    );
  }

  /** Every rubric, and every tag some published article carries (by slug), as many as one sitemap holds. */
  async sections(): Promise<{ rubrics: string[]; tags: string[] }> {
    const rubrics: { slug: string }[] = await this.reads.execute('select slug from rubrics order by slug');
    const tags: { slug: string }[] = await this.reads.execute(
      `select distinct s as slug from articles a, unnest(a.tag_slugs) s where a.status = 'published' order by 1 limit ?`,
      [Math.max(0, SITEMAP_MAX_URLS - rubrics.length)],
    );
    return { rubrics: rubrics.map((r) => r.slug), tags: tags.map((t) => t.slug) };
  }

  /** Google News: the articles published in the last NEWS_SITEMAP_HOURS, newest first, at most NEWS_SITEMAP_MAX_URLS. */
  recentNews(): Promise<{ slug: string; headline: string; published_at: Date }[]> {
    return this.reads.execute(
      `select a.slug, a.headline, a.published_at from articles a
        where a.status = 'published' and a.published_at >= now() - ?::int * interval '1 hour' and a.published_at <= now()
        order by a.published_at desc, a.id desc
        limit ?`,
      [NEWS_SITEMAP_HOURS, NEWS_SITEMAP_MAX_URLS],
    );
  }
}
