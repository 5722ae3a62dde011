import { WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { TraceIds } from '@newsroom/contracts';
import { runWithTrace, startHopSpan, traceFromIds } from '@newsroom/telemetry';
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
      // exported when NEWSROOM_OTEL_ENDPOINT is set: a child of the span that enqueued the job
      const span = startHopSpan('consumer', data.trace?.traceparent);
      const trace = traceFromIds(data.trace, { articleId, jobId: job.id }, span?.traceparent);
      return runWithTrace(trace, async () => {
        const started = performance.now();
        const done = (outcome: string) => `${job.name} ${outcome} in ${Math.round(performance.now() - started)} ms (attempt ${job.attemptsMade + 1})`;
        const endSpan = (outcome: string, failed: boolean) =>
          span?.end(
            `${job.queueName} ${job.name}`,
            {
              'messaging.system': 'bullmq',
              'messaging.operation.type': 'process',
              'messaging.destination.name': job.queueName,
              'messaging.message.id': job.id,
              'newsroom.job.attempt': job.attemptsMade + 1,
              'newsroom.job.outcome': outcome,
              'newsroom.request_id': trace.requestId,
              'newsroom.article_id': trace.articleId,
            },
            failed,
          );
        try {
          const result: unknown = await process(job, token);
          this.jobLogger.log(done('done'));
          endSpan('done', false);
          return result;
        } catch (error) {
          // a job moved to later on purpose (DelayedError) has not failed
          if (error instanceof DelayedError) this.jobLogger.log(done('moved to later'));
          else this.jobLogger.warn(done(`failed: ${(error as Error).name}`));
          endSpan(error instanceof DelayedError ? 'moved to later' : 'failed', !(error instanceof DelayedError));
          throw error;
        }
      });
    };
  }
}
