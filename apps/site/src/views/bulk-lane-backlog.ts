import { Inject, Injectable, Logger } from '@nestjs/common';
import { ViewCountingQueues } from '@newsroom/queue';
import { logSafeError } from '@newsroom/database';
import { SiteConfig } from '../site.config';
import { viewCountingBacklog } from '@newsroom/operations';

/** How often a gateway looks at the bulk lane's backlog: a read per second, whatever the request rate. */
const LOOK_EVERY_MS = 1000;
/** Retry-After bounds: soon enough for a collector to catch up, far enough apart not to hammer a busy queue. */
const RETRY_AFTER_SECONDS = { min: 5, max: 60 };

/**
 * Load shedding for the bulk lane (large POST /views/batch requests from a
 * collector catching up). Those batches wait behind readers' views, so while
 * the views service is behind they pile up in Redis, which holds them in
 * memory. Once the oldest has waited longer than
 * NEWSROOM_VIEW_BULK_BACKLOG_MAX_SECONDS, more of them are refused with 503
 * and Retry-After, and nothing of the refused request is counted: the
 * collector sends it again later instead of Redis filling up. Readers' own
 * beacons (the prompt lane) are never refused for it.
 *
 * The age is read from the queue at most once a second per gateway, in the
 * background (a request never waits for it), so replicas agree within that
 * second: this decides when to push back, never what is counted.
 */
@Injectable()
export class BulkLaneBacklog {
  private readonly logger = new Logger(BulkLaneBacklog.name);
  /** the bulk lane's oldest wait at the last look, in seconds */
  private behindSeconds = 0;
  private nextLookAt = 0;

  constructor(
    private readonly queues: ViewCountingQueues,
    @Inject(SiteConfig) private readonly config: SiteConfig,
  ) {}

  /** Seconds a bulk request should wait before it is sent again, or 0 when it is welcome now. */
  retryAfterSeconds(now = Date.now()): number {
    if (now >= this.nextLookAt) this.look(now);
    const over = this.behindSeconds - this.config.NEWSROOM_VIEW_BULK_BACKLOG_MAX_SECONDS;
    return over > 0 ? Math.min(RETRY_AFTER_SECONDS.max, Math.max(RETRY_AFTER_SECONDS.min, Math.ceil(over))) : 0;
  }

  private look(now: number): void {
    this.nextLookAt = now + LOOK_EVERY_MS;
    viewCountingBacklog(this.queues.all()).then(
      (backlog) => (this.behindSeconds = backlog.bulk),
      // no answer from the queue: accept as before; queuing the batch itself will say whether Redis is there
      (error: unknown) => this.logger.warn(`could not read the view-counting backlog: ${logSafeError(error)}`),
    );
  }
}
