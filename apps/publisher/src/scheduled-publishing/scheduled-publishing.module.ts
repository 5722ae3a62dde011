import { Module } from '@nestjs/common';
import { LiveUpdatePublisher } from './live-update-publisher.service';
import { PublishingProcessor } from './publishing.processor';
import { RecurringPublishingJobs } from './recurring-publishing-jobs';
import { ScheduleReconciler } from './schedule-reconciler.service';
import { ScheduledPublisher } from './scheduled-publisher.service';

/** Delayed publish jobs, their guard, reconciliation with Postgres, and the outbox sweep. */
@Module({
  providers: [ScheduledPublisher, LiveUpdatePublisher, ScheduleReconciler, PublishingProcessor, RecurringPublishingJobs],
})
export class ScheduledPublishingModule {}
