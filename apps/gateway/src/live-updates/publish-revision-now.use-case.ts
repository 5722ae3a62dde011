import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ArticleView } from '@newsroom/contracts';
import { applyLiveUpdate, baseOf, databaseNow, User } from '@newsroom/database';
import { ArticleStatus } from '@newsroom/domain';
import { ArticleChangeCommitter } from '../article-access/article-change-committer';
import { AuthUser } from '../auth/auth-user';
import { ExpectedVersionDto } from '../publishing/dto/expected-version.dto';
import { expectVersion } from '../publishing/expected-version';
import { PendingPublishJobs } from '../publishing/pending-publish-jobs';
import { LiveRevisions } from './live-revisions';

/**
 * Makes an approved (or scheduled) revision the live content now, through the
 * step the publisher uses at a slot. Answers with the live article as readers
 * now see it; their caches are told before the answer (ArticleChangeCommitter).
 */
@Injectable()
export class PublishRevisionNow {
  constructor(
    private readonly em: EntityManager,
    private readonly revisions: LiveRevisions,
    private readonly committer: ArticleChangeCommitter,
    private readonly pendingJobs: PendingPublishJobs,
  ) {}

  async execute(id: string, revisionId: string, dto: ExpectedVersionDto, user: AuthUser): Promise<ArticleView> {
    const em = this.em.fork();
    // both rows locked before they are read (LiveRevisions.findLocked): of this and a discard, an edit or the
    // publisher at the slot, exactly one wins, and the loser sees what the winner did (404, 409 or 422)
    const { live, revision, event, pendingSlotVersion } = await em.transactional(async (tx) => {
      const { live, revision } = await this.revisions.findLocked(id, revisionId, user, tx);
      expectVersion(revision, dto.version);
      const pendingSlotVersion = revision.status === ArticleStatus.Scheduled ? revision.version : null;
      // `scheduledFor` means a slot that was asked for and honoured: one pre-empted is cleared
      revision.scheduledFor = null;
      const event = applyLiveUpdate(tx, revision, live, { base: await baseOf(tx, revision), actor: tx.getReference(User, user.id), now: await databaseNow(tx) });
      await tx.flush();
      return { live, revision, event, pendingSlotVersion };
    });
    const view = await this.committer.committed(em, live, event);
    if (pendingSlotVersion !== null) await this.pendingJobs.cancel(revision.id, pendingSlotVersion);
    return view;
  }
}
