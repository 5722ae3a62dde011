import { Processor } from '@nestjs/bullmq';
import { JobName, QueueName } from '@newsroom/contracts';
import { payloadOf, WORKER_OPTIONS, TracedWorkerHost } from '@newsroom/queue';
import { Job, UnrecoverableError } from 'bullmq';
import { ViewCounter } from '@newsroom/view-counting';
import { ViewUpkeepProcessor } from './view-upkeep.processor';

/**
 * The view-counting queue's one consumer: view batches. Every batch is safe to
 * run twice and beside another (each carries an id the counting script
 * checks), so it runs them in parallel. Flush ticks and article changes have
 * their own queue (view-upkeep); any left here by producers from before it
 * are run all the same.
 */
@Processor(QueueName.ViewCounting, { ...WORKER_OPTIONS, concurrency: 8 })
export class ViewCountingProcessor extends TracedWorkerHost {
  constructor(
    private readonly counter: ViewCounter,
    private readonly upkeep: ViewUpkeepProcessor,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JobName.CountViews:
        return this.counter.count(payloadOf(job, JobName.CountViews));
      case JobName.FlushViewCounts:
      case JobName.ArticleVisibilityChanged:
        return this.upkeep.process(job);
      default:
        throw new UnrecoverableError(`the views service does not handle ${job.name} jobs on ${QueueName.ViewCounting}`);
    }
  }
}
