import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JobName, PAYLOAD_SCHEMA_VERSION, QueueName } from '@newsroom/contracts';
import { JobProducer } from '@newsroom/queue';
import type { JobSchedulerTemplateOptions } from 'bullmq';
import { logSafeError } from '@newsroom/database';
import { PublisherConfig } from '../publisher.config';
import { ScheduleReconciler } from './schedule-reconciler.service';

/** Scheduler ids are stored in Redis: never rename them. */
export const RECONCILE_SCHEDULER_ID = 'reconcile-schedule';
export const RELAY_OUTBOX_SCHEDULER_ID = 'relay-outbox';

/** Recurring housekeeping: the next run comes in seconds, so a failed one is not retried and few are kept. */
const HOUSEKEEPING_JOB: JobSchedulerTemplateOptions = { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } };

/**
 * Registers the publisher's recurring jobs (every replica upserts the same
 * schedulers, which is idempotent) and reconciles once at start-up, so that
 * whatever fell due while no publisher was running goes live now rather than
 * at the next tick.
 */
@Injectable()
export class RecurringPublishingJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger(RecurringPublishingJobs.name);

  constructor(
    private readonly producer: JobProducer,
    private readonly reconciler: ScheduleReconciler,
    private readonly config: PublisherConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const queue = this.producer.queue(QueueName.Publishing);
    const data = { schema: PAYLOAD_SCHEMA_VERSION };
    await queue.upsertJobScheduler(
      RECONCILE_SCHEDULER_ID,
      { every: this.config.PUBLISHER_RECONCILE_EVERY_MS },
      { name: JobName.ReconcileSchedule, data, opts: HOUSEKEEPING_JOB },
    );
    await queue.upsertJobScheduler(
      RELAY_OUTBOX_SCHEDULER_ID,
      { every: this.config.PUBLISHER_OUTBOX_SWEEP_EVERY_MS },
      { name: JobName.RelayOutbox, data, opts: HOUSEKEEPING_JOB },
    );
    try {
      await this.reconciler.reconcile();
    } catch (error) {
      // Not fatal: the recurring reconciliation retries within seconds.
      this.logger.warn(`start-up reconciliation failed, leaving it to the next run: ${logSafeError(error)}`);
    }
  }
}
