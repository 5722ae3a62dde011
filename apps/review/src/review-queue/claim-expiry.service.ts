import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { ExpireClaimPayload } from '@newsroom/contracts';
import { Article, ArticleJournal } from '@newsroom/database';
import { HistoryType } from '@newsroom/domain';
import { QueueAnnouncer } from './queue-announcer.service';

/** `expired`: freed now; `gone`: the lease was released, extended or taken over meanwhile; `early`: not due yet by database time. */
export type ClaimExpiryOutcome = { result: 'expired' } | { result: 'gone' } | { result: 'early'; remainingMs: number };

/**
 * Frees a claim whose time is up. Liveness is judged by database time and the
 * lease is matched exactly (editor and expiry), so a claim extended or taken
 * over since the job was scheduled is left alone, and a repeated job finds
 * nothing to do.
 */
@Injectable()
export class ClaimExpiryService {
  constructor(
    private readonly em: EntityManager,
    private readonly announcer: QueueAnnouncer,
  ) {}

  async expire(payload: ExpireClaimPayload): Promise<ClaimExpiryOutcome> {
    const lease = [payload.articleId, payload.editorId, payload.expiresAt];
    const outcome = await this.em.fork().transactional(async (tx): Promise<ClaimExpiryOutcome> => {
      const deleted = await tx.execute<{ article_id: string }[]>(
        `delete from review_claims where article_id = ? and editor_id = ? and expires_at = ?::timestamptz and expires_at <= now() returning article_id`,
        lease,
      );
      if (deleted.length === 0) {
        const [pending] = await tx.execute<{ remaining_ms: string }[]>(
          `select ceil(extract(epoch from (expires_at - now())) * 1000) as remaining_ms
             from review_claims where article_id = ? and editor_id = ? and expires_at = ?::timestamptz`,
          lease,
        );
        return pending ? { result: 'early', remainingMs: Math.max(1, Number(pending.remaining_ms)) } : { result: 'gone' };
      }
      const article = await tx.findOne(Article, { id: payload.articleId });
      if (article) {
        new ArticleJournal(tx).history(article, {
          type: HistoryType.Released,
          actor: null,
          from: article.status,
          to: article.status,
          version: article.version,
          comment: 'claim expired',
        });
        await tx.flush();
      }
      return { result: 'expired' };
    });
    // Straight to the gateways rather than through the outbox: there is no domain event for it, and a lost
    // announcement costs only a stale line on a screen until the next change (the queue itself is in Postgres).
    if (outcome.result === 'expired') await this.announcer.announce(payload.articleId, 'expired');
    return outcome;
  }
}
