import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import type { ConnectionOptions, DefaultJobOptions } from 'bullmq';
import { BaseConfig } from '@newsroom/config';
import { QueueName } from '@newsroom/contracts';
import { queuePrefix, redisOptionsFromUrl } from '@newsroom/redis';
import { DEFAULT_JOB_OPTIONS, EDGE_PURGE_JOB_OPTIONS, WEBHOOK_JOB_OPTIONS } from './job-options';
import { JobProducer } from './job-producer';

const ALL_QUEUES = Object.values(QueueName);

/** Queues whose jobs retry for hours instead of DEFAULT_JOB_OPTIONS' minute or so. */
const QUEUE_JOB_OPTIONS: Partial<Record<QueueName, DefaultJobOptions>> = {
  [QueueName.WebhookDelivery]: WEBHOOK_JOB_OPTIONS,
  [QueueName.EdgePurge]: EDGE_PURGE_JOB_OPTIONS,
};

/**
 * BullMQ for an app: the Redis connection, the deployment's (Cluster-safe)
 * prefix, default job options, and every queue registered so the app can
 * produce to any of them. Consumers add `@Processor(QueueName.X)` classes.
 */
@Module({})
export class QueueModule {
  static forRoot(): DynamicModule {
    const queues = BullModule.registerQueue(
      ...ALL_QUEUES.map((name) => ({
        name,
        defaultJobOptions: QUEUE_JOB_OPTIONS[name] ?? DEFAULT_JOB_OPTIONS,
      })),
    );
    return {
      module: QueueModule,
      global: true,
      imports: [
        BullModule.forRootAsync({
          inject: [BaseConfig],
          useFactory: (config: BaseConfig) => ({
            // bullmq's own options type is structurally the same as ioredis's
            connection: redisOptionsFromUrl(config.REDIS_URL) as ConnectionOptions,
            prefix: queuePrefix(config.NEWSROOM_REDIS_PREFIX),
            defaultJobOptions: DEFAULT_JOB_OPTIONS,
          }),
        }),
        queues,
      ],
      providers: [JobProducer],
      exports: [JobProducer, queues],
    };
  }
}
