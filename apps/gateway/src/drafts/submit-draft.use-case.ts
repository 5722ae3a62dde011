import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { ArticleView, EventType } from '@newsroom/contracts';
import { ArticleJournal, User } from '@newsroom/database';
import { ArticleAction, forbidden, HistoryType, nextStatus } from '@newsroom/domain';
import { ArticleAccess } from '../article-access/article-access.service';
import { ArticleChangeCommitter } from '../article-access/article-change-committer';
import { isAuthorOf } from '../article-access/four-eyes';
import { AuthUser } from '../auth/auth-user';
import { assertVersion } from './assert-version';

/**
 * The author hands a draft in. It only becomes `submitted` here; the
 * draft-submission service (apps/drafts) checks it, and puts it in the review
 * queue or sends it back.
 */
@Injectable()
export class SubmitDraft {
  constructor(
    private readonly em: EntityManager,
    private readonly access: ArticleAccess,
    private readonly committer: ArticleChangeCommitter,
  ) {}

  async execute(id: string, version: number | undefined, user: AuthUser): Promise<ArticleView> {
    const em = this.em.fork();
    const article = await this.access.findForStaff(id, user, em);
    if (!isAuthorOf(article, user.id)) throw forbidden('ARTICLE.NOT_AUTHOR', 'only an author submits an article');
    assertVersion(article, version);
    const from = article.status;
    article.status = nextStatus(from, ArticleAction.Submit);

    const journal = new ArticleJournal(em);
    journal.history(article, { type: HistoryType.Submitted, actor: em.getReference(User, user.id), from, to: article.status });
    const event = journal.announce(EventType.DraftSubmitted, article);
    return this.committer.commit(em, article, event);
  }
}
