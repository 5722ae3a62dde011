import { OnApplicationBootstrap } from '@nestjs/common';
import { Processor } from '@nestjs/bullmq';
import { JobName, QueueName } from '@newsroom/contracts';
import { payloadOf, WORKER_OPTIONS, TracedWorkerHost } from '@newsroom/queue';
import { Job, UnrecoverableError } from 'bullmq';
import { DraftsConfig } from '../drafts.config';
import { SubmissionCheckService, SubmissionOutcome } from './submission-check.service';

/** Thin: reads the payload and lets the service decide; errors throw so BullMQ retries. */
@Processor(QueueName.DraftSubmission, { ...WORKER_OPTIONS })
export class SubmissionCheckProcessor extends TracedWorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly checks: SubmissionCheckService,
    private readonly config: DraftsConfig,
  ) {
    super();
  }

  // The decorator's options are fixed at compile time; the configured concurrency is applied once the worker exists.
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.NEWSROOM_DRAFTS_CONCURRENCY;
  }

  async process(job: Job): Promise<SubmissionOutcome> {
    switch (job.name) {
      case JobName.CheckSubmission:
        return this.checks.check(payloadOf(job, JobName.CheckSubmission));
      default:
        throw new UnrecoverableError(`the draft-submission queue has no job called ${job.name}`);
    }
  }
}
