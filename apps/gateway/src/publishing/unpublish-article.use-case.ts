import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { ArticleView, EventType } from '@newsroom/contracts';
import { ArticleJournal, User } from '@newsroom/database';
import { ArticleAction, HistoryType, nextStatus } from '@newsroom/domain';
import { ArticleAccess } from '../article-access/article-access.service';
import { AuthUser } from '../auth/auth-user';
import { ArticleChangeCommitter } from '../article-access/article-change-committer';
import { UnpublishArticleDto } from './dto/unpublish-article.dto';
import { expectVersion } from './expected-version';

/** Takes a published article down; the reason stays in its history. */
@Injectable()
export class UnpublishArticleUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly access: ArticleAccess,
    private readonly committer: ArticleChangeCommitter,
  ) {}

  async execute(id: string, dto: UnpublishArticleDto, user: AuthUser): Promise<ArticleView> {
    const em = this.em.fork();
    const article = await this.access.findForStaff(id, user, em);
    expectVersion(article, dto.version);
    const from = article.status;
    const to = nextStatus(from, ArticleAction.Unpublish);
    const reason = dto.reason.trim();
    article.status = to;
    const journal = new ArticleJournal(em);
    journal.history(article, { type: HistoryType.Unpublished, actor: em.getReference(User, user.id), from, to, comment: reason });
    const event = journal.announce(EventType.ArticleUnpublished, article, { reason });
    return this.committer.commit(em, article, event);
  }
}
