import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { EventType } from '@newsroom/contracts';
import { ArticleJournal, OutboxEvent, PreviewLink, ReviewClaim, User } from '@newsroom/database';
import { ArticleAction, ArticleStatus, conflict, forbidden, HistoryType, nextStatus, PENDING_REVISION_STATUSES, Role } from '@newsroom/domain';
import { ArticleChangeCommitter } from '../article-access/article-change-committer';
import { isAuthorOf } from '../article-access/four-eyes';
import { AuthUser, hasRole } from '../auth/auth-user';
import { PendingPublishJobs } from '../publishing/pending-publish-jobs';
import { LiveRevisions } from './live-revisions';

/**
 * Drops a pending revision of a live article, in whatever state it is on its
 * way (draft to scheduled): an author of it or an editor changes their mind.
 * Four-eyes has no say: discarding one's own update publishes nothing.
 *
 * The row is marked `discarded`, not deleted, so its history (and the review
 * figures it took part in) stays true; from then on the staff API answers 404
 * for it and lists it nowhere. The partial unique index
 * `articles_one_pending_revision` no longer counts it, so the article takes a
 * new revision at once. The live article is untouched: its history line keeps
 * its version, as `update_unscheduled` does.
 *
 * One transaction writes the status, both history lines, the claim's removal
 * and the preview links' revocation, with the live article's and the
 * revision's rows locked before they are read (LiveRevisions.findLocked, the
 * order the publisher and publish-now take them in), and the revision's
 * update conditional on its version besides: a publish (now, or the
 * publisher at its slot) that got there first is seen, and this answers 409
 * changing nothing; one that comes after finds the revision gone (404) or no
 * longer `scheduled` at its job's version (the publisher's guard), so exactly
 * one of them wins.
 */
@Injectable()
export class DiscardRevision {
  constructor(
    private readonly em: EntityManager,
    private readonly revisions: LiveRevisions,
    private readonly committer: ArticleChangeCommitter,
    private readonly pendingJobs: PendingPublishJobs,
  ) {}

  async execute(id: string, revisionId: string, user: AuthUser): Promise<void> {
    const em = this.em.fork();
    const { revision, events, slot } = await em.transactional(async (tx) => {
      // unknown, someone else's, under another live article, or already discarded: 404
      const { live, revision } = await this.revisions.findLocked(id, revisionId, user, tx);
      if (!isAuthorOf(revision, user.id) && !hasRole(user, Role.Editor)) {
        throw forbidden('REVISION.FORBIDDEN', 'only an author of the revision or an editor may discard it');
      }
      const from = revision.status;
      if (!PENDING_REVISION_STATUSES.includes(from)) {
        throw conflict('REVISION.NOT_PENDING', `the revision is ${from}, no longer on its way: there is nothing to discard`);
      }
      const slot = from === ArticleStatus.Scheduled ? { version: revision.version, at: revision.scheduledFor } : null;
      revision.status = nextStatus(from, ArticleAction.DiscardRevision);
      // the calendar reads scheduled_for: a discarded revision holds no slot
      revision.scheduledFor = null;

      const actor = tx.getReference(User, user.id);
      const journal = new ArticleJournal(tx);
      const data = { revisionId: revision.id, status: from, ...(slot?.at ? { scheduledFor: slot.at.toISOString() } : {}) };
      journal.history(revision, { type: HistoryType.Discarded, actor, from, to: revision.status, data });
      journal.history(live, { type: HistoryType.UpdateDiscarded, actor, from: live.status, to: live.status, version: live.version, data });
      // the review queue (and its stream) lets go of a revision being reviewed, as when it is cancelled
      const events: OutboxEvent[] = from === ArticleStatus.InReview ? [journal.announce(EventType.ReviewWithdrawn, revision)] : [];
      await tx.nativeDelete(ReviewClaim, { articleId: revision.id });
      // a preview of an update that will never run stops working on every replica with this commit
      const now = new Date();
      for (const link of await tx.find(PreviewLink, { article: revision.id, revokedAt: null })) link.revokedAt = now;
      await tx.flush();
      return { revision, events, slot };
    });
    await this.committer.committed(em, revision, events);
    // tidiness only: the publisher's guard already turns the stale job into a no-op
    if (slot) await this.pendingJobs.cancel(revision.id, slot.version);
  }
}
