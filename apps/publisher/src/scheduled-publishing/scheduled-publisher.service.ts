import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { Article, PublicationBatch } from '@newsroom/database';
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
  /** Set on shutdown: a job that is draining a burst stops after its current batch. */
  private draining = true;

  constructor(
    private readonly em: EntityManager,
    private readonly relay: OutboxRelay,
  ) {}

  /**
   * A publish job's slot: checked on one cheap read (most jobs of a burst find
   * their article already live and stop here); when due, published together
   * with whatever else is due right now, batch after batch until nothing is.
   *
   * Draining in the first jobs of a burst, instead of one batch per job, keeps
   * the thousands of jobs whose articles those batches published from queuing
   * in front of the articles still waiting: they run once everything is live.
   * Every worker slot (and every replica) that picks up a due job drains
   * alongside the others; SKIP LOCKED hands each batch to exactly one of them.
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
    for (let batch = published; batch.length === PUBLISH_BATCH && this.draining; ) batch = await this.publishDue();
    // Not in this batch: another transaction holds its row and publishes it (or, failing, retries).
    return published.includes(target.articleId) ? decision : { action: 'skip', reason: 'another publisher is publishing it' };
  }

  /** Lets the jobs in flight finish their current batch and stop there (graceful shutdown). */
  stopDraining(): void {
    this.draining = false;
  }

  /**
   * Publishes up to PUBLISH_BATCH due articles (`first` among them if it is
   * still due) in one transaction, and returns their ids. Rows another
   * transaction holds are skipped, not waited for: that one is publishing them.
   */
  async publishDue(first?: string): Promise<string[]> {
    const { ids, events, latenessMs } = await this.em.fork().transactional(async (tx) => {
      // now(): the transaction's start by the database clock, the moment every article of the batch goes live
      const due = await tx.execute<{ id: string; now: Date }[]>(
        `select id, now() as now from articles
          where status = 'scheduled' and scheduled_for <= now() and (embargo_until is null or embargo_until <= now())
          order by id = ? desc, scheduled_for limit ? for update skip locked`,
        [first ?? null, PUBLISH_BATCH],
      );
      if (due.length === 0) return { ids: [], events: [], latenessMs: 0 };
      const now = new Date(due[0].now);
      // unmanaged: the batch writes their rows itself (see PublicationBatch)
      const articles = await tx.find(Article, { id: { $in: due.map((d) => d.id) } }, { populate: ['rubric', 'author'], disableIdentityMap: true });
      const batch = new PublicationBatch(tx);
      for (const article of articles) {
        const slot = { articleId: article.id, version: article.version, scheduledFor: article.scheduledFor?.toISOString() ?? '' };
        if (decidePublish(article, slot, now).action === 'publish') batch.publish(article, now);
      }
      await batch.write();
      const latenessMs = Math.max(0, ...batch.articles.map((a) => now.getTime() - a.scheduledFor!.getTime()));
      return { ids: batch.articles.map((a) => a.id), events: batch.outboxEvents, latenessMs };
    });
    if (ids.length === 0) return ids;
    this.logger.log(`published ${ids.length} scheduled article(s), the latest ${latenessMs} ms after its slot`);
    this.logger.debug(`published ${ids.join(', ')}`);
    // Awaited rather than in the background, so a graceful shutdown waits for it; the sweep covers a failure.
    await this.relay.relay(events.map((e) => e.id)).catch((error: unknown) => this.logger.warn(`outbox relay deferred to the sweep: ${(error as Error).message}`));
    return ids;
  }
}
