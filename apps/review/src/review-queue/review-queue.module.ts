import { Module } from '@nestjs/common';
import { ClaimExpiryService } from './claim-expiry.service';
import { EditorialReviewProcessor } from './editorial-review.processor';
import { QueueAnnouncer } from './queue-announcer.service';

@Module({ providers: [EditorialReviewProcessor, QueueAnnouncer, ClaimExpiryService] })
export class ReviewQueueModule {}
