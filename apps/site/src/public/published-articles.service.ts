import { Inject, Injectable } from '@nestjs/common';
import { pgArray, ReadReplicas } from '@newsroom/database';
import { bylineNames, formatNewsroomTime, notFound } from '@newsroom/domain';
import { STRINGS } from '@newsroom/html';
import { SiteConfig } from '../site.config';
import { encodeCursor, ListPosition, parseBefore } from './article-cursor';
import { ListLatestQuery } from './dto/list-latest.query';
import { PUBLIC_LIST_DEFAULT_LIMIT } from './dto/public-list.query';
import { ListPopularQuery } from './dto/list-popular.query';
import { PopularRankingReader } from './popular-ranking.reader';
import { DEFAULT_POPULAR_WINDOW, PopularWindow, popularWindowHours } from './popular-window';
import { PopularArticleItem, PublicArticle, PublicArticleItem } from './public-article.response';

/** The answer for a slug no published article has (drafts, scheduled and unpublished ones alike). */
export const noSuchPublishedArticle = () => notFound('ARTICLE.NOT_FOUND', 'no such published article');

/** The columns every public list shows; `a` is the article. bigints come back as text and are read with Number(). */
const ITEM_COLUMNS = `a.id, a.slug, a.headline, a.lead, a.image_url, a.image_caption, a.image_credit, a.published_at,
  (extract(epoch from a.published_at) * 1000000)::bigint::text as published_us,
  r.slug as rubric_slug, r.name as rubric_name, u.name as author_name, a.byline, coalesce(t.views, 0)::text as views`;
const ITEM_JOINS = `join rubrics r on r.id = a.rubric_id
  join users u on u.id = a.author_id
  left join article_view_totals t on t.article_id = a.id`;

interface ItemRow {
  id: string;
  slug: string;
  headline: string;
  lead: string | null;
  image_url: string | null;
  image_caption: string | null;
  image_credit: string | null;
  published_at: Date;
  published_us: string;
  rubric_slug: string;
  rubric_name: string;
  author_name: string;
  /** every name of the byline, one a line: staff then guests (newsroom_article_byline()) */
  byline: string;
  views: string;
}

/**
 * The readers' side: published articles only. The UPDATE list walks the
 * partial indexes on (rubric, published_at, id) of published rows; the
 * Populer list ranks from the views service's sorted sets in Redis and reads
 * the ranked articles by primary key. All-time views come from
 * article_view_totals, which the views service flushes every second.
 */
@Injectable()
export class PublishedArticlesService {
  constructor(
    private readonly reads: ReadReplicas,
    private readonly ranking: PopularRankingReader,
    @Inject(SiteConfig) private readonly config: SiteConfig,
  ) {}

  /** The UPDATE list: newest publishedAt first, ties by id, so the cursor never skips or repeats. */
  async latest(query: ListLatestQuery): Promise<PublicArticleItem[]> {
    const rubricId = await this.rubricId(query.rubric);
    const where = [`a.status = 'published'`];
    const params: unknown[] = [];
    if (rubricId) {
      where.push('a.rubric_id = ?');
      params.push(rubricId);
    }
    if (query.tag !== undefined) {
      // the GIN index of published articles' tag slugs, or the newest-first walk for a common tag: the planner knows which
      where.push('a.tag_slugs @> array[?]::text[]');
      params.push(query.tag);
    }
    if (query.before !== undefined) {
      const position: ListPosition = parseBefore(query.before, this.config.NEWSROOM_TZ);
      if ('before' in position) {
        where.push('a.published_at < ?');
        params.push(position.before);
      } else {
        where.push(`(a.published_at, a.id) < (timestamptz 'epoch' + ?::bigint * interval '1 microsecond', ?::uuid)`);
        params.push(position.publishedAtMicros, position.id);
      }
    }
    const rows: ItemRow[] = await this.reads.execute(
      `select ${ITEM_COLUMNS} from articles a ${ITEM_JOINS}
        where ${where.join(' and ')}
        order by a.published_at desc, a.id desc
        limit ?`,
      [...params, query.limit ?? PUBLIC_LIST_DEFAULT_LIMIT],
    );
    return rows.map((row) => this.item(row));
  }

