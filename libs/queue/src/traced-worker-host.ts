import { WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { TraceIds } from '@newsroom/contracts';
import { runWithTrace, traceFromIds } from '@newsroom/telemetry';
import { DelayedError, Job } from 'bullmq';

/**
 * A processor whose every job runs in the trace it was handed (the request id
 * and traceparent in its data, and its article id), so each line it logs,
 * each job it adds and each webhook it sends carries them on. The wrapping is
 * done on the instance, around the subclass's own `process`, which is what
 * @nestjs/bullmq's worker calls. Each job ends in one line (its name, attempt
 * and duration), as each HTTP request does.
 */
export abstract class TracedWorkerHost extends WorkerHost {
  private readonly jobLogger = new Logger(this.constructor.name);

  constructor() {
    super();
    const process = this.process.bind(this);
    this.process = (job: Job, token?: string) => {
      const data = (job.data ?? {}) as { trace?: TraceIds; articleId?: unknown };
      const articleId = typeof data.articleId === 'string' ? data.articleId : undefined;
      return runWithTrace(traceFromIds(data.trace, { articleId, jobId: job.id }), async () => {
        const started = performance.now();
        const done = (outcome: string) => `${job.name} ${outcome} in ${Math.round(performance.now() - started)} ms (attempt ${job.attemptsMade + 1})`;
        try {
          const result: unknown = await process(job, token);
          this.jobLogger.log(done('done'));
          return result;
        } catch (error) {
          // a job moved to later on purpose (DelayedError) has not failed
          if (error instanceof DelayedError) this.jobLogger.log(done('moved to later'));
          else this.jobLogger.warn(done(`failed: ${(error as Error).name}`));
          throw error;
        }
      });
    };
  }
}
