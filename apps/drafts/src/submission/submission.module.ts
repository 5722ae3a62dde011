import { Module } from '@nestjs/common';
import { OutboxModule } from '@newsroom/outbox';
import { SubmissionCheckProcessor } from './submission-check.processor';
import { SubmissionCheckService } from './submission-check.service';

@Module({ imports: [OutboxModule], providers: [SubmissionCheckProcessor, SubmissionCheckService] })
export class SubmissionModule {}