  /**
   * The Populer list: most views inside the window first, ties by newest.
   * Articles without a view in the window follow, newest first, so the site's
   * box is always full.
   */
  async popular(query: ListPopularQuery): Promise<PopularArticleItem[]> {
    const rubricId = await this.rubricId(query.rubric);
    const limit = query.limit ?? PUBLIC_LIST_DEFAULT_LIMIT;
    const window = query.window ?? DEFAULT_POPULAR_WINDOW;
    const ranked = await this.ranking.top(window, rubricId, limit, (ids) => this.publishedRows(ids));
    if (!ranked) return this.popularFromPostgres(window, rubricId, limit);
    const items = ranked.map(({ row, windowViews }) => ({ ...this.item(row), windowViews }));
    if (items.length === limit) return items;
    // The ranking ran out: every published article with views in the window is listed, the rest fill up.
    const fill: ItemRow[] = await this.reads.execute(
      `select ${ITEM_COLUMNS} from articles a ${ITEM_JOINS}
        where a.status = 'published' ${rubricId ? 'and a.rubric_id = ?' : ''} and a.id <> all(?::uuid[])
        order by a.published_at desc, a.id desc
        limit ?`,
      [...(rubricId ? [rubricId] : []), pgArray(items.map((i) => i.id)), limit - items.length],
    );
    return [...items, ...fill.map((row) => ({ ...this.item(row), windowViews: 0 }))];
  }

  /** The published ones among `ids`, with what a list shows: one query by primary key. */
  private async publishedRows(ids: string[]): Promise<ItemRow[]> {
    if (ids.length === 0) return [];
    return this.reads.execute(`select ${ITEM_COLUMNS} from articles a ${ITEM_JOINS} where a.id = any(?::uuid[]) and a.status = 'published'`, [pgArray(ids)]);
  }

  /**
   * The same list summed from article_view_hours, while Redis has no ranking
   * (lost, and being rebuilt by the views service). Each part reads at most
   * `limit` articles by index; the window sums the hourly buckets that begin
   * inside it.
   */
  private async popularFromPostgres(window: PopularWindow, rubricId: string | null, limit: number): Promise<PopularArticleItem[]> {
    const inRubric = rubricId ? 'and a.rubric_id = ?' : '';
    const rubricParam = rubricId ? [rubricId] : [];
    const rows: (ItemRow & { window_views: string })[] = await this.reads.execute(
      `with windowed as (
          select h.article_id, sum(h.views) as window_views
            from article_view_hours h
           where h.hour >= now() - ?::int * interval '1 hour'
           group by h.article_id
        ), viewed as (
          select a.id, w.window_views
            from windowed w join articles a on a.id = w.article_id
           where a.status = 'published' ${inRubric}
           order by w.window_views desc, a.published_at desc, a.id desc
           limit ?
        ), unviewed as (
          select a.id, 0::numeric as window_views
            from articles a
           where a.status = 'published' ${inRubric}
             and not exists (select 1 from windowed w where w.article_id = a.id)
           order by a.published_at desc, a.id desc
           limit ?
        ), ranked as (
          select * from viewed union all select * from unviewed
        )
        select ${ITEM_COLUMNS}, ranked.window_views::text as window_views
          from ranked join articles a on a.id = ranked.id ${ITEM_JOINS}
         order by ranked.window_views desc, a.published_at desc, a.id desc
         limit ?`,
      [popularWindowHours(window), ...rubricParam, limit, ...rubricParam, limit, limit],
    );
    return rows.map((row) => ({ ...this.item(row), windowViews: Number(row.window_views) }));
  }

  /**
   * A published article's page, and its id (not shown to readers, but what
   * caches name it by); anything else (draft, scheduled, unpublished,
   * unknown) is a 404.
   */
  async publishedBySlug(slug: string): Promise<{ id: string; article: PublicArticle }> {
    const [row]: (ItemRow & { body: string; tags: string[]; updated_at: Date })[] = await this.reads.execute(
      `select ${ITEM_COLUMNS}, a.body, a.tags, a.updated_at from articles a ${ITEM_JOINS}
        where a.slug = ? and a.status = 'published'`,
      [slug],
    );
    if (!row) throw noSuchPublishedArticle();
    const corrections: { at: Date; note: string }[] = await this.reads.execute(
      `select at, note from article_corrections where article_id = ? order by at asc, id asc`,
      [row.id],
    );
    return {
      id: row.id,
      article: {
        ...this.shown(row),
        body: row.body,
        tags: row.tags,
        updatedAt: new Date(row.updated_at).toISOString(),
        updatedAtDisplay: updatedAtDisplay(new Date(row.published_at), new Date(row.updated_at), this.config.NEWSROOM_TZ),
        corrections: corrections.map((c) => ({ at: new Date(c.at).toISOString(), note: c.note })),
      },
    };
  }

