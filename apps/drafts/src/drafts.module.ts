import { Module } from '@nestjs/common';
import { NewsroomConfigModule } from '@newsroom/config';
import { DatabaseModule } from '@newsroom/database';
import { QueueModule } from '@newsroom/queue';
import { RedisModule } from '@newsroom/redis';
import { DraftsConfig } from './drafts.config';
import { SubmissionModule } from './submission/submission.module';

/** The draft-submission service: checks and normalizes submitted drafts and hands them to review. */
@Module({
  imports: [
    NewsroomConfigModule.forRoot(DraftsConfig),
    DatabaseModule.forRoot({ poolMax: 5 }),
    RedisModule,
    QueueModule.forRoot(),
    SubmissionModule,
  ],
})
export class DraftsModule {}
