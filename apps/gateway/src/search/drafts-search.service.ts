import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { boundedReads, bylineNames, searchArticles } from '@newsroom/database';
import { parseSearchQuery, Role, searchFingerprint } from '@newsroom/domain';
import { AuthUser, hasRole } from '../auth/auth-user';
import { GatewayConfig } from '../gateway.config';
import { SearchDraftsQuery, STAFF_SEARCH_DEFAULT_LIMIT } from './dto/search-drafts.query';
import { StaffSearchResults } from './staff-search-result.response';

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
    const parsed = parseSearchQuery(query.q);
    const seesAll = hasRole(user, Role.Editor, Role.Scheduler, Role.Admin);
    const { hits, nextCursor } = await searchArticles(
      boundedReads(() => this.em.getConnection('write'), this.config.NEWSROOM_SEARCH_TIMEOUT_MS),
      parsed,
      {
        publishedOnly: false,
        status: query.status,
        rubricSlug: query.rubric,
        authorId: query.author,
        visibleToAuthorId: seesAll ? undefined : user.id,
        rankWindow: this.config.NEWSROOM_SEARCH_RANK_WINDOW,
      },
      {
        limit: query.limit ?? STAFF_SEARCH_DEFAULT_LIMIT,
        cursor: query.cursor,
        // the caller too: a cursor is not handed from one staff member's results to another's
        fingerprint: searchFingerprint([query.q, query.status, query.rubric, query.author, user.id]),
      },
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
