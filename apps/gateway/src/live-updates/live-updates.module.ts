import { Module } from '@nestjs/common';
import { PublishingModule } from '../publishing/publishing.module';
import { CreateRevision } from './create-revision.use-case';
import { DiscardRevision } from './discard-revision.use-case';
import { LiveRevisions } from './live-revisions';
import { LiveRevisionsQuery } from './live-revisions.query';
import { LiveUpdatesController } from './live-updates.controller';
import { PublishRevisionNow } from './publish-revision-now.use-case';
import { ScheduleRevision } from './schedule-revision.use-case';

/** Scheduled updates of live articles: pending revisions beside the live content, made live at a slot or now, or discarded. */
@Module({
  imports: [PublishingModule],
  controllers: [LiveUpdatesController],
  providers: [LiveRevisions, LiveRevisionsQuery, CreateRevision, ScheduleRevision, PublishRevisionNow, DiscardRevision],
})
export class LiveUpdatesModule {}
