import { Processor } from '@nestjs/bullmq';
import { JobName, QueueName } from '@newsroom/contracts';
import { payloadOf, WORKER_OPTIONS, TracedWorkerHost } from '@newsroom/queue';
import { Job, UnrecoverableError } from 'bullmq';
import { FlushPruning } from './flushing/flush-pruning';
import { ViewFlusher } from './flushing/view-flusher.service';
import { RubricChanges } from './popular/rubric-changes';
import { PublishedArticleIndex } from './published-index/published-article-index.service';
import { SiteContentAnnouncer } from './site-content/site-content-announcer';
import { TrendingRefresh } from './trending/trending-refresh';

/**
 * The view-upkeep queue's one consumer: the flush tick, article changes, the
 * "Naik Daun" refresh and the pruning of old flush ids. A queue and worker of their own, so that none
 * of them waits behind a backlog of view batches on view-counting. Every job
 * is safe to run twice and beside another replica's: the flush takes a lock
 * and is keyed by flush ids, an article change re-reads the article from
 * Postgres and only notes it for the next flush, pruning skips rows another
 * replica holds.
 */
@Processor(QueueName.ViewUpkeep, { ...WORKER_OPTIONS, concurrency: 2 })
export class ViewUpkeepProcessor extends TracedWorkerHost {
  constructor(
    private readonly flusher: ViewFlusher,
    private readonly index: PublishedArticleIndex,
    private readonly rubricChanges: RubricChanges,
    private readonly pruning: FlushPruning,
    private readonly siteContent: SiteContentAnnouncer,
    private readonly trending: TrendingRefresh,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JobName.FlushViewCounts:
        payloadOf(job, JobName.FlushViewCounts);
        // The flush tick also notices a Redis that lost the published-article index.
        await this.index.rebuildIfMissing();
        return this.flusher.flush();
      case JobName.ArticleVisibilityChanged: {
        const { articleId } = payloadOf(job, JobName.ArticleVisibilityChanged);
        await this.index.refresh(articleId);
        // after the index, so a replica that re-renders at once also counts views of what it shows
        await this.siteContent.articleChanged(articleId);
        // a correction may have moved it to another rubric; the next flush moves its counts along
        return this.rubricChanges.note(articleId);
      }
      case JobName.RefreshTrending:
        payloadOf(job, JobName.RefreshTrending);
        return this.trending.refresh();
      case JobName.PruneViewFlushes:
        payloadOf(job, JobName.PruneViewFlushes);
        return this.pruning.prune();
      default:
        throw new UnrecoverableError(`the views service does not handle ${job.name} jobs on ${QueueName.ViewUpkeep}`);
    }
  }
}
