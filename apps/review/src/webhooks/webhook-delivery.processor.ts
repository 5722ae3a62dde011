import { OnApplicationBootstrap } from '@nestjs/common';
import { Processor } from '@nestjs/bullmq';
import { JobName, QueueName } from '@newsroom/contracts';
import { payloadOf, WORKER_OPTIONS, TracedWorkerHost } from '@newsroom/queue';
import { Job, UnrecoverableError } from 'bullmq';
import { ReviewConfig } from '../review.config';
import { DeliveryOutcome, WebhookDeliveryService, WebhookTargetRefused } from './webhook-delivery.service';

/** Thin: reads the payload, numbers the attempt, lets a failed attempt throw so BullMQ retries it. */
@Processor(QueueName.WebhookDelivery, WORKER_OPTIONS)
export class WebhookDeliveryProcessor extends TracedWorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly deliveries: WebhookDeliveryService,
    private readonly config: ReviewConfig,
  ) {
    super();
  }

  // Decorator options are fixed at compile time; the configured concurrency applies once the worker exists.
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.NEWSROOM_WEBHOOK_CONCURRENCY;
  }

  async process(job: Job): Promise<DeliveryOutcome> {
    switch (job.name) {
      case JobName.DeliverWebhook:
        return this.deliveries.deliver(payloadOf(job, JobName.DeliverWebhook), job.attemptsMade + 1).catch((error: unknown) => {
          // An internal target stays internal: retrying for hours would only knock on the same door.
          throw error instanceof WebhookTargetRefused ? new UnrecoverableError(error.message) : error;
        });
      default:
        throw new UnrecoverableError(`the webhook-delivery queue has no job called ${job.name}`);
    }
  }
}
