import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { EventType, ExpireClaimPayload } from '@newsroom/contracts';
import { Article, ArticleJournal, OutboxEvent } from '@newsroom/database';
import { HistoryType } from '@newsroom/domain';
import { OutboxRelay } from '@newsroom/outbox';

/** `expired`: freed now; `gone`: the lease was released, extended or taken over meanwhile; `early`: not due yet by database time. */
export type ClaimExpiryOutcome = { result: 'expired' } | { result: 'gone' } | { result: 'early'; remainingMs: number };

/**
 * Frees a claim whose time is up. Liveness is judged by database time and the
 * lease is matched exactly (editor and expiry), so a claim extended or taken
 * over since the job was scheduled is left alone, and a repeated job finds
 * nothing to do. The editors' screens hear of it through the outbox: the
 * event commits with the release, so a crash right after the commit still
 * announces it (the publisher's sweep relays what was not relayed).
 */
@Injectable()
export class ClaimExpiryService {
  constructor(
    private readonly em: EntityManager,
    private readonly relay: OutboxRelay,
  ) {}

  async expire(payload: ExpireClaimPayload): Promise<ClaimExpiryOutcome> {
    const lease = [payload.articleId, payload.editorId, payload.expiresAt];
    let announcement: OutboxEvent | undefined;
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
        const journal = new ArticleJournal(tx);
        journal.history(article, {
          type: HistoryType.Released,
          actor: null,
          from: article.status,
          to: article.status,
          version: article.version,
          comment: 'claim expired',
        });
        announcement = journal.announceUnchanged(EventType.ReviewClaimExpired, article);
        await tx.flush();
      }
      return { result: 'expired' };
    });
    if (announcement) this.relay.relayInBackground([announcement]);
    return outcome;
  }
}
