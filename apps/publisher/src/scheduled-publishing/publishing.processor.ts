import { Processor } from '@nestjs/bullmq';
import { BeforeApplicationShutdown } from '@nestjs/common';
import { JobName, QueueName } from '@newsroom/contracts';
import { OutboxRelay } from '@newsroom/outbox';
import { payloadOf, WORKER_OPTIONS, TracedWorkerHost } from '@newsroom/queue';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { ScheduledPublisher } from './scheduled-publisher.service';
import { ScheduleReconciler } from './schedule-reconciler.service';

/** Publishes are short transactions; ten at once lets a burst of same-minute slots go out together. */
export const PUBLISH_CONCURRENCY = 10;

/** The one consumer of the publishing queue. Thin: read the payload, call the service, let errors throw. */
@Processor(QueueName.Publishing, { ...WORKER_OPTIONS, concurrency: PUBLISH_CONCURRENCY })
export class PublishingProcessor extends TracedWorkerHost implements BeforeApplicationShutdown {
  constructor(
    private readonly publisher: ScheduledPublisher,
    private readonly reconciler: ScheduleReconciler,
    private readonly relay: OutboxRelay,
  ) {
    super();
  }

  async process(job: Job, token?: string): Promise<unknown> {
    switch (job.name) {
      case JobName.PublishArticle: {
        const outcome = await this.publisher.publish(payloadOf(job, JobName.PublishArticle));
        if (outcome.action === 'wait') {
          // Too early by the database's clock (a skewed producer) or under embargo: the same job,
          // same id, goes back to sleep for the remainder, so reconciliation still sees it pending.
          await job.moveToDelayed(Date.now() + outcome.waitMs, token);
          throw new DelayedError();
        }
        return outcome;
      }
      case JobName.ReconcileSchedule:
        payloadOf(job, JobName.ReconcileSchedule);
        return this.reconciler.reconcile();
      case JobName.RelayOutbox:
        payloadOf(job, JobName.RelayOutbox);
        return { relayed: await this.relay.relay() };
      default:
        throw new UnrecoverableError(`the publisher does not handle ${job.name} jobs`);
    }
  }

  /**
   * Closing the worker waits for the jobs in flight, each ending after the
   * batch it is publishing (whatever else is due stays for the next start's
   * reconciliation or for another replica). Done here, before any
   * module's shutdown hook, because the database and Redis connections those
   * jobs need are closed in shutdown hooks whose order Nest does not promise.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.publisher.stopDraining();
    await this.worker.close();
  }
}
