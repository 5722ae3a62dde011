import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { Article, ArticleEvent, databaseNow, newPreviewToken, PREVIEW_PATH_PREFIX, PreviewLink, User } from '@newsroom/database';
import { forbidden, HistoryType, notFound, Role } from '@newsroom/domain';
import { ArticleAccess, isUuid } from '../article-access/article-access.service';
import { isAuthorOf } from '../article-access/four-eyes';
import { AuthUser, hasRole } from '../auth/auth-user';
import { GatewayConfig } from '../gateway.config';
import { PREVIEW_DEFAULT_HOURS } from './dto/create-preview-link.dto';
import { CreatedPreviewLinkResponse, PreviewLinkResponse } from './preview-link.response';

const HOUR_MS = 3_600_000;

/**
 * Secret preview links of an article: made, listed and revoked by its
 * authors and by editors (anyone else on the staff who can see the article
 * gets 403; who cannot see it, 404). Each is recorded in the article's
 * history. The readers' site shows them (apps/site/src/preview), reading the
 * table on every request: nothing of a preview is cached anywhere, so a
 * revocation holds on every replica from its commit on.
 */
@Injectable()
export class PreviewLinks {
  constructor(
    private readonly em: EntityManager,
    private readonly access: ArticleAccess,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
  ) {}

  async create(articleId: string, hours: number | undefined, user: AuthUser): Promise<CreatedPreviewLinkResponse> {
    const em = this.em.fork();
    const article = await this.articleFor(em, articleId, user);
    const now = await databaseNow(em);
    const { token, hash } = newPreviewToken();
    const link = new PreviewLink({
      article,
      version: article.version,
      tokenHash: hash,
      createdBy: em.getReference(User, user.id),
      expiresAt: new Date(now.getTime() + (hours ?? PREVIEW_DEFAULT_HOURS) * HOUR_MS),
    });
    link.createdAt = now;
    em.persist(link);
    this.record(em, article, user, HistoryType.PreviewLinkCreated, { linkId: link.id, version: link.version, expiresAt: link.expiresAt.toISOString() });
    await em.flush();
    return {
      id: link.id,
      url: `${this.config.publicUrl}${PREVIEW_PATH_PREFIX}${token}`,
      expiresAt: link.expiresAt.toISOString(),
      version: link.version,
      createdAt: link.createdAt.toISOString(),
    };
  }

  /** Every link of the article, newest first, revoked and expired ones too (marked `active: false`). */
  async list(articleId: string, user: AuthUser): Promise<PreviewLinkResponse[]> {
    const em = this.em.fork();
    const article = await this.articleFor(em, articleId, user);
    const [links, now] = await Promise.all([
      em.find(PreviewLink, { article: article.id }, { orderBy: { createdAt: 'desc', id: 'desc' }, populate: ['createdBy'] }),
      databaseNow(em),
    ]);
    return links.map((link) => PreviewLinkResponse.of(link, now));
  }

  /** Revokes a link (once: revoking a revoked link changes nothing). 404 for a link of another article. */
  async revoke(articleId: string, linkId: string, user: AuthUser): Promise<void> {
    const em = this.em.fork();
    const article = await this.articleFor(em, articleId, user);
    if (!isUuid(linkId)) throw noSuchLink();
    await em.transactional(async (tx) => {
      // conditional: of two revocations at once exactly one records it
      const [revoked] = await tx.execute<{ id: string }[]>(
        `update preview_links set revoked_at = now() where id = ? and article_id = ? and revoked_at is null returning id`,
        [linkId, article.id],
      );
      if (revoked) return this.record(tx, article, user, HistoryType.PreviewLinkRevoked, { linkId });
      if (!(await tx.count(PreviewLink, { id: linkId, article: article.id }))) throw noSuchLink();
    });
  }

  /** The article if the caller may share it: 404 when they cannot see it, 403 unless an author or an editor. */
  private async articleFor(em: EntityManager, articleId: string, user: AuthUser): Promise<Article> {
    const article = await this.access.findForStaff(articleId, user, em);
    if (!isAuthorOf(article, user.id) && !hasRole(user, Role.Editor)) {
      throw forbidden('PREVIEW.FORBIDDEN', 'only an author of the article or an editor may share its preview');
    }
    return article;
  }

  /** A history line that leaves the article as it is (its current version). */
  private record(em: EntityManager, article: Article, user: AuthUser, type: HistoryType, data: Record<string, unknown>): void {
    em.persist(new ArticleEvent({ article, actor: em.getReference(User, user.id), type, from: article.status, to: article.status, version: article.version, data }));
  }
}

const noSuchLink = () => notFound('PREVIEW.NOT_FOUND', 'the article has no such preview link');
