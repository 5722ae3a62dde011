import { Inject, Injectable } from '@nestjs/common';
import { bylineNames, ReadReplicas, searchArticles } from '@newsroom/database';
import { formatNewsroomTime, parseSearchQuery, searchFingerprint } from '@newsroom/domain';
import { SiteConfig } from '../site.config';
import { SEARCH_DEFAULT_LIMIT, SearchArticlesQuery } from './dto/search-articles.query';
import { SearchResults } from './search-result.response';

/** The readers' search (GET /articles/search, the /cari page): published articles only. */
@Injectable()
export class ArticleSearch {
  constructor(
    private readonly reads: ReadReplicas,
    @Inject(SiteConfig) private readonly config: SiteConfig,
  ) {}

  async search(query: SearchArticlesQuery): Promise<SearchResults> {
    const parsed = parseSearchQuery(query.q);
    const { hits, nextCursor } = await searchArticles(
      this.reads.boundedRun(this.config.NEWSROOM_SEARCH_TIMEOUT_MS),
      parsed,
      {
        publishedOnly: true,
        rubricSlug: query.rubric,
        tagSlug: query.tag,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        rankWindow: this.config.NEWSROOM_SEARCH_RANK_WINDOW,
      },
      {
        limit: query.limit ?? SEARCH_DEFAULT_LIMIT,
        cursor: query.cursor,
        fingerprint: searchFingerprint([query.q, query.rubric, query.tag, query.from, query.to]),
      },
    );
    return {
      items: hits.map((hit) => ({
        slug: hit.slug,
        headline: hit.headline,
        lead: hit.lead,
        rubric: { slug: hit.rubricSlug, name: hit.rubricName },
        authors: bylineNames(hit.byline).map((name) => ({ name })),
        publishedAt: hit.publishedAt!.toISOString(),
        publishedAtDisplay: formatNewsroomTime(hit.publishedAt!, this.config.NEWSROOM_TZ),
        snippet: hit.snippet,
      })),
      nextCursor,
    };
  }
}
