import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { boundedReads, bylineNames, searchArticles, SearchFilters } from '@newsroom/database';
import { parseSearchQuery, Role, searchFingerprint } from '@newsroom/domain';
import { AuthUser, hasRole } from '../auth/auth-user';
import { GatewayConfig } from '../gateway.config';
import { SearchDraftsQuery, STAFF_SEARCH_DEFAULT_LIMIT } from './dto/search-drafts.query';
import { StaffSearchResults } from './staff-search-result.response';

/** Results in the draft page's box, beside the editor: a few, the best. */
const ARCHIVE_BOX_LIMIT = 8;

/**
 * The desk's search (GET /drafts/search, the draft page's "find related"
 * box): every status, on the primary, with GET /drafts' visibility (a
 * reporter finds only their own articles; editors, schedulers and admins
 * everything).
 */
@Injectable()
export class DraftsSearch {
  constructor(
    private readonly em: EntityManager,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
  ) {}

  async search(query: SearchDraftsQuery, user: AuthUser): Promise<StaffSearchResults> {
    const seesAll = hasRole(user, Role.Editor, Role.Scheduler, Role.Admin);
    return this.run(query.q, {
      publishedOnly: false,
      status: query.status,
      rubricSlug: query.rubric,
      authorId: query.author,
      visibleToAuthorId: seesAll ? undefined : user.id,
    }, {
      limit: query.limit ?? STAFF_SEARCH_DEFAULT_LIMIT,
      cursor: query.cursor,
      // the caller too: a cursor is not handed from one staff member's results to another's
      fingerprint: searchFingerprint([query.q, query.status, query.rubric, query.author, user.id]),
    });
  }

  /**
   * The published archive, everyone's (what readers see anyway): the draft
   * page's "find related" box, where a reporter looks for earlier coverage
   * to link, which GET /drafts' visibility would limit to their own.
   */
  archive(q: string, cursor: string | undefined, user: AuthUser): Promise<StaffSearchResults> {
    return this.run(q, { publishedOnly: true }, { limit: ARCHIVE_BOX_LIMIT, cursor, fingerprint: searchFingerprint(['archive', q, user.id]) });
  }

  private async run(q: string, filters: Omit<SearchFilters, 'rankWindow'>, page: { limit: number; cursor?: string; fingerprint: string }): Promise<StaffSearchResults> {
    const { hits, nextCursor } = await searchArticles(
      boundedReads(() => this.em.getConnection('write'), this.config.NEWSROOM_SEARCH_TIMEOUT_MS),
      parseSearchQuery(q),
      { ...filters, rankWindow: this.config.NEWSROOM_SEARCH_RANK_WINDOW },
      page,
    );
    return {
      items: hits.map((hit) => ({
        id: hit.id,
        status: hit.status,
        slug: hit.slug,
        headline: hit.headline,
        lead: hit.lead,
        rubric: { slug: hit.rubricSlug, name: hit.rubricName },
        authors: bylineNames(hit.byline).map((name) => ({ name })),
        publishedAt: hit.publishedAt ? hit.publishedAt.toISOString() : null,
        updatedAt: hit.updatedAt.toISOString(),
        snippet: hit.snippet,
      })),
      nextCursor,
    };
  }
}
