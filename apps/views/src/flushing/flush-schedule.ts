import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { JobName, PAYLOAD_SCHEMA_VERSION, QueueName } from '@newsroom/contracts';
import { HIGH_VOLUME_JOB_OPTIONS, JobProducer } from '@newsroom/queue';
import { logSafeError } from '@newsroom/database';
import { ViewsConfig } from '../views.config';

/** Stored in Redis: every replica upserts the same scheduler, so there is one, never renamed. */
export const FLUSH_SCHEDULER_ID = 'flush-view-counts';
/** Stored in Redis like the flush scheduler's id. */
export const PRUNE_SCHEDULER_ID = 'prune-view-flushes';
/** Old flush ids go in small batches: once every few minutes is plenty at one flush a second. */
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * The flush tick and the pruning of old flush ids: BullMQ job schedulers (one
 * for all replicas, surviving restarts), never a timer in one process. Both
 * run on the view-upkeep queue, so a backlog of view batches on view-counting
 * cannot hold a flush back: a counted view reaches Postgres within a tick.
 */
@Injectable()
export class FlushSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FlushSchedule.name);
  /** when this process looks for the scheduler next (epoch ms); a throttle only, see ensureScheduled */
  private nextCheckAt = 0;
  private watch?: NodeJS.Timeout;

  constructor(
    private readonly producer: JobProducer,
    @Inject(ViewsConfig) private readonly config: ViewsConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.upsert();
    // Before view-upkeep the tick lived on view-counting, behind the batches; that scheduler must not tick on.
    await this.producer.queue(QueueName.ViewCounting).removeJobScheduler(FLUSH_SCHEDULER_ID);
    // A look once a flush interval brings the tick back after Redis lost its data. Only the look is timed here;
    // the tick itself stays one scheduler for all replicas.
    this.watch = setInterval(() => this.ensureScheduled(), this.config.NEWSROOM_VIEW_FLUSH_MS);
    this.watch.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.watch);
  }

  /**
   * A Redis that lost its data lost the schedulers too, and nothing would flush
   * again: a watch calls this once a flush interval (readers' views, counted by
   * the site, bring no job here to notice it by), so the tick (and with it the
   * rebuilds of the index and ranking) is back within a second or two of the loss.
   * At most one look per flush interval and process, in the background: a look
   * per batch was a third of the Redis round trips a batch cost the service.
   */
  ensureScheduled(now = Date.now()): void {
    if (now < this.nextCheckAt) return;
    this.nextCheckAt = now + this.config.NEWSROOM_VIEW_FLUSH_MS;
    this.restoreIfLost().catch((error: unknown) => {
      this.nextCheckAt = 0;
      this.logger.warn(`could not check the flush scheduler: ${logSafeError(error)}`);
    });
  }

  private async restoreIfLost(): Promise<void> {
    const scheduler = await this.upkeep().getJobScheduler(FLUSH_SCHEDULER_ID);
    if (!scheduler) await this.upsert();
  }

  private async upsert(): Promise<void> {
    const schema = PAYLOAD_SCHEMA_VERSION;
    await this.upkeep().upsertJobScheduler(
      FLUSH_SCHEDULER_ID,
      { every: this.config.NEWSROOM_VIEW_FLUSH_MS },
      { name: JobName.FlushViewCounts, data: { schema }, opts: HIGH_VOLUME_JOB_OPTIONS },
    );
    await this.upkeep().upsertJobScheduler(
      PRUNE_SCHEDULER_ID,
      { every: PRUNE_EVERY_MS },
      { name: JobName.PruneViewFlushes, data: { schema }, opts: HIGH_VOLUME_JOB_OPTIONS },
    );
  }

  private upkeep() {
    return this.producer.queue(QueueName.ViewUpkeep);
  }
}
