import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { EventType } from '@newsroom/contracts';
import { Article, ArticleJournal, loadReviewQueueItem, OutboxEvent, ReviewQueueItem, User } from '@newsroom/database';
import { ArticleStatus, conflict, HistoryType, unprocessable } from '@newsroom/domain';
import { OutboxRelay } from '@newsroom/outbox';
import { assertNotAuthor } from '../article-access/four-eyes';
import { AuthUser } from '../auth/auth-user';
import { GatewayConfig } from '../gateway.config';
import { liveClaimHolder, lockArticleForReview } from './lock-article-for-review';

/**
 * Takes a lease, or extends the caller's own, in one statement: the conflict
 * branch only overwrites a lease that has run out (database time) or is the
 * caller's, so of two editors claiming at once exactly one gets a row back.
 * The expiry is cut to milliseconds because the expiry job carries it as an
 * ISO string (millisecond precision) and matches the lease by equality.
 */
const UPSERT_CLAIM = `
  insert into review_claims (article_id, editor_id, claimed_at, expires_at)
  values (?, ?, now(), date_trunc('milliseconds', now() + ?::int * interval '1 second'))
  on conflict (article_id) do update
     set editor_id = excluded.editor_id, claimed_at = now(), expires_at = excluded.expires_at
   where review_claims.expires_at <= now() or review_claims.editor_id = excluded.editor_id
  returning editor_id, expires_at`;

/** Editors' leases on queue items. A claim never changes the article's version. */
@Injectable()
export class ReviewClaimsService {
  constructor(
    private readonly em: EntityManager,
    private readonly relay: OutboxRelay,
    private readonly config: GatewayConfig,
  ) {}

  async claim(articleId: string, editor: AuthUser): Promise<ReviewQueueItem> {
    const { item, event } = await this.em.transactional(async (tx) => {
      const article = await lockArticleForReview(tx, articleId, 'share');
      assertNotAuthor(article, editor.id, 'claim');
      assertInReview(article);
      const [lease] = await tx.execute<{ editor_id: string; expires_at: Date }[]>(UPSERT_CLAIM, [article.id, editor.id, this.config.NEWSROOM_CLAIM_TTL_SECONDS]);
      if (!lease) throw conflict('REVIEW.CLAIMED', 'another editor is reviewing this article; try again when their claim ends');
      const expiresAt = new Date(lease.expires_at).toISOString();
      const journal = new ArticleJournal(tx);
      journal.history(article, { type: HistoryType.Claimed, actor: tx.getReference(User, editor.id), from: article.status, to: article.status, version: article.version, data: { expiresAt } });
      // The event route turns the claim into the delayed job that frees it at expiresAt.
      const event = journal.announceUnchanged(EventType.ReviewClaimed, article, { claim: { editorId: editor.id, expiresAt } });
      await tx.flush();
      return { item: await loadReviewQueueItem(tx, article.id), event };
    });
    this.relay.relayInBackground([event]);
    return item as ReviewQueueItem;
  }

  /** Frees the caller's live claim; nothing to free is a no-op, someone else's live claim a 409. */
  async release(articleId: string, editor: AuthUser): Promise<ReviewQueueItem> {
    const { item, event } = await this.em.transactional(async (tx) => {
      const article = await lockArticleForReview(tx, articleId, 'share');
      assertInReview(article);
      const holder = await liveClaimHolder(tx, article.id);
      let event: OutboxEvent | null = null;
      if (holder !== null && holder !== editor.id) throw conflict('REVIEW.CLAIMED', 'the claim on this article belongs to another editor');
      if (holder === editor.id) {
        // Conditional on the lease still being live and the caller's, in case it ran out meanwhile.
        const deleted = await tx.execute<{ article_id: string }[]>(
          `delete from review_claims where article_id = ? and editor_id = ? and expires_at > now() returning article_id`,
          [article.id, editor.id],
        );
        if (deleted.length) {
          const journal = new ArticleJournal(tx);
          journal.history(article, { type: HistoryType.Released, actor: tx.getReference(User, editor.id), from: article.status, to: article.status, version: article.version });
          event = journal.announceUnchanged(EventType.ReviewReleased, article);
          await tx.flush();
        }
      }
      return { item: await loadReviewQueueItem(tx, article.id), event };
    });
    if (event) this.relay.relayInBackground([event]);
    return item as ReviewQueueItem;
  }
}

function assertInReview(article: Article): void {
  if (article.status !== ArticleStatus.InReview) {
    throw unprocessable('REVIEW.NOT_IN_REVIEW', `only an article in review can be claimed or released; this one is ${article.status}`);
  }
}
