import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ArticleView } from '@newsroom/contracts';
import { Article, ArticleJournal, User } from '@newsroom/database';
import { ArticleStatus, authorsOfNewDraft, DomainError, HistoryType } from '@newsroom/domain';
import { ArticleAccess } from '../article-access/article-access.service';
import { applyContent, findRubric } from '../article-access/article-content';
import { AuthUser } from '../auth/auth-user';
import { GatewayConfig } from '../gateway.config';
import { refreshBodyStats } from './article-body-stats';
import { CreateDraftDto } from './dto/create-draft.dto';
import { freeSlug, retryOnSlugClash } from './unique-slug';

/** A reporter starts an article: a draft at version 1, with its first revision and a `created` line. */
@Injectable()
export class CreateDraft {
  constructor(
    private readonly em: EntityManager,
    private readonly access: ArticleAccess,
    private readonly config: GatewayConfig,
  ) {}

  execute(dto: CreateDraftDto, user: AuthUser): Promise<ArticleView> {
    return retryOnSlugClash(() => this.insert(this.em.fork(), dto, user));
  }

  private async insert(em: EntityManager, dto: CreateDraftDto, user: AuthUser): Promise<ArticleView> {
    const author = await em.findOne(User, { id: user.id });
    if (!author) throw new DomainError('unauthenticated', 'AUTH.USER_GONE', 'the account behind this token no longer exists');
    const rubric = await findRubric(em, dto.rubric);
    const article = new Article({ slug: await freeSlug(em, dto.headline), headline: '', body: '', rubric, author });
    // the byline, checked like an edit's: the creator first unless the list names them elsewhere
    await applyContent(em, article, { ...dto, authors: authorsOfNewDraft(author.id, dto.authors) }, this.config.NEWSROOM_TZ);
    refreshBodyStats(article);
    em.persist(article);

    // An insert does not bump the version, so the side rows name version 1 themselves.
    const journal = new ArticleJournal(em);
    journal.revision(article, author, 1);
    journal.history(article, { type: HistoryType.Created, actor: author, from: null, to: ArticleStatus.Draft, version: 1 });
    await em.flush();
    return this.access.present(article, em);
  }
}
