import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ArticleView } from '@newsroom/contracts';
import { databaseNow, publishArticle, User } from '@newsroom/database';
import { ArticleStatus } from '@newsroom/domain';
import { ArticleAccess } from '../article-access/article-access.service';
import { AuthUser } from '../auth/auth-user';
import { ArticleChangeCommitter } from '../article-access/article-change-committer';
import { ExpectedVersionDto } from './dto/expected-version.dto';
import { expectVersion } from './expected-version';
import { PendingPublishJobs } from './pending-publish-jobs';
import { assertNotRevision } from './publish-slot';

/**
 * Publishes an approved or scheduled article at once, through the same step
 * the publisher uses (embargo, history, event). A slot it pre-empts is
 * cleared: `scheduledFor` means a time that was asked for and honoured.
 */
@Injectable()
export class PublishNowUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly access: ArticleAccess,
    private readonly committer: ArticleChangeCommitter,
    private readonly pendingJobs: PendingPublishJobs,
  ) {}

  async execute(id: string, dto: ExpectedVersionDto, user: AuthUser): Promise<ArticleView> {
    const em = this.em.fork();
    const article = await this.access.findForStaff(id, user, em);
    assertNotRevision(article);
    expectVersion(article, dto.version);
    const pendingSlotVersion = article.status === ArticleStatus.Scheduled ? article.version : null;
    const now = await databaseNow(em);
    article.scheduledFor = null;
    const event = publishArticle(em, article, { actor: em.getReference(User, user.id), now });
    const view = await this.committer.commit(em, article, event);
    if (pendingSlotVersion !== null) await this.pendingJobs.cancel(article.id, pendingSlotVersion);
    return view;
  }
}
