import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { ArticleView, EventType } from '@newsroom/contracts';
import { ArticleJournal, ReviewClaim, User } from '@newsroom/database';
import { ArticleAction, conflict, HistoryType, nextStatus } from '@newsroom/domain';
import { OutboxRelay } from '@newsroom/outbox';
import { ArticleAccess } from '../article-access/article-access.service';
import { assertNotAuthor } from '../article-access/four-eyes';
import { AuthUser } from '../auth/auth-user';
import { liveClaimHolder, lockArticleForReview } from './lock-article-for-review';

export enum ReviewDecision {
  Approve = 'approve',
  RequestChanges = 'request-changes',
  Reject = 'reject',
}

const DECISIONS: Record<ReviewDecision, { action: ArticleAction; history: HistoryType; event: EventType; verb: string }> = {
  [ReviewDecision.Approve]: { action: ArticleAction.Approve, history: HistoryType.Approved, event: EventType.ReviewApproved, verb: 'approve' },
  [ReviewDecision.RequestChanges]: { action: ArticleAction.RequestChanges, history: HistoryType.ChangesRequested, event: EventType.ReviewChangesRequested, verb: 'request changes on' },
  [ReviewDecision.Reject]: { action: ArticleAction.Reject, history: HistoryType.Rejected, event: EventType.ReviewRejected, verb: 'reject' },
};

/**
 * An editor's verdict on an article in review. Deciding needs no claim, but is
 * refused while another editor holds a live one. Of two editors deciding at
 * once, the second finds the version moved on (the row lock makes it wait for
 * the first; the optimistic lock on `version` would catch it regardless): 409.
 */
@Injectable()
export class ReviewDecisionsService {
  constructor(
    private readonly em: EntityManager,
    private readonly relay: OutboxRelay,
    private readonly access: ArticleAccess,
  ) {}

  async decide(decision: ReviewDecision, articleId: string, editor: AuthUser, input: { version: number; comment?: string }): Promise<ArticleView> {
    const rule = DECISIONS[decision];
    const { article, event } = await this.em.transactional(async (tx) => {
      // The checks run in the contract's order: 404, 403 (four-eyes), 409 (claim), 409 (version), 422 (state).
      const article = await lockArticleForReview(tx, articleId, 'update');
      assertNotAuthor(article, editor.id, rule.verb);
      const holder = await liveClaimHolder(tx, article.id);
      if (holder !== null && holder !== editor.id) throw conflict('REVIEW.CLAIMED', 'another editor is reviewing this article; wait until their claim ends');
      if (input.version !== article.version) {
        throw conflict('ARTICLE.STALE_VERSION', `the article is at version ${article.version}, not ${input.version}; reload it and review again`);
      }
      const from = article.status;
      article.status = nextStatus(from, rule.action);
      if (decision === ReviewDecision.Approve) {
        article.approvedVersion = input.version;
        article.approvedBy = tx.getReference(User, editor.id);
      }
      const journal = new ArticleJournal(tx);
      journal.history(article, { type: rule.history, actor: tx.getReference(User, editor.id), from, to: article.status, comment: input.comment?.trim() || null });
      const event = journal.announce(rule.event, article);
      // The article leaves the queue, so whatever lease is left on it goes too.
      await tx.nativeDelete(ReviewClaim, { articleId: article.id });
      await tx.flush();
      return { article, event };
    });
    this.relay.relayInBackground([event]);
    return this.access.present(article);
  }
}
