import { Injectable, Logger } from '@nestjs/common';
import { QueueName } from '@newsroom/contracts';
import { publishJobId } from '@newsroom/outbox';
import { JobProducer } from '@newsroom/queue';
import { logSafeError } from '@newsroom/database';

/**
 * The delayed publish job of a schedule that no longer holds (rescheduled,
 * unscheduled, published by hand). Removing it is tidiness, not safety: the
 * publisher's guard turns a stale job into a no-op, so failures are only logged.
 */
@Injectable()
export class PendingPublishJobs {
  private readonly logger = new Logger(PendingPublishJobs.name);

  constructor(private readonly producer: JobProducer) {}

  async cancel(articleId: string, version: number): Promise<void> {
    const jobId = publishJobId(articleId, version);
    try {
      await this.producer.queue(QueueName.Publishing).remove(jobId);
    } catch (error) {
      this.logger.debug(`left ${jobId} to the publisher's guard: ${logSafeError(error)}`);
    }
  }
}
