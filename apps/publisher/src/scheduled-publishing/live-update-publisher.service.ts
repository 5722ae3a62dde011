import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { applyLiveUpdate, Article, baseOf, cancelRevision, logSafeError, OutboxEvent } from '@newsroom/database';
import { OutboxRelay } from '@newsroom/outbox';
import { decidePublish } from './publish-decision';

/** Due revisions looked at per run; live updates come one or a few at a time, not in bursts. */
const DUE_PAGE = 100;

/** A scheduled revision of a live article whose slot (and embargo, if any) has come, by the database clock. */
const DUE_REVISION = `status = 'scheduled' and revision_of_id is not null and scheduled_for <= now() and (embargo_until is null or embargo_until <= now())`;

/**
 * Makes scheduled revisions of live articles go live, with the guarantees of
 * scheduled publishing: each in a transaction that holds both rows (the live
 * article first, then the revision, skipping one another transaction holds),
 * rechecked by the same guard as an article's slot, so a job, a reconciliation
 * run and another replica never apply one twice. A revision whose article was
 * taken down meanwhile is cancelled instead.
 */
@Injectable()
export class LiveUpdatePublisher {
  private readonly logger = new Logger(LiveUpdatePublisher.name);

  constructor(
    private readonly em: EntityManager,
    private readonly relay: OutboxRelay,
  ) {}

  /**
   * A revision's publish job: applies that revision if it is still due and
   * nobody else is applying it. Unlike articles, revisions do not come in
   * bursts, so a job does its own and leaves the rest to theirs.
   */
  async apply(revisionId: string, liveId: string): Promise<boolean> {
    const outcome = await this.applyOne(revisionId, liveId);
    if (outcome) await this.relayCommitted(outcome.events);
    return outcome?.applied ?? false;
  }

  /** Every due revision (reconciliation: what fell due while no job ran), and the ids of those that went live here. */
  async applyDue(): Promise<string[]> {
    const rows = await this.em.getConnection().execute<{ id: string; revision_of_id: string }[]>(
      `select id, revision_of_id from articles where ${DUE_REVISION} order by scheduled_for limit ?`,
      [DUE_PAGE],
    );
    const applied: string[] = [];
    const events: OutboxEvent[] = [];
    for (const row of rows) {
      const outcome = await this.applyOne(row.id, row.revision_of_id);
      if (outcome?.applied) applied.push(row.id);
      if (outcome) events.push(...outcome.events);
    }
    await this.relayCommitted(events);
    return applied;
  }

  private async relayCommitted(events: OutboxEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.relay.relay(events.map((e) => e.id)).catch((error: unknown) => this.logger.warn(`outbox relay deferred to the sweep: ${logSafeError(error)}`));
  }

  private async applyOne(revisionId: string, liveId: string): Promise<{ applied: boolean; events: OutboxEvent[] } | null> {
    const outcome = await this.em.fork().transactional(async (tx) => {
      // the live article first, as the gateway's unpublish does, so the two never wait on each other in opposite orders
      const live = await tx.findOne(Article, { id: liveId }, { populate: ['rubric', 'author'], lockMode: LockMode.PESSIMISTIC_WRITE });
      const [locked] = await tx.execute<{ id: string; now: Date }[]>(`select id, now() as now from articles where id = ? and ${DUE_REVISION} for update skip locked`, [revisionId]);
      if (!live || !locked) return null;
      const now = new Date(locked.now);
      const revision = await tx.findOneOrFail(Article, { id: revisionId }, { populate: ['rubric', 'author'] });
      const slot = { articleId: revision.id, version: revision.version, scheduledFor: revision.scheduledFor?.toISOString() ?? '' };
      if (decidePublish(revision, slot, now).action !== 'publish') return null;
      if (live.status !== 'published') {
        return { applied: false, events: cancelRevision(tx, revision, null, `the article is ${live.status}`) };
      }
      const event = applyLiveUpdate(tx, revision, live, { base: await baseOf(tx, revision), actor: null, now });
      return { applied: true, events: [event], latenessMs: now.getTime() - (revision.scheduledFor?.getTime() ?? now.getTime()) };
    });
    if (outcome?.applied) this.logger.log(`revision ${revisionId} of ${liveId} went live${'latenessMs' in outcome ? ` ${outcome.latenessMs} ms after its slot` : ''}`);
    return outcome;
  }
}
