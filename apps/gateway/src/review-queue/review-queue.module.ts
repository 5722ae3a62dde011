import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ReviewClaimsService } from './review-claims.service';
import { ReviewDecisionsService } from './review-decisions.service';
import { ReviewQueueController } from './review-queue.controller';
import { ReviewQueueFeed } from './review-queue-feed.service';
import { ReviewQueueStreamController } from './review-queue-stream.controller';

/** The editors' desk: the queue, claims, decisions, and the live stream of queue changes. */
@Module({
  imports: [AuthModule],
  controllers: [ReviewQueueStreamController, ReviewQueueController],
  providers: [ReviewClaimsService, ReviewDecisionsService, ReviewQueueFeed],
})
export class ReviewQueueModule {}
