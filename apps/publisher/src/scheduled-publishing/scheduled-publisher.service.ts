import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { Article, databaseNow, OutboxEvent, publishArticle } from '@newsroom/database';
import { OutboxRelay } from '@newsroom/outbox';
import { ArticleState, decidePublish, PublishDecision, PublishTarget } from './publish-decision';

/**
 * How many due articles one transaction publishes. A burst of slots in the same
 * second then goes out in a hundred commits instead of ten thousand; small
 * enough that a batch's row locks are held for well under a second.
 */
export const PUBLISH_BATCH = 100;

interface StateRow {
  status: string;
  version: number;
  scheduled_for: Date | null;
  embargo_until: Date | null;
  now: Date;
}

/**
 * Makes scheduled articles go live, if they still should. Every article passes
 * the guard (decidePublish) and the shared publish step (publishArticle, which
 * enforces the embargo again) inside a transaction that holds its row lock, so
 * a job, a reconciliation run and another replica never publish one twice.
 * Safe to call any number of times, from any replica, for the same slot.
 */
@Injectable()
export class ScheduledPublisher {
  private readonly logger = new Logger(ScheduledPublisher.name);

  constructor(
    private readonly em: EntityManager,
    private readonly relay: OutboxRelay,
  ) {}

  /**
   * A publish job's slot: checked on one cheap read (most jobs of a burst find
   * their article already live and stop here); when due, published together
   * with whatever else is due right now.
   */
  async publish(target: PublishTarget): Promise<PublishDecision> {
    const em = this.em.fork();
    const [row] = await em.getConnection().execute<StateRow[]>(
      `select status, version, scheduled_for, embargo_until, now() as now from articles where id = ?`,
      [target.articleId],
    );
    const article: ArticleState | null = row
      ? { status: row.status, version: row.version, scheduledFor: row.scheduled_for && new Date(row.scheduled_for), embargoUntil: row.embargo_until && new Date(row.embargo_until) }
      : null;
    const decision = decidePublish(article, target, row ? new Date(row.now) : new Date());
    if (decision.action === 'skip') {
      this.logger.debug(`not publishing ${target.articleId} v${target.version}: ${decision.reason}`);
      return decision;
    }
    if (decision.action === 'wait') return decision;
    const published = await this.publishDue(target.articleId);
    // Not in this batch: another transaction holds its row and publishes it (or, failing, retries).
    return published.includes(target.articleId) ? decision : { action: 'skip', reason: 'another publisher is publishing it' };
  }

  /**
   * Publishes up to PUBLISH_BATCH due articles (`first` among them if it is
   * still due) in one transaction, and returns their ids. Rows another
   * transaction holds are skipped, not waited for: that one is publishing them.
   */
  async publishDue(first?: string): Promise<string[]> {
    const { ids, events, latenessMs } = await this.em.fork().transactional(async (tx) => {
      const due = await tx.execute<{ id: string }[]>(
        `select id from articles
          where status = 'scheduled' and scheduled_for <= now() and (embargo_until is null or embargo_until <= now())
          order by id = ? desc, scheduled_for limit ? for update skip locked`,
        [first ?? null, PUBLISH_BATCH],
      );
      if (due.length === 0) return { ids: [], events: [], latenessMs: 0 };
      const now = await databaseNow(tx);
      const articles = await tx.find(Article, { id: { $in: due.map((d) => d.id) } }, { populate: ['rubric', 'author'] });
      const published: Article[] = [];
      const events: OutboxEvent[] = [];
      for (const article of articles) {
        const slot = { articleId: article.id, version: article.version, scheduledFor: article.scheduledFor?.toISOString() ?? '' };
        if (decidePublish(article, slot, now).action !== 'publish') continue;
        events.push(publishArticle(tx, article, { actor: null, now }));
        published.push(article);
      }
      // committed by transactional(); the held row locks make the optimistic lock a formality here
      const latenessMs = Math.max(0, ...published.map((a) => now.getTime() - a.scheduledFor!.getTime()));
      return { ids: published.map((a) => a.id), events, latenessMs };
    });
    if (ids.length === 0) return ids;
    this.logger.log(`published ${ids.length} scheduled article(s), the latest ${latenessMs} ms after its slot`);
    this.logger.debug(`published ${ids.join(', ')}`);
    // Awaited rather than in the background, so a graceful shutdown waits for it; the sweep covers a failure.
    await this.relay.relay(events.map((e) => e.id)).catch((error: unknown) => this.logger.warn(`outbox relay deferred to the sweep: ${(error as Error).message}`));
    return ids;
  }
}
