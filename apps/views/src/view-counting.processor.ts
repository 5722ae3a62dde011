import { Processor, WorkerHost } from '@nestjs/bullmq';
import { JobName, QueueName } from '@newsroom/contracts';
import { payloadOf, WORKER_OPTIONS } from '@newsroom/queue';
import { Job, UnrecoverableError } from 'bullmq';
import { ViewCounter } from './counting/view-counter.service';
import { FlushSchedule } from './flushing/flush-schedule';
import { ViewFlusher } from './flushing/view-flusher.service';
import { PublishedArticleIndex } from './published-index/published-article-index.service';

/**
 * The view-counting queue's one consumer. Every job here is safe to run twice
 * and beside another of its kind (batches carry ids, flushes are keyed in
 * Postgres, index entries are re-read from Postgres), so it runs them in parallel.
 */
@Processor(QueueName.ViewCounting, { ...WORKER_OPTIONS, concurrency: 8 })
export class ViewCountingProcessor extends WorkerHost {
  constructor(
    private readonly counter: ViewCounter,
    private readonly flusher: ViewFlusher,
    private readonly index: PublishedArticleIndex,
    private readonly schedule: FlushSchedule,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JobName.CountViews:
        await this.schedule.ensureScheduled();
        return this.counter.count(payloadOf(job, JobName.CountViews));
      case JobName.FlushViewCounts:
        payloadOf(job, JobName.FlushViewCounts);
        // The flush tick also notices a Redis that lost the published-article index.
        await this.index.rebuildIfMissing();
        return this.flusher.flush();
      case JobName.ArticleVisibilityChanged:
        return this.index.refresh(payloadOf(job, JobName.ArticleVisibilityChanged).articleId);
      default:
        throw new UnrecoverableError(`the views service does not handle ${job.name} jobs`);
    }
  }
}
