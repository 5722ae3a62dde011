import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { BaseConfig } from '@newsroom/config';
import { isWebhookEventType, JobName, PAYLOAD_SCHEMA_VERSION, TraceIds } from '@newsroom/contracts';
import { Enqueue, JobProducer } from '@newsroom/queue';
import { logSafeError, OutboxEvent, pgArray } from '@newsroom/database';
import { EventRouting, jobsForEvent, OutboxRecord } from './event-routes';

/**
 * Moves committed outbox events onto the queues. Whoever commits an event
 * calls `relay()` right after the commit (so nothing waits for a poll), and the
 * publisher sweeps periodically for events whose writer died before relaying.
 *
 * Rows are taken with FOR UPDATE SKIP LOCKED, so concurrent relays never
 * handle the same event; a crash between adding the jobs and marking the rows
 * relayed re-adds them later under the same job ids, which BullMQ ignores.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly routing: EventRouting;

  constructor(
    private readonly em: EntityManager,
    private readonly producer: JobProducer,
    config: BaseConfig,
  ) {
    // Decided here, not by the purge worker: without an edge no purge job is
    // ever written, so an unset URL costs no queue traffic at all.
    this.routing = { edgePurge: config.NEWSROOM_EDGE_PURGE_URL !== undefined };
  }

  /** Relays the given events (just committed), or up to `limit` pending ones. Returns how many were relayed. */
  async relay(eventIds?: string[], limit = 500): Promise<number> {
    if (eventIds && eventIds.length === 0) return 0;
    const em = this.em.fork();
    return em.transactional(async (tx) => {
      // tx.execute (not getConnection().execute) so the row locks are taken inside this transaction.
      const rows: { id: string; type: string; article_id: string | null; payload: OutboxRecord['payload']; occurred_at: Date }[] = eventIds
        ? await tx.execute(
            `select id, type, article_id, payload, occurred_at from outbox_events
              where relayed_at is null and id = any(?::uuid[]) order by occurred_at for update skip locked`,
            [pgArray(eventIds)],
          )
        : await tx.execute(
            `select id, type, article_id, payload, occurred_at from outbox_events
              where relayed_at is null order by occurred_at limit ? for update skip locked`,
            [limit],
          );
      if (rows.length === 0) return 0;
      const now = new Date();
      const events: OutboxRecord[] = rows.map((r) => ({ id: r.id, type: r.type, articleId: r.article_id, payload: r.payload, occurredAt: r.occurred_at }));
      // each job carries the trace of the request that committed its event, not the relay's (the sweep's) own
      const jobs = events.flatMap((e) => withTraceOf(e, jobsForEvent(e, now, this.routing)));
      jobs.push(...(await this.webhookJobs(tx, events)));
      await this.producer.enqueueMany(jobs);
      await tx.nativeUpdate(OutboxEvent, { id: { $in: events.map((e) => e.id) } }, { relayedAt: now });
      return events.length;
    });
  }

  /** Relays after a commit without failing the caller: the sweep picks up whatever this misses. */
  relayInBackground(events: { id: string }[]): void {
    if (events.length === 0) return;
    this.relay(events.map((e) => e.id)).catch((error: unknown) =>
      this.logger.warn(`outbox relay deferred to the sweep: ${logSafeError(error)}`),
    );
  }

  private async webhookJobs(tx: EntityManager, events: OutboxRecord[]): Promise<Enqueue[]> {
    const types = [...new Set(events.map((e) => e.type).filter(isWebhookEventType))];
    if (types.length === 0) return [];
    const hooks = await tx.execute<{ id: string; events: string[] }[]>(`select id, events from webhooks where active and events && ?::text[]`, [pgArray(types)]);
    const jobs: Enqueue[] = [];
    for (const event of events) {
      for (const hook of hooks.filter((h) => h.events.includes(event.type))) {
        jobs.push({
          name: JobName.DeliverWebhook,
          data: { schema: PAYLOAD_SCHEMA_VERSION, eventId: event.id, webhookId: hook.id, trace: traceOf(event) },
          opts: { jobId: `deliver-${event.id}-${hook.id}` },
        });
      }
    }
    return jobs;
  }
}

function traceOf(event: OutboxRecord): TraceIds | undefined {
  return (event.payload as { trace?: TraceIds }).trace;
}

function withTraceOf(event: OutboxRecord, jobs: Enqueue[]): Enqueue[] {
  const trace = traceOf(event);
  return trace ? jobs.map((job) => ({ ...job, data: { ...job.data, trace } })) : jobs;
}
