import { Module } from '@nestjs/common';
import { CorrectArticleUseCase } from './correct-article.use-case';
import { PendingPublishJobs } from './pending-publish-jobs';
import { PublishNowUseCase } from './publish-now.use-case';
import { PublishingController } from './publishing.controller';
import { ScheduleArticleUseCase } from './schedule-article.use-case';
import { ScheduleCalendarController } from './schedule-calendar.controller';
import { ScheduleCalendarQuery } from './schedule-calendar.query';
import { UnpublishArticleUseCase } from './unpublish-article.use-case';
import { UnscheduleArticleUseCase } from './unschedule-article.use-case';

/** The scheduler's and editor's desk: schedule, publish, unpublish, correct, and the calendar. */
@Module({
  controllers: [PublishingController, ScheduleCalendarController],
  providers: [
    PendingPublishJobs,
    ScheduleArticleUseCase,
    UnscheduleArticleUseCase,
    PublishNowUseCase,
    UnpublishArticleUseCase,
    CorrectArticleUseCase,
    ScheduleCalendarQuery,
  ],
  // revisions of live articles are scheduled the same way (live-updates)
  exports: [PendingPublishJobs],
})
export class PublishingModule {}
