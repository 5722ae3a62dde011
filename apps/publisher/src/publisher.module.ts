import { Module } from '@nestjs/common';
import { NewsroomConfigModule } from '@newsroom/config';
import { DatabaseModule } from '@newsroom/database';
import { OutboxModule } from '@newsroom/outbox';
import { QueueModule } from '@newsroom/queue';
import { RedisModule } from '@newsroom/redis';
import { EdgePurgeModule } from './edge-purge/edge-purge.module';
import { PublisherConfig } from './publisher.config';
import { PUBLISH_CONCURRENCY } from './scheduled-publishing/publishing.processor';
import { ScheduledPublishingModule } from './scheduled-publishing/scheduled-publishing.module';

@Module({
  imports: [
    NewsroomConfigModule.forRoot(PublisherConfig),
    // every concurrent publish holds a connection for its transaction, and reconciliation one more
    DatabaseModule.forRoot({ poolMax: PUBLISH_CONCURRENCY + 2 }),
    RedisModule,
    QueueModule.forRoot(),
    OutboxModule,
    ScheduledPublishingModule,
    EdgePurgeModule,
  ],
})
export class PublisherModule {}
