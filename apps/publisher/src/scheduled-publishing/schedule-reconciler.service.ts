import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { QueueName } from '@newsroom/contracts';
import { databaseNow } from '@newsroom/database';
import { publishJob, publishJobId } from '@newsroom/outbox';
import { JobProducer } from '@newsroom/queue';
import type { JobType } from 'bullmq';
import { LiveUpdatePublisher } from './live-update-publisher.service';
import { ScheduledPublisher } from './scheduled-publisher.service';

interface ScheduledRow {
  id: string;
  version: number;
  scheduled_for: Date;
}

export interface ReconcileReport {
  published: number;
  recreated: number;
}

/** Scheduled articles are read in pages of this many. */
const PAGE = 1000;
/** Queue states in which a publish job will still run. */
const PENDING_STATES: JobType[] = ['active', 'wait', 'prioritized', 'delayed'];

/**
 * Postgres is the truth about what is scheduled; the queue is only the alarm
 * clock. This brings the two back together (every few seconds, and once at
 * start-up): due articles (and revisions of live articles) are published now by the same guarded batches as the
 * jobs, and every other scheduled one whose delayed job is missing (Redis lost
 * its data, a relay never happened) gets it back. Running it twice, or on two
 * replicas at once, publishes nothing twice.
 */
@Injectable()
export class ScheduleReconciler {
  private readonly logger = new Logger(ScheduleReconciler.name);

  constructor(
    private readonly em: EntityManager,
    private readonly publisher: ScheduledPublisher,
    private readonly producer: JobProducer,
    private readonly liveUpdates: LiveUpdatePublisher,
  ) {}

  async reconcile(): Promise<ReconcileReport> {
    const report: ReconcileReport = { published: 0, recreated: 0 };
    // First whatever is due, by the same guarded batches as the jobs (rows they hold are skipped).
    report.published = (await this.publisher.drain()).length;
    // and the revisions of live articles that fell due (the page below recreates their jobs like any slot's)
    report.published += (await this.liveUpdates.applyDue()).length;
    // Every article still scheduled now waits for its slot or its embargo: its job must be pending.
    const em = this.em.fork();
    const now = await databaseNow(em);
    let pendingJobIds: Set<string> | undefined;
    let afterId: string | undefined;
    for (;;) {
      const rows = await this.page(em, afterId);
      if (rows.length === 0) break;
      afterId = rows[rows.length - 1].id;
      // One atomic read of every pending job id (a Lua script), not a getJob per article.
      pendingJobIds ??= new Set(await this.producer.queue(QueueName.Publishing).getRanges(PENDING_STATES, 0, -1));
      const missing = rows
        .map((r) => ({ articleId: r.id, version: r.version, scheduledFor: new Date(r.scheduled_for).toISOString() }))
        .filter((s) => !pendingJobIds!.has(publishJobId(s.articleId, s.version)));
      // An id that still exists as completed would make BullMQ ignore the add. That cannot hold up an
      // article: a job completes only once its slot is published or no longer holds, and whatever is
      // due is published above, whatever its job did.
      if (missing.length) {
        await this.producer.enqueueMany(missing.map((s) => publishJob({ id: s.articleId, version: s.version, scheduledFor: s.scheduledFor }, now)));
      }
      report.recreated += missing.length;
      if (rows.length < PAGE) break;
    }
    if (report.published || report.recreated) {
      this.logger.log(`reconciled the schedule: published ${report.published} due article(s), recreated ${report.recreated} missing publish job(s)`);
    }
    return report;
  }

  /** Keyset pages by id: stable however many articles are scheduled, and immune to ties in time. */
  private page(em: EntityManager, afterId: string | undefined): Promise<ScheduledRow[]> {
    return em.getConnection().execute<ScheduledRow[]>(
      `select id, version, scheduled_for from articles
        where status = 'scheduled' and scheduled_for is not null ${afterId ? 'and id > ?' : ''}
        order by id limit ?`,
      afterId ? [afterId, PAGE] : [PAGE],
    );
  }
}
