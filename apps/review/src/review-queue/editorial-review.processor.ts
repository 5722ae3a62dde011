import { Processor } from '@nestjs/bullmq';
import { JobName, QueueName } from '@newsroom/contracts';
import { payloadOf, WORKER_OPTIONS, TracedWorkerHost } from '@newsroom/queue';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { ClaimExpiryService } from './claim-expiry.service';
import { QueueAnnouncer } from './queue-announcer.service';

/** Thin: reads the payload, calls the service, lets errors throw so BullMQ retries. */
@Processor(QueueName.EditorialReview, { ...WORKER_OPTIONS, concurrency: 10 })
export class EditorialReviewProcessor extends TracedWorkerHost {
  constructor(
    private readonly announcer: QueueAnnouncer,
    private readonly claims: ClaimExpiryService,
  ) {
    super();
  }

  async process(job: Job, token?: string): Promise<string> {
    switch (job.name) {
      case JobName.AnnounceQueueChange: {
        const { articleId, change } = payloadOf(job, JobName.AnnounceQueueChange);
        await this.announcer.announce(articleId, change);
        return change;
      }
      case JobName.ExpireClaim: {
        const outcome = await this.claims.expire(payloadOf(job, JobName.ExpireClaim));
        if (outcome.result === 'early') {
          // The job's delay was computed on another machine's clock; wait out the rest by database time.
          await job.moveToDelayed(Date.now() + outcome.remainingMs, token);
          throw new DelayedError();
        }
        return outcome.result;
      }
      default:
        throw new UnrecoverableError(`the editorial-review queue has no job called ${job.name}`);
    }
  }
}
