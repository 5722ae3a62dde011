import { Module } from '@nestjs/common';
import { NewsroomConfigModule } from '@newsroom/config';
import { DatabaseModule } from '@newsroom/database';
import { QueueModule } from '@newsroom/queue';
import { RedisModule } from '@newsroom/redis';
import { ReviewConfig } from './review.config';
import { ReviewQueueModule } from './review-queue/review-queue.module';
import { WebhooksModule } from './webhooks/webhooks.module';

/**
 * The editorial-review service: tells every gateway about queue changes, frees
 * claims that ran out, and delivers webhooks. It writes no outbox events of its
 * own (an expired claim is announced directly), so it needs no OutboxModule.
 */
@Module({
  imports: [
    NewsroomConfigModule.forRoot(ReviewConfig),
    DatabaseModule.forRoot({ poolMax: 5 }),
    RedisModule,
    QueueModule.forRoot(),
    ReviewQueueModule,
    WebhooksModule,
  ],
})
export class ReviewModule {}
