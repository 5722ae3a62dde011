import { Injectable } from '@nestjs/common';
import { ViewCountingQueues } from '@newsroom/queue';
import { RedisClient } from '@newsroom/redis';
import { unflushedViews } from './unflushed-views';
import { viewCountingBacklog } from './view-counting-backlog';

/** Readers' views show within this long of the beacon (API.md); a prompt batch older than that breaks it. */
export const COUNTS_PROMISE_SECONDS = 2;

export interface LaneBacklog {
  /** view batches accepted (each answered 202) and not yet counted */
  batches: number;
  /** how long the oldest of them has waited */
  oldestWaitSeconds: number;
}

export interface FlushBacklog {
  /** counted views (article-and-hour counters) waiting to be moved to Postgres, where readers see them */
  counters: number;
  /** seconds since the views service last flushed (null: none on record) */
  sinceLastFlushSeconds: number | null;
}

export interface ViewCountingHealth {
  /** `behind`: readers' views wait longer than the 2 s promise (the views service is down or needs replicas) */
  status: 'up' | 'behind';
  /** readers' views, counted by the site as they arrive, waiting for the flush that shows them */
  flush: FlushBacklog;
  /** readers' batches queued to be counted (by versions that queued them; today's sites count them at once) */
  promptLane: LaneBacklog;
  /** collectors' large batches, counted when no readers' batch waits (and refused with 503 once too far behind) */
  bulkLane: LaneBacklog;
  shards: number;
}

/**
 * The view-counting backlog on /health: what has been accepted and not yet
 * shown, and its age: counted views waiting for the flush, and batches
 * waiting to be counted, per lane. Nothing in it is lost (it waits in Redis);
 * a growing age is counts showing late.
 */
@Injectable()
export class ViewCountingHealthIndicator {
  constructor(
    private readonly queues: ViewCountingQueues,
    private readonly redis: RedisClient,
  ) {}

  async check(): Promise<ViewCountingHealth> {
    const [backlog, unflushed] = await Promise.all([viewCountingBacklog(this.queues.all()), unflushedViews(this.redis)]);
    const round = (seconds: number) => Math.round(seconds * 10) / 10;
    const behind = backlog.prompt > COUNTS_PROMISE_SECONDS || unflushed.lagSeconds > COUNTS_PROMISE_SECONDS;
    return {
      status: behind ? 'behind' : 'up',
      flush: { counters: unflushed.counters, sinceLastFlushSeconds: unflushed.sinceLastFlushSeconds === null ? null : round(unflushed.sinceLastFlushSeconds) },
      promptLane: { batches: backlog.batches.prompt, oldestWaitSeconds: round(backlog.prompt) },
      bulkLane: { batches: backlog.batches.bulk, oldestWaitSeconds: round(backlog.bulk) },
      shards: this.queues.shards.length,
    };
  }
}
