import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { JobName, QueueName } from '@newsroom/contracts';
import { logSafeError } from '@newsroom/database';
import { EdgePurgeError } from '@newsroom/edge-cache';
import { EDGE_PURGE_WORKER_SETTINGS, payloadOf, WORKER_OPTIONS, TracedWorkerHost } from '@newsroom/queue';
import { Job, UnrecoverableError } from 'bullmq';
import { EdgePurgeService } from './edge-purge.service';

/** Purges are one small HTTP request each: a few at once drain a burst of publishes quickly. */
const PURGE_CONCURRENCY = 4;
/** While the edge is down every purge fails once a minute: log the first failure and then every tenth. */
const LOG_EVERY_NTH_FAILURE = 10;

/** The one consumer of the edge-purge queue. Thin: read the payload, purge, let a failure throw so BullMQ retries. */
@Processor(QueueName.EdgePurge, { ...WORKER_OPTIONS, concurrency: PURGE_CONCURRENCY, settings: EDGE_PURGE_WORKER_SETTINGS })
export class EdgePurgeProcessor extends TracedWorkerHost {
  private readonly logger = new Logger(EdgePurgeProcessor.name);

  constructor(private readonly edge: EdgePurgeService) {
    super();
  }

  async process(job: Job): Promise<{ purged: number }> {
    if (job.name !== JobName.PurgeEdge) throw new UnrecoverableError(`the edge-purge queue does not handle ${job.name} jobs`);
    const payload = payloadOf(job, JobName.PurgeEdge);
    if (!this.edge.enabled) {
      // Routers with the setting and a publisher without it: a configuration
      // mistake that retrying cannot fix. Failed jobs show in /metrics.
      throw new UnrecoverableError('a purge job arrived but this publisher has no NEWSROOM_EDGE_PURGE_URL: give every app the same setting');
    }
    try {
      return await this.edge.purge(payload);
    } catch (error) {
      if (!(error instanceof EdgePurgeError)) {
        // a key the edge would misread (EdgePurgeClient refuses it before sending): never succeeds
        throw new UnrecoverableError(`purge for event ${payload.eventId} refused: ${logSafeError(error)}`);
      }
      const attempt = job.attemptsMade + 1;
      const attempts = job.opts.attempts ?? 1;
      if (attempt >= attempts) {
        this.logger.error(`edge purge for event ${payload.eventId} gave up after ${attempt} attempts: ${logSafeError(error)}`);
      } else if (attempt === 1 || attempt % LOG_EVERY_NTH_FAILURE === 0) {
        this.logger.warn(`edge purge for event ${payload.eventId} failed (attempt ${attempt} of ${attempts}), retrying: ${logSafeError(error)}`);
      }
      throw error;
    }
  }
}
