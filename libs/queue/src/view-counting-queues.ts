import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { CountViewsPayload, JobName, QueueName } from '@newsroom/contracts';
import { RedisClient, RedisConnection, ViewShard } from '@newsroom/redis';
import { viewsNotStored } from '@newsroom/view-counting';
import { Queue } from 'bullmq';
import { HIGH_VOLUME_JOB_OPTIONS } from './job-options';
import { connectionOf, QueueConnections } from './queue-connections';

export interface ViewShardQueue {
  shard: ViewShard;
  queue: Queue;
}

/**
 * The view-counting queue of each view shard (RedisKeyspace): a view batch
 * is split by the shard of each view's article, and each part goes to its
 * shard's queue, whose keys share a hash tag with the shard's counters. With
 * one shard on a single node that is the one view-counting queue Nest
 * registers, under the names of earlier versions.
 */
@Injectable()
export class ViewCountingQueues implements OnApplicationShutdown {
  private readonly logger = new Logger(ViewCountingQueues.name);
  /** index = shard index */
  readonly shards: readonly ViewShardQueue[];
  private readonly own: Queue[] = [];

  constructor(
    @InjectQueue(QueueName.ViewCounting) readonly registered: Queue,
    private readonly redis: RedisClient,
    connections: QueueConnections,
  ) {
    let shared: RedisConnection | undefined;
    this.shards = redis.keyspace.viewShards.map((shard) => {
      if (shard.queuePrefix === registered.opts.prefix) return { shard, queue: registered };
      shared ??= connections.open();
      const queue = new Queue(QueueName.ViewCounting, { connection: shared, prefix: shard.queuePrefix });
      this.own.push(queue);
      return { shard, queue };
    });
  }

  /**
   * Every queue view batches may wait in: the shards', and the one Nest
   * registers, where producers from before the shards put theirs (the views
   * service still takes them from there).
   */
  all(): Queue[] {
    return [...new Set([this.registered, ...this.shards.map((s) => s.queue)])];
  }

  /**
   * Queues a batch, one job per shard it touches. Resolves once every part
   * is in Redis (and, with NEWSROOM_REDIS_WAIT_REPLICAS, on that many
   * replicas of its master); rejects if any part is not, and the caller
   * refuses the batch. A part already queued is then counted, and a batch
   * sent again counts nothing twice: its views carry the same visitors, and
   * the views service counts a visitor's view of an article once per dedup
   * window. The rejection is a DomainError `unavailable` (503 with
   * Retry-After): Redis or a master's replicas did not answer in time, as in
   * the seconds a cluster takes to fail a master over.
   */
  async add(batch: CountViewsPayload, options: { priority?: number } = {}): Promise<void> {
    const added = await Promise.allSettled(
      [...this.redis.keyspace.splitByViewShard(batch.views)].map(async ([shard, views]) => {
        const { queue } = this.shards[shard.index];
        // the batch id doubles as the job id: adding the same part twice adds one job
        const batchId = this.shards.length === 1 ? batch.batchId : `${batch.batchId}-s${shard.index}`;
        await queue.add(JobName.CountViews, { ...batch, batchId, views }, { ...options, ...HIGH_VOLUME_JOB_OPTIONS, jobId: batchId });
        const acks = this.redis.replicaAcks;
        // the same connection that added the job (WAIT counts that connection's writes)
        if (acks.replicas > 0) await acks.confirm(await connectionOf(queue), queue.toKey('meta'));
      }),
    );
    const failed = added.find((a): a is PromiseRejectedResult => a.status === 'rejected');
    if (failed) {
      this.logger.warn(`view batch ${batch.batchId} refused: ${(failed.reason as Error)?.message ?? failed.reason}`);
      throw viewsNotStored();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.own.map((q) => q.close()));
  }
}
