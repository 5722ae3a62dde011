import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import type { DefaultJobOptions } from 'bullmq';
import { QueueName } from '@newsroom/contracts';
import { RedisKeyspace } from '@newsroom/redis';
import { DEFAULT_JOB_OPTIONS, EDGE_PURGE_JOB_OPTIONS, WEBHOOK_JOB_OPTIONS } from './job-options';
import { JobProducer } from './job-producer';
import { QueueConnections } from './queue-connections';
import { ViewCountingQueues } from './view-counting-queues';

const ALL_QUEUES = Object.values(QueueName);

/** Queues whose jobs retry for hours instead of DEFAULT_JOB_OPTIONS' minute or so. */
const QUEUE_JOB_OPTIONS: Partial<Record<QueueName, DefaultJobOptions>> = {
  [QueueName.WebhookDelivery]: WEBHOOK_JOB_OPTIONS,
  [QueueName.EdgePurge]: EDGE_PURGE_JOB_OPTIONS,
};

/**
 * BullMQ for an app: the Redis connection, each queue's (Cluster-safe)
 * prefix, default job options, and every queue registered so the app can
 * produce to any of them. Consumers add `@Processor(QueueName.X)` classes,
 * which Nest gives the queue's connection and prefix. View batches go
 * through ViewCountingQueues (one queue per view shard).
 */
@Module({})
export class QueueModule {
  static forRoot(): DynamicModule {
    const queues = BullModule.registerQueueAsync(
      ...ALL_QUEUES.map((name) => ({
        name,
        inject: [QueueConnections, RedisKeyspace],
        useFactory: (connections: QueueConnections, keyspace: RedisKeyspace) => ({
          connection: connections.forQueue(),
          // a hash tag per queue on a cluster, so the queues spread over the masters (RedisKeyspace)
          prefix: keyspace.queuePrefix(name),
          defaultJobOptions: QUEUE_JOB_OPTIONS[name] ?? DEFAULT_JOB_OPTIONS,
        }),
      })),
    );
    return {
      module: QueueModule,
      global: true,
      imports: [queues],
      providers: [QueueConnections, JobProducer, ViewCountingQueues],
      exports: [QueueConnections, JobProducer, ViewCountingQueues, queues],
    };
  }
}