  /**
   * "Berita Terkait" of a published article: its related articles worked out
   * now, by one query (newsroom_related_ids: shared tags, same rubric, the
   * headline's words, each candidate set bounded), those still published, in
   * that order; the page and the JSON keep the answer in the readers' caches.
   * Not at publish time: a row trigger there ran once per article of a
   * publication batch, inside the publisher's transaction (Migration20261216090000).
   * `related_ids`, when an older database still holds one, is used as is.
   * Never the article itself.
   */
  async related(articleId: string, limit: number): Promise<PublicArticleItem[]> {
    const rows: (ItemRow & { position: number })[] = await this.reads.execute(
      `select ${ITEM_COLUMNS}, k.position from articles me
         cross join lateral unnest(coalesce(me.related_ids, newsroom_related_ids(me.id, 10))) with ordinality as k(id, position)
         join articles a on a.id = k.id ${ITEM_JOINS}
        where me.id = ? and a.status = 'published' and a.id <> me.id
        order by k.position
        limit ?`,
      [articleId, limit],
    );
    return rows.map((row) => this.item(row));
  }

  /** A tag's name as written on one of `ids` (articles that carry it). */
  async tagName(slug: string, ids: string[]): Promise<string | undefined> {
    if (ids.length === 0) return undefined;
    const [row]: { name: string }[] = await this.reads.execute(
      `select t as name from articles a, unnest(a.tags) t where a.id = any(?::uuid[]) and newsroom_tag_slug(t) = ? limit 1`,
      [pgArray(ids), slug],
    );
    return row?.name;
  }

  /** The id of a published article, or a 404. */
  async publishedId(slug: string): Promise<string> {
    const [row]: { id: string }[] = await this.reads.execute(`select id from articles where slug = ? and status = 'published'`, [slug]);
    if (!row) throw noSuchPublishedArticle();
    return row.id;
  }

  /** Every rubric, by name: GET /rubrics and the pages' menu. */
  rubrics(): Promise<{ slug: string; name: string }[]> {
    return this.reads.execute('select slug, name from rubrics order by name asc');
  }

  /** A rubric filter names an existing rubric or is a 404 (a mistyped rubric page should not look empty). */
  private async rubricId(slug: string | undefined): Promise<string | null> {
    if (slug === undefined) return null;
    const [row]: { id: string }[] = await this.reads.execute('select id from rubrics where slug = ?', [slug]);
    if (!row) throw notFound('RUBRIC.NOT_FOUND', `there is no rubric "${slug}"`);
    return row.id;
  }

  private item(row: ItemRow): PublicArticleItem {
    return {
      id: row.id,
      ...this.shown(row),
      // the side lists show the time without the zone label (SEED-PAGE.md)
      publishedAtShort: formatNewsroomTime(new Date(row.published_at), this.config.NEWSROOM_TZ, { withZone: false }),
      cursor: encodeCursor(row.published_us, row.id),
    };
  }

  /** What readers see of a published article wherever it appears: its page and every list. */
  private shown(row: ItemRow) {
    const publishedAt = new Date(row.published_at);
    return {
      slug: row.slug,
      headline: row.headline,
      lead: row.lead,
      rubric: { slug: row.rubric_slug, name: row.rubric_name },
      author: { name: row.author_name },
      authors: bylineNames(row.byline).map((name) => ({ name })),
      image: image(row),
      publishedAt: publishedAt.toISOString(),
      publishedAtDisplay: formatNewsroomTime(publishedAt, this.config.NEWSROOM_TZ),
      views: Number(row.views),
    };
  }
}

/**
 * Shown once the live content changed after the article went live (a
 * scheduled update or a correction): `Diperbarui: Kamis, 05 Desember 2024 | 18:02 WIB`.
 * Publishing itself writes both times from one moment, or from two clocks a few
 * milliseconds apart (publish now), hence the second of slack.
 */
export function updatedAtDisplay(publishedAt: Date, updatedAt: Date, timeZone: string): string | null {
  if (updatedAt.getTime() - publishedAt.getTime() < UPDATE_SHOWN_AFTER_MS) return null;
  return `${STRINGS.liveUpdatedAt}: ${formatNewsroomTime(updatedAt, timeZone)}`;
}
const UPDATE_SHOWN_AFTER_MS = 1000;

function image(row: Pick<ItemRow, 'image_url' | 'image_caption' | 'image_credit'>) {
  return row.image_url ? { url: row.image_url, caption: row.image_caption ?? '', credit: row.image_credit ?? '' } : null;
}
