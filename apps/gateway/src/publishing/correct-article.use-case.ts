import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { ArticleView, EventType } from '@newsroom/contracts';
import { ArticleCorrection, ArticleJournal, databaseNow, User } from '@newsroom/database';
import { ArticleAction, HistoryType, nextStatus } from '@newsroom/domain';
import { ArticleAccess } from '../article-access/article-access.service';
import { assertNotAuthor } from '../article-access/four-eyes';
import { applyContent } from '../article-access/article-content';
import { AuthUser } from '../auth/auth-user';
import { GatewayConfig } from '../gateway.config';
import { ArticleChangeCommitter } from '../article-access/article-change-committer';
import { CorrectArticleDto } from './dto/correct-article.dto';
import { expectVersion } from './expected-version';
import { assertNotRevision } from './publish-slot';

/**
 * Corrects a published article in place: readers keep the page and see the
 * note under it. Content changes get a revision like any edit; a note alone
 * still moves the version and `updatedAt`, because readers see it.
 */
@Injectable()
export class CorrectArticleUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly access: ArticleAccess,
    private readonly committer: ArticleChangeCommitter,
    private readonly config: GatewayConfig,
  ) {}

  async execute(id: string, dto: CorrectArticleDto, user: AuthUser): Promise<ArticleView> {
    const em = this.em.fork();
    const article = await this.access.findForStaff(id, user, em);
    // a revision is changed through /drafts before it goes live, never corrected like a live article
    assertNotRevision(article);
    assertNotAuthor(article, user.id, 'correct');
    expectVersion(article, dto.version);
    const from = article.status;
    const to = nextStatus(from, ArticleAction.Correct);
    const rubricBefore = article.rubric.slug;
    const contentChanged = await applyContent(em, article, dto, this.config.NEWSROOM_TZ);
    const note = dto.note.trim();
    const editor = em.getReference(User, user.id);
    const now = await databaseNow(em);
    // dirties the row even for a note alone, so the version moves with it
    article.updatedAt = now;
    const journal = new ArticleJournal(em);
    const version = journal.nextVersion(article);
    const correction = new ArticleCorrection(article, note, version, editor);
    correction.at = now;
    em.persist(correction);
    if (contentChanged) journal.revision(article, editor);
    journal.history(article, { type: HistoryType.Corrected, actor: editor, from, to, comment: note, data: { contentChanged } });
    // a correction that moves the article changes the rubric it left too (its pages listed it): the edge purges both
    const moved = article.rubric.slug !== rubricBefore ? { rubricBefore } : {};
    const event = journal.announce(EventType.ArticleCorrected, article, { note, ...moved });
    return this.committer.commit(em, article, event);
  }
}
