import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { JobName, QueueName } from '@newsroom/contracts';
import { logSafeError } from '@newsroom/database';
import { payloadOf, QueueConnections, ViewCountingQueues, WORKER_OPTIONS } from '@newsroom/queue';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { ViewCounter } from '@newsroom/view-counting';

/** Batches counted at once by one process, over all its shards (the registered queue's processor takes 8 likewise). */
const CONCURRENCY = 8;

/**
 * The consumers of the view shards' queues (ViewCountingQueues), one BullMQ
 * worker per shard. Their number comes from the settings at start-up, which
 * `@Processor` (one class per queue name) cannot express, so they are made
 * here; the queue Nest registers (one shard on a single node, and where
 * producers from before the shards left batches) keeps its processor,
 * ViewCountingProcessor. Every batch is safe to run twice and beside another
 * (ViewCounter), as there.
 */
@Injectable()
export class ViewShardWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ViewShardWorkers.name);
  private readonly workers: Worker[] = [];

  constructor(
    private readonly queues: ViewCountingQueues,
    private readonly connections: QueueConnections,
    private readonly counter: ViewCounter,
  ) {}

  onApplicationBootstrap(): void {
    const own = this.queues.shards.filter((s) => s.queue !== this.queues.registered);
    if (own.length === 0) return;
    // one connection for the workers' commands; each also opens its own for its blocking reads
    const connection = this.connections.open();
    const concurrency = Math.max(1, Math.ceil(CONCURRENCY / own.length));
    for (const { shard } of own) {
      const worker = new Worker(QueueName.ViewCounting, (job) => this.process(job), { ...WORKER_OPTIONS, connection, prefix: shard.queuePrefix, concurrency });
      worker.on('error', (error) => this.logger.warn(`view shard ${shard.index}: ${logSafeError(error)}`));
      this.workers.push(worker);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }

  private async process(job: Job): Promise<number> {
    if (job.name !== JobName.CountViews) throw new UnrecoverableError(`a view shard's queue holds only ${JobName.CountViews} jobs, not ${job.name}`);
    return this.counter.count(payloadOf(job, JobName.CountViews));
  }
}
