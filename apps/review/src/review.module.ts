import { Module } from '@nestjs/common';
import { NewsroomConfigModule } from '@newsroom/config';
import { DatabaseModule } from '@newsroom/database';
import { OutboxModule } from '@newsroom/outbox';
import { QueueModule } from '@newsroom/queue';
import { RedisModule } from '@newsroom/redis';
import { ReviewConfig } from './review.config';
import { ReviewQueueModule } from './review-queue/review-queue.module';
import { WebhooksModule } from './webhooks/webhooks.module';

/**
 * The editorial-review service: tells every gateway about queue changes, frees
 * claims that ran out, and delivers webhooks. Freeing a claim writes its
 * outbox event (review.claim_expired) in the same transaction, which the
 * outbox relays to the queue announcement like every other queue change.
 */
@Module({
  imports: [
    NewsroomConfigModule.forRoot(ReviewConfig),
    DatabaseModule.forRoot({ poolMax: 5 }),
    RedisModule,
    QueueModule.forRoot(),
    OutboxModule,
    ReviewQueueModule,
    WebhooksModule,
  ],
})
export class ReviewModule {}
