import { Injectable } from '@nestjs/common';
import { TrendingKey, TrendingRanking } from '@newsroom/contracts';
import { notFound } from '@newsroom/domain';
import { pgArray, ReadReplicas } from '@newsroom/database';
import { RedisClient } from '@newsroom/redis';
import { TrendingArticleItem } from './public-article.response';

/**
 * The stored ranking is read from Redis at most this often per replica: it
 * changes every few seconds (NEWSROOM_TRENDING_REFRESH_MS), and the answers
 * built from it are kept by the readers' cache besides.
 */
const RANKING_KEPT_MS = 1000;

/**
 * "Naik Daun" for readers: the ranking the views service stores (one small
 * GET, remembered for a second), then one query by primary key for the
 * ranked articles' headlines, which also drops anything not published (or
 * not in the rubric asked for), in the ranking's order.
 */
@Injectable()
export class TrendingArticlesService {
  private remembered: { at: number; ranking: TrendingRanking | null } | null = null;

  constructor(
    private readonly redis: RedisClient,
    private readonly reads: ReadReplicas,
  ) {}

  async trending(query: { rubric?: string; limit?: number }): Promise<TrendingArticleItem[]> {
    const rubricId = query.rubric === undefined ? null : await this.rubricId(query.rubric);
    const ranking = await this.ranking();
    if (!ranking || ranking.items.length === 0) return [];
    const rows: { id: string; slug: string; headline: string }[] = await this.reads.execute(
      `select a.id, a.slug, a.headline from articles a where a.id = any(?::uuid[]) and a.status = 'published' ${rubricId ? 'and a.rubric_id = ?' : ''}`,
      [pgArray(ranking.items.map((e) => e.articleId)), ...(rubricId ? [rubricId] : [])],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ranking.items
      .filter((entry) => byId.has(entry.articleId))
      .slice(0, query.limit ?? TRENDING_DEFAULT_LIMIT)
      .map((entry) => {
        const article = byId.get(entry.articleId)!;
        return { id: article.id, slug: article.slug, headline: article.headline, viewsLast15m: entry.viewsLast15m, velocity: entry.velocity };
      });
  }

  private async ranking(): Promise<TrendingRanking | null> {
    const now = Date.now();
    if (this.remembered && now - this.remembered.at < RANKING_KEPT_MS) return this.remembered.ranking;
    const stored = await this.redis.get(TrendingKey.ranking);
    const ranking = stored ? (JSON.parse(stored) as TrendingRanking) : null;
    this.remembered = { at: now, ranking };
    return ranking;
  }

  private async rubricId(slug: string): Promise<string> {
    const [row]: { id: string }[] = await this.reads.execute('select id from rubrics where slug = ?', [slug]);
    if (!row) throw notFound('RUBRIC.NOT_FOUND', `there is no rubric "${slug}"`);
    return row.id;
  }
}

export const TRENDING_DEFAULT_LIMIT = 5;
