import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Article, ArticleJournal, guestBylinesOf, setByline, staffAuthorsOf, User } from '@newsroom/database';
import { ArticleStatus, conflict, DomainError, forbidden, HistoryType, Role } from '@newsroom/domain';
import { ArticleAccess } from '../article-access/article-access.service';
import { applyContent } from '../article-access/article-content';
import { isAuthorOf } from '../article-access/four-eyes';
import { AuthUser, hasRole } from '../auth/auth-user';
import { refreshBodyStats } from '../drafts/article-body-stats';
import { GatewayConfig } from '../gateway.config';
import { expectVersion } from '../publishing/expected-version';
import { CreateRevisionDto } from './dto/create-revision.dto';
import { assertBylineUntouched } from './revision-byline';
import { RevisionCreatedResponse } from './revision-created.response';

/**
 * Starts a pending revision of a published article: a draft of its own
 * holding a copy of the live content with the given changes, beside the live
 * article, which readers keep seeing as it is. One at a time per article (409
 * while another is on its way, until it goes live or is discarded). Its byline is the live article's (author,
 * co-authors, guests) with whoever started it added as a co-author: every
 * author of the story may edit the revision, and none of them may review it
 * (four-eyes counts the live article's authors too). Going live changes the
 * content, never the live article's byline.
 */
@Injectable()
export class CreateRevision {
  constructor(
    private readonly em: EntityManager,
    private readonly access: ArticleAccess,
    private readonly config: GatewayConfig,
  ) {}

  async execute(id: string, dto: CreateRevisionDto, user: AuthUser): Promise<RevisionCreatedResponse> {
    const em = this.em.fork();
    const live = await this.access.findForStaff(id, user, em);
    if (!isAuthorOf(live, user.id) && !hasRole(user, Role.Editor)) {
      throw forbidden('REVISION.FORBIDDEN', 'only an author of the article or an editor may revise it');
    }
    assertBylineUntouched(dto);
    if (live.status !== ArticleStatus.Published) {
      throw conflict('REVISION.ARTICLE_NOT_LIVE', `the article is ${live.status}; only a published article takes a revision (edit a draft directly)`);
    }
    expectVersion(live, dto.version);
    const author = await em.findOne(User, { id: user.id });
    if (!author) throw new DomainError('unauthenticated', 'AUTH.USER_GONE', 'the account behind this token no longer exists');

    // never public, so its slug only has to be unique: it never becomes an address
    const revision = new Article({ slug: `revisi-${randomUUID()}`, headline: live.headline, body: live.body, rubric: live.rubric, author });
    revision.lead = live.lead;
    revision.imageUrl = live.imageUrl;
    revision.imageCaption = live.imageCaption;
    revision.imageCredit = live.imageCredit;
    revision.tags = [...live.tags];
    revision.priority = live.priority;
    revision.revisionOf = live;
    revision.revisionBaseVersion = live.version;
    const staff = staffAuthorsOf(live);
    setByline(revision, staff.some((u) => u.id === author.id) ? staff : [...staff, author], guestBylinesOf(live));
    await applyContent(em, revision, dto, this.config.NEWSROOM_TZ);
    refreshBodyStats(revision);
    em.persist(revision);

    const journal = new ArticleJournal(em);
    journal.revision(revision, author, 1);
    journal.history(revision, {
      type: HistoryType.Created,
      actor: author,
      from: null,
      to: ArticleStatus.Draft,
      version: 1,
      data: { revisionOf: live.id, baseVersion: live.version },
    });
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException && error.message.includes('articles_one_pending_revision')) {
        // withdrawing only takes a revision back to draft, still on its way: discarding ends it
        throw conflict('REVISION.PENDING_EXISTS', `the article already has a revision on its way: finish that one, or discard it (DELETE /articles/${live.id}/revisions/:revisionId)`);
      }
      throw error;
    }
    return { revisionId: revision.id, articleId: live.id, version: revision.version, status: revision.status };
  }
}
