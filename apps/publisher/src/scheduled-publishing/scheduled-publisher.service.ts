import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { Article, logSafeError, OutboxEvent, PublicationBatch } from '@newsroom/database';
import { OutboxRelay } from '@newsroom/outbox';
import { LiveUpdatePublisher } from './live-update-publisher.service';
import { ArticleState, decidePublish, PublishDecision, PublishTarget } from './publish-decision';

/**
 * How many due articles one transaction publishes. A burst of 10,000 slots in
 * the same second then goes out in twenty commits instead of ten thousand, in
 * two rounds of one publisher's ten workers, or one round of two publishers'.
 * The rows of a batch stay locked for a few hundred milliseconds at most
 * under load; an editor's change to one of them waits that long, then finds
 * it published. (Measured: 100 and 250 drained the burst 20-40% slower.)
 */
export const PUBLISH_BATCH = 500;

/** How often, and how long apart, a draining worker looks again while other workers hold the due rows. */
const DRAIN_WAITS = 50;
const DRAIN_WAIT_MS = 20;

/** Due by the database clock, embargo lifted; a revision of a live article goes live its own way (LiveUpdatePublisher). */
const DUE = `status = 'scheduled' and revision_of_id is null and scheduled_for <= now() and (embargo_until is null or embargo_until <= now())`;

interface StateRow {
  status: string;
  version: number;
  scheduled_for: Date | null;
  embargo_until: Date | null;
  revision_of_id: string | null;
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
    private readonly liveUpdates: LiveUpdatePublisher,
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
      `select status, version, scheduled_for, embargo_until, revision_of_id, now() as now from articles where id = ?`,
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
    if (row.revision_of_id) {
      const applied = await this.liveUpdates.apply(target.articleId, row.revision_of_id);
      return applied ? decision : { action: 'skip', reason: 'another publisher is applying it' };
    }
    const published = await this.drain(target.articleId);
    // Not in this batch: another transaction holds its row and publishes it (or, failing, retries).
    return published.includes(target.articleId) ? decision : { action: 'skip', reason: 'another publisher is publishing it' };
  }

  /**
   * Locks up to PUBLISH_BATCH due articles, `first` among them if it is still
   * due, skipping rows other transactions hold. `now()` is the transaction's
   * start by the database clock: the moment every article of the batch goes live.
   *
   * The plan matters in a burst: walking the scheduled index in slot order and
   * stopping at the batch costs a fraction of a millisecond, while sorting all
   * due rows first (what the planner picks on statistics that a bulk schedule
   * left stale, and what ordering by `id = first` forces) costs tens of
   * milliseconds of Postgres for every batch of a burst.
   * Hence `first` on its own and no sort allowed in this transaction.
   */
  private async lockDue(tx: EntityManager, first: string | undefined): Promise<{ id: string; now: Date }[]> {
    await tx.execute(`set local enable_sort = off`);
    const own = first
      ? await tx.execute<{ id: string; now: Date }[]>(`select id, now() as now from articles where id = ? and ${DUE} for update skip locked`, [first])
      : [];
    const rest = await tx.execute<{ id: string; now: Date }[]>(
      `select id, now() as now from articles where ${DUE} and id is distinct from ? order by scheduled_for limit ? for update skip locked`,
      [first ?? null, PUBLISH_BATCH - own.length],
    );
    return [...own, ...rest];
  }

  /** Lets the jobs in flight finish their current batch and stop there (graceful shutdown). */
  stopDraining(): void {
    this.draining = false;
  }

  /**
   * Publishes what is due, batch after batch until nothing is (or the
   * publisher is shutting down), `first` in the first batch if it is still
   * due, and returns the ids it published.
   *
   * The batches' events are relayed once nothing more is due: relaying costs
   * several times what publishing does (a queue job per event) and puts
   * nothing live, so doing it between batches would make the articles still
   * waiting wait for it. It happens before this returns, so a graceful
   * shutdown, which waits for the job, waits for it too; the outbox sweep
   * covers a relay that fails.
   */
  async drain(first?: string): Promise<string[]> {
    const published: string[] = [];
    const relays: (readonly OutboxEvent[])[] = [];
    for (let next = first, waits = 0; this.draining; next = undefined) {
      const { ids, events } = await this.publishBatch(next);
      published.push(...ids);
      if (events.length) relays.push(events);
      if (ids.length > 0) {
        waits = 0;
        continue;
      }
      // Nothing free to take. Other workers may still hold due rows, and their transactions can fail:
      // staying until nothing is due keeps this worker's share of the burst (and its CPU) on going live,
      // ahead of relays and of the jobs whose articles are live already. Bounded, for a row held elsewhere.
      if (waits++ >= DRAIN_WAITS || !(await this.anythingDue())) break;
      await sleep(DRAIN_WAIT_MS);
    }
    for (const events of relays) await this.relayCommitted(events);
    return published;
  }

  private async anythingDue(): Promise<boolean> {
    const [row] = await this.em.getConnection().execute<{ due: boolean }[]>(`select exists(select 1 from articles where ${DUE}) as due`);
    return row.due;
  }

  /**
   * Publishes up to PUBLISH_BATCH due articles (`first` among them if it is
   * still due) in one transaction. Rows another transaction holds are
   * skipped, not waited for: that one is publishing them.
   */
  private async publishBatch(first: string | undefined): Promise<{ ids: string[]; events: readonly OutboxEvent[] }> {
    const { ids, events, latenessMs } = await this.em.fork().transactional(async (tx) => {
      const due = await this.lockDue(tx, first);
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
    if (ids.length > 0) {
      this.logger.log(`published ${ids.length} scheduled article(s), the latest ${latenessMs} ms after its slot`);
      this.logger.debug(`published ${ids.join(', ')}`);
    }
    return { ids, events };
  }

  private async relayCommitted(events: readonly OutboxEvent[]): Promise<void> {
    await this.relay.relay(events.map((e) => e.id)).catch((error: unknown) => this.logger.warn(`outbox relay deferred to the sweep: ${logSafeError(error)}`));
  }
}
